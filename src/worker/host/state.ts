// What the worker holds between requests, all in one typed object: the dataset, the trained runs, what the run saver
// knows, the runs training now and the kept scorings. The dataset never leaves the worker in full; handlers read it here.

import type { EventStore, TruthTable } from '../../core/events';
import type { RunRecord } from '../../core/runs';
import type { DatasetInfo } from '../protocol/dataMessages';
import type { EventKind, LabEvents } from '../protocol';
import { createRunRegistry, type RunRegistry } from './runRegistry';
import { openRunStorage, type RunStorage, type SavedValidation } from '../storage/runStorage';

export interface LoadedDataset {
  store: EventStore;
  truth: TruthTable | null;
  info: DatasetInfo;
}

/** What the run saver knows: where runs are saved, the writes queued per run and what storage holds. */
export interface RunSaving {
  /** null where IndexedDB does not exist (Node tests, the CLI): runs then live in memory only */
  storage: RunStorage | null;
  chains: Map<string, Promise<void>>;
  /** runs training now: they cannot be deleted, and their later writes take renames into account */
  training: Set<string>;
  /** deleted runs: writes still queued for them are dropped */
  deleted: Set<string>;
  /** names given to runs while they trained */
  names: Map<string, string>;
  /** runs whose storage failure was already reported (one message per run, not one per epoch) */
  reported: Set<string>;
  /** saved runs known from storage (restored), by id */
  saved: Map<string, RunRecord>;
  validation: Map<string, SavedValidation>;
  /** interrupted runs with a saved checkpoint (found at restore): Resume can continue them */
  resumable: Set<string>;
}

/** Every user of a dataset scored with a run, kept for its CSV. */
export interface Scoring {
  record: RunRecord;
  store: EventStore;
  scores: Float32Array;
  labels: Uint8Array;
  scoredAt: Date;
}

export interface WorkerState {
  dataset: LoadedDataset | null;
  /** the trained runs with their TF.js models */
  runs: RunRegistry;
  saving: RunSaving;
  /** runId → stop flag, for the runs training now; onStop passes a Stop on (a run on a job sub-worker) */
  activeRuns: Map<string, { stop: boolean; onStop?: () => void }>;
  /** the latest scorings by run id, oldest first */
  scorings: Map<string, Scoring>;
  /** pushes an event that belongs to no request (set by the worker entry; a no-op in tests) */
  broadcast<E extends EventKind>(kind: E, payload: LabEvents[E]): void;
}

export interface WorkerStateOptions {
  /** where runs are saved; by default IndexedDB where it exists (tests pass fake-indexeddb; null keeps runs in memory) */
  runStorage?: RunStorage | null;
}

export function createRunSaving(storage: RunStorage | null): RunSaving {
  return {
    storage,
    chains: new Map(),
    training: new Set(),
    deleted: new Set(),
    names: new Map(),
    reported: new Set(),
    saved: new Map(),
    validation: new Map(),
    resumable: new Set(),
  };
}

export function createWorkerState(options: WorkerStateOptions = {}): WorkerState {
  const storage =
    options.runStorage !== undefined
      ? options.runStorage
      : typeof indexedDB === 'undefined'
        ? null
        : openRunStorage();
  return {
    dataset: null,
    runs: createRunRegistry(),
    saving: createRunSaving(storage),
    activeRuns: new Map(),
    scorings: new Map(),
    broadcast: () => {},
  };
}
