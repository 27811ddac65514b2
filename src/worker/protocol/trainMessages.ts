// Training requests and events: start a run (it answers with the finished RunRecord), stop it after the current
// batch, choose the TF.js backend, and summarise a model; events carry batch and epoch progress and phase changes.

import type { BackendInfo } from '../../core/backend';
import type { BackendName, Hyperparameters, ModelKind, ModelSummary } from '../../core/models';
import type {
  RunPhase,
  FeatureOptions,
  TrainingSetup,
  BatchLog,
  EpochLog,
  RunGroupTag,
  RunRecord,
} from '../../core/runs';

export interface TrainRunRequest {
  runId: string;
  name: string;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  /** preferred backend; the worker falls back (webgl → wasm → cpu) and records what ran */
  backend: BackendName;
  setup: TrainingSetup;
  /** one of a group of repeats; with mode 'folds' the run validates on fold `index` of `of` (the data seed's folds) */
  group?: RunGroupTag;
  /** data-parallel workers, the lab worker included (absent: 1); more than 1 spawns replica sub-workers */
  workers?: number;
}

/**
 * The runs of one group of repeats (seeds or folds), trained whole side by side on min(workers, runs) job
 * sub-workers; each run reports train/started … train/ended under its own runId.
 */
export interface TrainGroupRequest {
  runs: TrainRunRequest[];
  /** job sub-workers to spawn at most (the Workers setting, 2 or more) */
  workers: number;
}

export interface ModelSummaryRequest {
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  /** the input sizes come from these (the leakage guard does not change them) */
  features: Pick<FeatureOptions, 'topK' | 'months' | 'days'>;
  backend: BackendName;
}

export interface ModelSummaryResult extends ModelSummary {
  /** input sizes the model was built for: categories per step, month steps, day steps */
  width: number;
  months: number;
  days: number;
}

export interface TrainRequests {
  /** trains one run; resolves with its record (done, stopped or failed), rejects when it could not start */
  'train/run': { params: TrainRunRequest; result: RunRecord };
  /**
   * continues an interrupted run from its saved checkpoint, with the request that started it; resolves with its
   * record like train/run, rejects when the run has no checkpoint or another dataset is loaded
   */
  'train/resume': { params: { runId: string }; result: RunRecord };
  /**
   * trains a group's runs side by side on job sub-workers; resolves with the records of the runs that started (done,
   * stopped, failed or interrupted), rejects when the group could not start
   */
  'train/group': { params: TrainGroupRequest; result: RunRecord[] };
  /** ends the run after its current batch, keeping what it learned; false when no such run is training */
  'train/stop': { params: { runId: string }; result: boolean };
  /** starts (or switches to) a backend now, e.g. to show what will run before training */
  'train/backend': { params: { backend: BackendName }; result: BackendInfo };
  'train/summary': { params: ModelSummaryRequest; result: ModelSummaryResult };
}

/** The run is prepared and about to take its first batch: its record so far (status running, no epochs). */
export interface TrainStartedEvent {
  runId: string;
  record: RunRecord;
  backend: BackendInfo;
  batchesPerEpoch: number;
  totalBatches: number;
  trainUsers: number;
  validationUsers: number;
}

/** Batches since the last progress event (at most ~10 events a second). */
export interface TrainBatchEvent {
  runId: string;
  logs: BatchLog[];
  batchesDone: number;
  elapsedMs: number;
  /** over the whole run so far */
  samplesPerSec: number;
  /** milliseconds the first batch took (shader compilation on WebGL), for a fair remaining-time estimate */
  firstBatchMs: number;
}

export interface TrainEpochEvent {
  runId: string;
  log: EpochLog;
  /** tf.memory().numTensors after the epoch */
  numTensors: number;
}

export interface TrainPhaseEvent {
  runId: string;
  phase: RunPhase;
  /** users scored so far in the scoring phase */
  scored?: { done: number; total: number };
}

/** Something the analyst should know about a run that goes on (e.g. it moved to WASM after a lost WebGL context). */
export interface TrainNoticeEvent {
  runId: string;
  message: string;
}

/** A run of a group ended: its final record, or null when it never started (stopped while it waited). */
export interface TrainEndedEvent {
  runId: string;
  record: RunRecord | null;
}

export interface TrainEvents {
  'train/started': TrainStartedEvent;
  'train/batch': TrainBatchEvent;
  'train/epoch': TrainEpochEvent;
  'train/phase': TrainPhaseEvent;
  'train/notice': TrainNoticeEvent;
  'train/ended': TrainEndedEvent;
  /** broadcast whenever the active backend changes */
  'train/backend': BackendInfo;
}
