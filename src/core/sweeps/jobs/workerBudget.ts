// How many job workers a sweep, an audit or a group of repeats may start: each is sent its own copy of the store,
// and on an 8-core laptop the default Workers setting is 7 of them. A copy of a large export is hundreds of MB, and a
// tab that outgrows its memory is killed with everything in it, so the copies are kept to what the tab can spend on
// data (the same budget an import is checked against, less the lab worker's own store). Fewer workers only makes the
// runs finish later; every run still trains and gives the same numbers.

import type { EventStore } from '../../events/types';
import { memoryBudget, type MemorySignals } from '../../events/memoryEstimate';

/** Bytes a worker's copy of the store takes: its typed arrays plus its id and name strings (2 B a character). */
export function storeCopyBytes(store: EventStore): number {
  const arrays = [store.userStart, store.category, store.day, store.action, store.count];
  const strings = [store.userIds, store.categoryIds, store.categoryNames];
  const text = strings.reduce((sum, list) => sum + list.reduce((s, id) => s + 2 * id.length + 16, 0), 0);
  return arrays.reduce((sum, a) => sum + a.byteLength, 0) + text;
}

export interface JobWorkerPlan {
  /** job workers to start (1: the runs train one after another in the lab worker, no copy) */
  workers: number;
  /** why fewer than asked, for the run's notice; null when all of them fit */
  notice: string | null;
}

function formatMB(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024 ** 2)).toLocaleString('en-US')} MB`;
}

/** The job workers of `requested` whose store copies fit the tab's budget beside the store the lab worker holds. */
export function planJobWorkers(requested: number, copyBytes: number, signals: MemorySignals): JobWorkerPlan {
  if (requested <= 1) return { workers: Math.max(1, requested), notice: null };
  const budget = memoryBudget(signals);
  const copies = Math.floor((budget.bytes - copyBytes) / Math.max(1, copyBytes));
  const workers = Math.max(1, Math.min(requested, copies));
  if (workers === requested) return { workers, notice: null };
  return {
    workers,
    notice:
      `Ran on ${workers} of the ${requested} workers asked for: each worker holds its own copy of the dataset ` +
      `(${formatMB(copyBytes)}) and this tab can spend about ${formatMB(budget.bytes)} on data (${budget.source}). ` +
      'The results are the same; they take longer.',
  };
}
