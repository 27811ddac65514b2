// A Train-screen run (one repeat of a group: a model seed or a fold) trained whole on a job worker, exactly as the
// lab worker trains it on one worker: the same split (prepareRunData, which the lab worker's trainRun uses too), the
// same runExperiment, the same seed. It hands back what the lab worker needs to keep it as a normal run: the record,
// the final weights as plain typed arrays, the validation scores and (with a truth file) every user's score. Its
// progress goes out as it trains, each epoch with the checkpoint the lab worker saves for Resume.

import type { EventStore, TruthTable } from '../../events/types';
import type { BackendName, Hyperparameters, ModelKind } from '../../models/types';
import type { RunGroupTag, RunRecord } from '../../runRecord/types';
import { runExperiment, type RunPhase } from '../../runs/experiment';
import { prepareTrainingData, type PreparedData, type TrainingSetup } from '../../runs/setup';
import { readTensorData, type TensorData, type TrainingCheckpoint } from '../../training/checkpoint';
import type { BatchLog, EpochLog } from '../../training/types';

/** One run of a group as a job: what the lab worker's train/run request says about it. */
export interface RunJob {
  runId: string;
  name: string;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  setup: TrainingSetup;
  /** the run's place in its group; with mode 'folds' it validates on fold `index` of `of` */
  group?: RunGroupTag;
  renderer: string | null;
}

/** What a run job reports while it trains. */
export type RunJobProgress =
  | { type: 'batches'; logs: BatchLog[] }
  | { type: 'epoch'; log: EpochLog; validationScores: Float32Array; checkpoint: TrainingCheckpoint }
  | { type: 'phase'; phase: RunPhase; scored?: { done: number; total: number } };

export interface RunJobResult {
  /** the record runExperiment made (the lab worker sets its start time, workers and group) */
  record: RunRecord;
  /** the final model's weights in model.getWeights() order, to rebuild it where the run is kept */
  weights: TensorData[];
  validationScores: Float32Array;
  /** every user's score when a truth file asked for them, else null */
  scores: Float32Array | null;
}

/**
 * The run's split and batches: the split follows the data seed, not the model seed (runs on the same rules and
 * sampling validate on the same users, so comparing them is a paired test); a k-fold repeat validates on its fold.
 */
export function prepareRunData(
  store: EventStore,
  run: { setup: TrainingSetup; hyperparameters: Hyperparameters; group?: RunGroupTag },
): PreparedData {
  return prepareTrainingData(store, run.setup, {
    validationFraction: run.hyperparameters.validationFraction,
    seed: run.setup.sampling.seed,
    ...(run.group?.mode === 'folds' && { fold: { k: run.group.of, index: run.group.index } }),
  });
}

export interface RunJobOptions {
  store: EventStore;
  truth: TruthTable | null;
  job: RunJob;
  backend: BackendName;
  onProgress: (progress: RunJobProgress) => void;
  /** polled after every batch: true ends the run after that batch, keeping what it learned (Stop) */
  shouldStop?: () => boolean;
  /** awaited after every batch, so the worker reads a stop message while the run trains */
  yieldEvery?: () => Promise<void>;
  /** how often batch logs go out at most (they are gathered in between) */
  batchIntervalMs?: number;
  now?: () => number;
}

export async function trainRunJob(o: RunJobOptions): Promise<RunJobResult> {
  const { job } = o;
  const prepared = prepareRunData(o.store, job);
  const now = o.now ?? (() => performance.now());
  const interval = o.batchIntervalMs ?? 100;
  let pending: BatchLog[] = [];
  let sentAt = now();
  const flush = () => {
    if (pending.length) o.onProgress({ type: 'batches', logs: pending });
    pending = [];
    sentAt = now();
  };
  let epoch: { log: EpochLog; validationScores: Float32Array } | null = null;
  const result = await runExperiment({
    id: job.runId,
    name: job.name,
    store: o.store,
    truth: o.truth,
    setup: job.setup,
    prepared,
    kind: job.kind,
    hyperparameters: job.hyperparameters,
    backend: o.backend,
    renderer: job.renderer,
    workers: 1,
    onBatch: (log) => {
      pending.push(log);
      if (now() - sentAt >= interval) flush();
    },
    onEpoch: (log, snapshot) => {
      flush();
      // copied: the scores array is the loop's, and the checkpoint that follows is what travels with it
      epoch = { log, validationScores: snapshot.validationScores.slice() };
    },
    onCheckpoint: (checkpoint) => {
      if (epoch) o.onProgress({ type: 'epoch', ...epoch, checkpoint });
      epoch = null;
    },
    shouldStop: o.shouldStop,
    yieldEvery: o.yieldEvery,
    onPhase: (phase) => o.onProgress({ type: 'phase', phase }),
    onScoring: (done, total) => o.onProgress({ type: 'phase', phase: 'scoring', scored: { done, total } }),
  });
  flush();
  try {
    const weights = await Promise.all(result.model.getWeights().map(readTensorData));
    return {
      record: result.record,
      weights,
      validationScores: result.validationScores,
      scores: result.scores,
    };
  } finally {
    result.model.dispose();
  }
}

/** The buffers of a result, to transfer rather than copy. */
export function runJobTransfer(result: RunJobResult): ArrayBuffer[] {
  const arrays = [...result.weights.map((w) => w.values), result.validationScores];
  if (result.scores) arrays.push(result.scores);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
