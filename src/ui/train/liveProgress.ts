// What a live run's progress reads as on the Train screen, shared by the one-run status and the group's rows.

import type { RunRecord } from '../../core/runs';
import type { RunProgress } from '../../store/runsSlice';

/** The epoch training now (1-based); a resumed run's batches count from the epoch it resumed at. */
export function liveEpoch(record: RunRecord | null, live: RunProgress): number {
  const epochsTotal = record?.hyperparameters.epochs ?? 0;
  if (live.batchesPerEpoch <= 0) return 0;
  return Math.min(
    epochsTotal,
    (live.epochsBefore ?? 0) + Math.floor(live.batchesDone / live.batchesPerEpoch) + 1,
  );
}

/** The bar follows the batches while training, then the users scored against the truth. */
export function liveFraction(live: RunProgress): number {
  if (live.phase === 'scoring' && live.scored) return live.scored.done / Math.max(1, live.scored.total);
  return live.totalBatches > 0 ? live.batchesDone / live.totalBatches : 0;
}
