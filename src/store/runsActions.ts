// Runs actions as plain functions (the train client, the Compare screen and tests call them without hooks):
// add, update, replace and remove records; live progress of a training run; the queue; selection.

import type { EpochLog, RunRecord } from '../core/runs';
import { useLab } from './index';
import type { QueuedRun, RunProgress } from './runsSlice';

const set = useLab.setState;
const get = useLab.getState;

/** The longest per-batch trace kept live (older batches are dropped, the epoch curves keep everything). */
export const MAX_LIVE_BATCHES = 5000;

export function addRun(record: RunRecord): void {
  set({ runs: [...get().runs.filter((r) => r.id !== record.id), record] });
}

/** Replaces a run's record (the finished record from the worker, a rename…); unknown ids are ignored. */
export function updateRun(runId: string, change: Partial<RunRecord>): void {
  set({ runs: get().runs.map((r) => (r.id === runId ? { ...r, ...change, id: runId } : r)) });
}

/** Forgets a run in the page (the caller also deletes it in the worker, which frees its model). */
export function removeRun(runId: string): void {
  const { runs, live, selectedRunId, resumable, runNotices } = get();
  const rest = { ...live };
  delete rest[runId];
  const notices = { ...runNotices };
  delete notices[runId];
  set({
    runs: runs.filter((r) => r.id !== runId),
    live: rest,
    selectedRunId: selectedRunId === runId ? null : selectedRunId,
    resumable: resumable.filter((id) => id !== runId),
    runNotices: notices,
  });
}

export function selectRun(runId: string | null): void {
  set({ selectedRunId: runId });
}

export function startLive(progress: RunProgress): void {
  set({ live: { ...get().live, [progress.runId]: progress } });
}

export function updateLive(runId: string, change: Partial<RunProgress>): void {
  const current = get().live[runId];
  if (current) set({ live: { ...get().live, [runId]: { ...current, ...change } } });
}

/** Adds batch logs to the live trace, keeping the last MAX_LIVE_BATCHES. */
export function appendLiveBatches(
  runId: string,
  logs: RunProgress['batches'],
  change: Partial<RunProgress>,
): void {
  const current = get().live[runId];
  if (!current) return;
  const batches = current.batches.concat(logs);
  updateLive(runId, { ...change, batches: batches.slice(-MAX_LIVE_BATCHES) });
}

/** A finished epoch: the record's curve grows and the tensor count is noted. */
export function appendEpoch(runId: string, log: EpochLog, numTensors: number): void {
  const record = get().runs.find((r) => r.id === runId);
  // an epoch trained again (after a lost WebGL context, from the checkpoint before it) replaces the lost attempt's
  if (record) updateRun(runId, { epochs: [...record.epochs.filter((e) => e.epoch < log.epoch), log] });
  const current = get().live[runId];
  if (current) updateLive(runId, { tensorsPerEpoch: [...current.tensorsPerEpoch, numTensors] });
}

export function endLive(runId: string): void {
  const rest = { ...get().live };
  delete rest[runId];
  set({ live: rest });
}

export function enqueueRuns(runs: QueuedRun[]): void {
  set({ queue: [...get().queue, ...runs] });
}

/** Takes the next queued run off the queue (null when empty). */
export function takeQueuedRun(): QueuedRun | null {
  const [next, ...rest] = get().queue;
  if (!next) return null;
  set({ queue: rest });
  return next;
}

export function removeQueuedRun(id: string): void {
  set({ queue: get().queue.filter((q) => q.id !== id) });
}

export function clearQueue(): void {
  set({ queue: [] });
}
