// The contract between a sweep and its job workers: what a worker is sent once (the data and the backend), what it
// runs (one sweep run, whole), and the transport-neutral link the sweep talks through.

import type { EventStore } from '../../events/types';
import type { FeatureSpec } from '../../features/types';
import type { LabelledUsers } from '../../labels';
import type { ModelKind } from '../../models/types';
import type { TrainingImpl } from '../../training/trainers';
import type { SweepRun } from '../plan';
import type { SweepRunResult } from '../sweepRun';

/**
 * Everything a job worker needs, sent once when it starts: the store's typed arrays and the feature spec (it builds
 * its own batches from them, exactly as the sweep's builder does), the shared split, the model kind and the backend.
 */
export interface JobSetup {
  /** the sweep's TF.js backend: every worker runs the same one, so a run rounds alike wherever it trains */
  backend: string;
  kind: ModelKind;
  impl?: TrainingImpl;
  store: EventStore;
  spec: FeatureSpec;
  train: LabelledUsers;
  validation: LabelledUsers;
}

/**
 * A job worker as the sweep sees it, whatever carries the messages (in-process, worker_threads, Web Workers).
 * Every call rejects with a message that says what failed once the worker is gone.
 */
export interface JobLink {
  start(setup: JobSetup): Promise<void>;
  /** trains one run; onEpoch hears the epochs it finishes */
  runJob(run: SweepRun, onEpoch: (epochsDone: number) => void): Promise<SweepRunResult>;
  /** ends the worker: a job in flight is abandoned (its promise rejects or settles as stopped) */
  dispose(): void;
}
