// One training run end to end, the same for the worker and the CLI: train on prepared data, then evaluate as the
// method asks (validation metrics, doctored validation inputs, ground truth over every user) into a RunRecord.

import type * as tf from '@tensorflow/tfjs';
import { fingerprintData } from '../bundle/fingerprint';
import type { EventStore, TruthTable } from '../events/types';
import type { FeatureBatch } from '../features/types';
import {
  computeBinaryMetrics,
  estimateRunIntervals,
  evaluateAgainstTruth,
  evaluateDoctored,
  ruleFeatureIndices,
  type RunEvaluation,
} from '../evaluation';
import type { BackendName, Hyperparameters, ModelKind } from '../models/types';
import { createFastTrainer } from '../training/trainers';
import { trainModel, type TrainOptions } from '../training/trainModel';
import { scoreStore, type StoreScorer } from './scoring';
import type { PreparedData, TrainingSetup } from './setup';
import type { RunRecord } from '../runRecord/types';

export type RunPhase = 'training' | 'evaluating' | 'scoring';

export interface ExperimentOptions extends Pick<
  TrainOptions,
  | 'onBatch'
  | 'onEpoch'
  | 'shouldStop'
  | 'yieldEvery'
  | 'checkHealth'
  | 'failure'
  | 'impl'
  | 'createTrainer'
  | 'resumeFrom'
  | 'onCheckpoint'
> {
  id: string;
  name: string;
  store: EventStore;
  truth: TruthTable | null;
  setup: TrainingSetup;
  prepared: PreparedData;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  backend: BackendName;
  renderer: string | null;
  onPhase?: (phase: RunPhase) => void;
  /** data-parallel workers the run trains on, kept on its record (absent: not recorded, which reads as 1) */
  workers?: number;
  /** how every user is scored against the truth: this thread by default, or on workers (createShardedScorer) */
  scoreUsers?: StoreScorer;
  /** users scored so far in the scoring phase */
  onScoring?: (done: number, total: number) => void;
}

export interface ExperimentResult {
  record: RunRecord;
  model: tf.LayersModel;
  /** one score per store user when a truth file asked for them, else null */
  scores: Float32Array | null;
  /** scores of the validation users (prepared.validation order) with the final weights */
  validationScores: Float32Array;
}

const EVAL_BATCH = 256;
const MAX_BATCH_LOGS = 2000;

export async function runExperiment(o: ExperimentOptions): Promise<ExperimentResult> {
  const startedAt = new Date().toISOString();
  const { prepared, store } = o;
  o.onPhase?.('training');
  const result = await trainModel({
    kind: o.kind,
    hyperparameters: o.hyperparameters,
    width: prepared.builder.width,
    months: prepared.spec.months,
    days: prepared.spec.days,
    buildBatch: (users, labels) => prepared.builder.build(users, labels),
    train: prepared.train,
    validation: prepared.validation,
    classWeights: prepared.classWeights,
    impl: o.impl,
    createTrainer: o.createTrainer,
    onBatch: o.onBatch,
    onEpoch: o.onEpoch,
    shouldStop: o.shouldStop,
    yieldEvery: o.yieldEvery,
    checkHealth: o.checkHealth,
    failure: o.failure,
    resumeFrom: o.resumeFrom,
    onCheckpoint: o.onCheckpoint,
  });
  const record: RunRecord = {
    id: o.id,
    name: o.name,
    kind: o.kind,
    hyperparameters: o.hyperparameters,
    featureSpec: prepared.spec,
    rules: o.setup.rules,
    backend: o.backend,
    renderer: o.renderer,
    status: result.status,
    startedAt,
    durationMs: result.durationMs,
    paramCount: result.paramCount,
    epochs: result.epochs,
    batches: thin(result.batches, MAX_BATCH_LOGS),
    validation: computeBinaryMetrics(result.validationScores, prepared.validation.labels, 0.5),
    message: result.message,
    dataFingerprint: fingerprintData(store),
    evaluation: null,
    ...(o.workers !== undefined && { workers: o.workers }),
  };
  const { validationScores } = result;
  if (result.status === 'failed' || result.epochs.length === 0)
    return { record, model: result.model, scores: null, validationScores };
  o.onPhase?.('evaluating');
  const evaluation: RunEvaluation = {
    doctored: await evaluateValidationDoctored(o, result.model),
    truth: null,
  };
  let scores: Float32Array | null = null;
  let truthForIntervals: Parameters<typeof estimateRunIntervals>[0]['truth'] = null;
  if (o.truth) {
    o.onPhase?.('scoring');
    scores = await (o.scoreUsers ?? scoreStore)({
      model: result.model,
      kind: o.kind,
      spec: prepared.spec,
      store,
      onProgress: o.onScoring,
    });
    const input = {
      userIds: store.userIds,
      scores,
      truth: o.truth,
      ruleLabels: prepared.labels.labels,
      threshold: 0.5,
    };
    evaluation.truth = evaluateAgainstTruth(input);
    truthForIntervals = { input, evaluation: evaluation.truth };
  }
  record.evaluation = evaluation;
  record.intervals = estimateRunIntervals({
    trainLabels: prepared.train.labels,
    validationLabels: prepared.validation.labels,
    validationScores,
    classWeights: prepared.classWeights,
    truth: truthForIntervals,
  });
  return { record, model: result.model, scores, validationScores };
}

/** The method's doctored-data test on the validation users: erase purchases, erase the rule categories. */
async function evaluateValidationDoctored(o: ExperimentOptions, model: tf.LayersModel) {
  const { prepared } = o;
  const batches: FeatureBatch[] = [];
  const { users, labels } = prepared.validation;
  for (let s = 0; s < users.length; s += EVAL_BATCH)
    batches.push(
      prepared.builder.build(users.subarray(s, s + EVAL_BATCH), labels.subarray(s, s + EVAL_BATCH)),
    );
  const trainer = createFastTrainer(model, o.kind, { ...o.hyperparameters, dropout: 0 });
  try {
    return await evaluateDoctored({
      score: async (batch) => trainer.predict(batch),
      batches,
      ruleFeatureIndices: ruleFeatureIndices(prepared.spec, prepared.ruleCategories),
      threshold: 0.5,
    });
  } finally {
    trainer.dispose();
  }
}

/** Keeps at most `max` evenly spaced entries (always the last), so records stay small. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * step)]);
  out.push(items[items.length - 1]);
  return out;
}
