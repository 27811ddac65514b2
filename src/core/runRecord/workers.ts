// A run's worker count as every reader should see it: records from before the count was kept trained on one worker.

import type { RunRecord } from './types';

/** The data-parallel workers a run trained on: 1 for older records (and for a value that is not a count). */
export function runWorkers(record: Pick<RunRecord, 'workers'>): number {
  const w = record.workers;
  return typeof w === 'number' && Number.isInteger(w) && w >= 1 ? w : 1;
}
