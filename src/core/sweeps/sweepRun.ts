// One run of a sweep (a point × repeat) from the split it shares with every other run: trains it, scores the
// validation users and returns its row. The same function serves the one-after-another loop and the job workers,
// so a run gives the same numbers wherever it trains.

import { computeBinaryMetrics } from '../evaluation/metrics';
import { delongAuc } from '../evaluation';
import type { BatchBuilder } from '../features';
import type { FeatureSpec } from '../features/types';
import type { ModelKind } from '../models/types';
import type { LabelledUsers } from '../labels';
import type { ClassWeights } from '../training/classWeights';
import type { TrainingImpl } from '../training/trainers';
import { trainModel } from '../training/trainModel';
import type { SweepRun } from './plan';

export interface SweepRunResult {
  point: number;
  repeat: number;
  seed: number;
  status: 'done' | 'stopped' | 'failed';
  message: string | null;
  /** validation ROC AUC and accuracy (threshold 0.5) of the final weights; null when the run failed */
  valAuc: number | null;
  /** DeLong standard error of valAuc on the validation users; null when the run failed */
  valAucSe: number | null;
  valAccuracy: number | null;
  epochs: number;
  /** validation loss after each epoch: the run's curve */
  valLosses: number[];
  seconds: number;
}

/** What every run of a sweep trains and validates on (a PreparedData provides it). */
export interface SweepData {
  spec: Pick<FeatureSpec, 'months' | 'days'>;
  builder: BatchBuilder;
  train: LabelledUsers;
  validation: LabelledUsers;
  /** the split's class weights: a sweep's runs train as `train` and the Train screen's runs do (they once did not) */
  classWeights: ClassWeights | null;
}

export interface SweepRunOptions {
  kind: ModelKind;
  data: SweepData;
  run: SweepRun;
  impl?: TrainingImpl;
  shouldStop?: () => boolean;
  yieldEvery?: () => Promise<void>;
  /** epochs finished so far in this run */
  onEpoch?: (epochsDone: number) => void;
}

export async function trainSweepRun(o: SweepRunOptions): Promise<SweepRunResult> {
  const started = performance.now();
  const result = await trainModel({
    kind: o.kind,
    hyperparameters: o.run.hyperparameters,
    width: o.data.builder.width,
    months: o.data.spec.months,
    days: o.data.spec.days,
    buildBatch: (users, labels) => o.data.builder.build(users, labels),
    train: o.data.train,
    validation: o.data.validation,
    classWeights: o.data.classWeights,
    impl: o.impl,
    shouldStop: o.shouldStop,
    yieldEvery: o.yieldEvery,
    onEpoch: (log) => o.onEpoch?.(log.epoch + 1),
  });
  result.model.dispose();
  const failed = result.status === 'failed';
  const labels = o.data.validation.labels;
  const metrics = failed ? null : computeBinaryMetrics(result.validationScores, labels, 0.5);
  const auc = failed ? null : delongAuc(result.validationScores, labels);
  return {
    point: o.run.point,
    repeat: o.run.repeat,
    seed: o.run.hyperparameters.seed,
    status: result.status,
    message: result.message,
    valAuc: finiteOrNull(metrics?.rocAuc),
    valAucSe: finiteOrNull(auc?.se),
    valAccuracy: finiteOrNull(metrics?.accuracy),
    epochs: result.epochs.length,
    valLosses: result.epochs.map((e) => e.valLoss),
    seconds: (performance.now() - started) / 1000,
  };
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}
