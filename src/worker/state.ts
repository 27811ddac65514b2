// What the worker holds between requests. The dataset never leaves the worker in full; handlers read it here.

import type { EventStore, TruthTable } from '../core/events/types';
import type { DatasetInfo } from './dataMessages';
import type { EventKind, LabEvents } from './protocol';

export interface LoadedDataset {
  store: EventStore;
  truth: TruthTable | null;
  info: DatasetInfo;
}

export interface WorkerState {
  dataset: LoadedDataset | null;
  /** pushes an event that belongs to no request (set by the worker entry; a no-op in tests) */
  broadcast<E extends EventKind>(kind: E, payload: LabEvents[E]): void;
}

export function createWorkerState(): WorkerState {
  return { dataset: null, broadcast: () => {} };
}
