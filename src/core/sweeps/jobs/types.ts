// The contract between a sweep (or a label audit) and its job workers: what a worker is sent once (the data and the
// backend), what it runs (one sweep run, one audit fold or one Train-screen run, whole), and the transport-neutral link between them.

import type { EventStore, TruthTable } from '../../events/types';
import type { FeatureSpec } from '../../features/types';
import type { LabelledUsers } from '../../labels';
import type { ModelKind } from '../../models/types';
import type { ClassWeights } from '../../training/classWeights';
import type { FoldJob } from '../../training/crossValidate';
import type { TrainingImpl } from '../../training/trainers';
import type { SweepRun } from '../plan';
import type { SweepRunResult } from '../sweepRun';
import type { RunJob, RunJobProgress, RunJobResult } from './runJob';

/** A sweep's shared split and the spec its batches are built by. */
export interface SweepSplit {
  spec: FeatureSpec;
  train: LabelledUsers;
  validation: LabelledUsers;
  /** the split's balanced class weights (null: the setting is off), as every run of the lab trains with */
  classWeights: ClassWeights | null;
}

/**
 * Everything a job worker needs, sent once when it starts: the store's typed arrays (it builds its own batches from
 * them, exactly as the caller's builder does), the model kind, the backend and, for a sweep, the shared split.
 */
export interface JobSetup {
  /** the caller's TF.js backend: every worker runs the same one, so a job rounds alike wherever it trains */
  backend: string;
  kind: ModelKind;
  impl?: TrainingImpl;
  store: EventStore;
  /** a sweep's split; absent for audit folds, which carry their users and spec */
  sweep?: SweepSplit;
  /** the truth file, for Train-screen runs (they score every user against it, as on the lab worker) */
  truth?: TruthTable | null;
}

/**
 * A job worker as the sweep sees it, whatever carries the messages (in-process, worker_threads, Web Workers).
 * Every call rejects with a message that says what failed once the worker is gone.
 */
export interface JobLink {
  start(setup: JobSetup): Promise<void>;
  /** trains one run; onEpoch hears the epochs it finishes */
  runJob(run: SweepRun, onEpoch: (epochsDone: number) => void): Promise<SweepRunResult>;
  /** trains one audit fold on batches built by `spec`; resolves with its test users' scores */
  runFold(job: FoldJob, spec: FeatureSpec): Promise<Float32Array>;
  /** trains one Train-screen run whole (a repeat of a group); onProgress hears its batches, epochs and phases */
  trainRun(job: RunJob, onProgress: (progress: RunJobProgress) => void): Promise<RunJobResult>;
  /** ends that run after its current batch, keeping what it learned (Stop); nothing when it is not training */
  stopRun(runId: string): void;
  /** ends the worker: a job in flight is abandoned (its promise rejects or settles as stopped) */
  dispose(): void;
}
