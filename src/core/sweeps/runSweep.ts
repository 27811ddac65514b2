// Runs a planned sweep over the shared training loop: one prepared split for every run (so points are compared on
// the same validation users), progress with an estimate of the time left, cooperative cancel, one row per point.

import { computeBinaryMetrics } from '../evaluation/metrics';
import { delongAuc, Z95 } from '../evaluation';
import type { ModelKind } from '../models/types';
import type { PreparedData } from '../runs/setup';
import type { TrainingImpl } from '../training/trainers';
import { trainModel } from '../training/trainModel';
import type { SweepParameter, SweepPlan, SweepPoint } from './plan';

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
  seconds: number;
}

export interface SweepPointResult {
  index: number;
  settings: Partial<Record<SweepParameter, number>>;
  runs: SweepRunResult[];
  /** mean, spread and range of the validation AUC over the point's finished runs; null before any */
  valAuc: number | null;
  valAucSd: number | null;
  valAucMin: number | null;
  valAucMax: number | null;
  /**
   * 95% interval of valAuc from the runs' DeLong errors: mean ± 1.96·√(mean of their variances). The repeats share
   * the validation users, so their errors are strongly correlated; treating them as fully correlated (no shrinking
   * with repeats) keeps the interval honest rather than narrow. Null before any run.
   */
  valAucCi95: [number, number] | null;
}

export interface SweepProgress {
  /** runs finished, and all runs */
  done: number;
  total: number;
  point: number;
  repeat: number;
  /** epochs finished in the current run */
  epoch: number;
  elapsedSeconds: number;
  /** from the time per finished epoch so far; null until one epoch is done */
  secondsLeft: number | null;
}

export interface SweepResult {
  status: 'done' | 'cancelled';
  points: SweepPointResult[];
  /** index of the point with the highest mean validation AUC; null when none finished */
  best: number | null;
  seconds: number;
}

export interface SweepOptions {
  kind: ModelKind;
  plan: SweepPlan;
  prepared: PreparedData;
  impl?: TrainingImpl;
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  onRunDone?: (run: SweepRunResult, point: SweepPointResult) => void;
  /** awaited after every batch, so a worker can read its messages */
  yieldEvery?: () => Promise<void>;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const points = o.plan.points.map(emptyPoint);
  const clock = {
    epochsDone: 0,
    epochsPlanned: o.plan.runs.reduce((n, r) => n + r.hyperparameters.epochs, 0),
  };
  for (let i = 0; i < o.plan.runs.length; i++) {
    if (o.signal?.aborted) break;
    const run = o.plan.runs[i];
    const progress = (epoch: number) =>
      o.onProgress?.({
        done: i,
        total: o.plan.runs.length,
        point: run.point,
        repeat: run.repeat,
        epoch,
        elapsedSeconds: elapsed(),
        secondsLeft: estimateLeft(clock, elapsed()),
      });
    progress(0);
    const runStarted = performance.now();
    const result = await trainModel({
      kind: o.kind,
      hyperparameters: run.hyperparameters,
      width: o.prepared.builder.width,
      months: o.prepared.spec.months,
      days: o.prepared.spec.days,
      buildBatch: (users, labels) => o.prepared.builder.build(users, labels),
      train: o.prepared.train,
      validation: o.prepared.validation,
      impl: o.impl,
      shouldStop: () => o.signal?.aborted ?? false,
      yieldEvery: o.yieldEvery,
      onEpoch: (log) => {
        clock.epochsDone++;
        progress(log.epoch + 1);
      },
    });
    result.model.dispose();
    // an early stop ends a run short of its planned epochs: the estimate counts them as done
    clock.epochsDone += run.hyperparameters.epochs - result.epochs.length;
    if (result.status === 'stopped' && o.signal?.aborted) break;
    const failed = result.status === 'failed';
    const labels = o.prepared.validation.labels;
    const metrics = failed ? null : computeBinaryMetrics(result.validationScores, labels, 0.5);
    const auc = failed ? null : delongAuc(result.validationScores, labels);
    const row: SweepRunResult = {
      point: run.point,
      repeat: run.repeat,
      seed: run.hyperparameters.seed,
      status: result.status,
      message: result.message,
      valAuc: finiteOrNull(metrics?.rocAuc),
      valAucSe: finiteOrNull(auc?.se),
      valAccuracy: finiteOrNull(metrics?.accuracy),
      epochs: result.epochs.length,
      seconds: (performance.now() - runStarted) / 1000,
    };
    const point = points[run.point];
    point.runs.push(row);
    summarisePoint(point);
    o.onRunDone?.(row, point);
  }
  const finished = o.plan.runs.length === points.reduce((n, p) => n + p.runs.length, 0);
  return { status: finished ? 'done' : 'cancelled', points, best: pickBest(points), seconds: elapsed() };
}

function emptyPoint(p: SweepPoint): SweepPointResult {
  return {
    index: p.index,
    settings: p.settings,
    runs: [],
    valAuc: null,
    valAucSd: null,
    valAucMin: null,
    valAucMax: null,
    valAucCi95: null,
  };
}

function summarisePoint(point: SweepPointResult): void {
  const aucs = point.runs.map((r) => r.valAuc).filter((v): v is number => v !== null);
  if (aucs.length === 0) return;
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const variance = aucs.length > 1 ? aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / (aucs.length - 1) : 0;
  const ses = point.runs.map((r) => r.valAucSe).filter((v): v is number => v !== null);
  const se = ses.length ? Math.sqrt(ses.reduce((a, v) => a + v * v, 0) / ses.length) : NaN;
  Object.assign(point, {
    valAuc: mean,
    valAucSd: Math.sqrt(variance),
    valAucMin: Math.min(...aucs),
    valAucMax: Math.max(...aucs),
    valAucCi95: Number.isFinite(se) ? [Math.max(0, mean - Z95 * se), Math.min(1, mean + Z95 * se)] : null,
  });
}

function pickBest(points: SweepPointResult[]): number | null {
  let best: SweepPointResult | null = null;
  for (const p of points) if (p.valAuc !== null && (best === null || p.valAuc > best.valAuc!)) best = p;
  return best?.index ?? null;
}

function estimateLeft(
  clock: { epochsDone: number; epochsPlanned: number },
  elapsedSeconds: number,
): number | null {
  if (clock.epochsDone === 0) return null;
  return (elapsedSeconds / clock.epochsDone) * Math.max(0, clock.epochsPlanned - clock.epochsDone);
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}
