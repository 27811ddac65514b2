// What the run queue does around each run, one at a time or a group side by side: marks a run as training with
// empty live progress, keeps the worker's final record, and notes a run that Resume can continue.

import type { RunRecord } from '../core/runs';
import { useLab } from './index';
import { addRun, startLive, updateRun } from './runsActions';
import type { LivePhase } from './runsSlice';

const set = useLab.setState;
const get = useLab.getState;

/** Empty live progress for a run until the worker's first event ('waiting': its group has no worker free yet). */
export function startEmptyLive(runId: string, phase: LivePhase = 'preparing'): void {
  startLive({
    runId,
    phase,
    batches: [],
    batchesDone: 0,
    totalBatches: 0,
    batchesPerEpoch: 0,
    samplesPerSec: 0,
    elapsedMs: 0,
    remainingMs: null,
    tensorsPerEpoch: [],
    trainUsers: 0,
    validationUsers: 0,
    stopRequested: false,
  });
}

/** Marks a run as the one training now, with empty live progress until the worker's first event. */
export function beginTraining(run: { id: string; name: string }): void {
  set({ trainingNow: { id: run.id, name: run.name } });
  startEmptyLive(run.id);
}

/** The worker's final record of a run replaces the page's. */
export function keepFinished(record: RunRecord): void {
  if (get().runs.some((r) => r.id === record.id)) updateRun(record.id, record);
  else addRun(record);
}

/** A run the worker ended as interrupted with its checkpoint kept (a sub-worker died): Resume continues it. */
export function noteResumable(record: RunRecord): void {
  if (record.status === 'interrupted' && !get().resumable.includes(record.id))
    set({ resumable: [...get().resumable, record.id] });
}
