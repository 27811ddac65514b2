// What the run queue does around each run, one at a time or a group side by side: marks a run as training with
// empty live progress, keeps the worker's final record, and notes a run that Resume can continue.

import { describeError } from '../core/errors';
import type { RunRecord } from '../core/runs';
import { isWorkerStopped } from '../worker/client';
import { useLab } from './index';
import { addRun, clearQueue, startLive, updateRun } from './runsActions';
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

/**
 * A queued run (or group) whose request threw. The worker died under it: true, and store/workerRecovery brings the
 * runs back interrupted while the queue waits for the analyst. Otherwise it could not start (rules, data): the runs
 * after it would fail the same way, so the queue is cleared and `what` is shown with the reason.
 */
export function failedToTrain(error: unknown, what: string): boolean {
  if (isWorkerStopped(error)) return true;
  clearQueue();
  set({ trainError: `Could not train ${what}: ${describeError(error)}` });
  return false;
}
