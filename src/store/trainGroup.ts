// A group of repeats (k seeds or k folds) with the Workers setting above 1: the queue hands the whole group to the
// worker at once (train/group), which trains its runs whole side by side on job sub-workers. Every run of the group
// is live at once (waiting ones until a worker is free); each ends on its own (train/ended, in trainActions), the
// queue goes on when the whole group has.

import type { LabClient } from '../worker/client';
import type { TrainRunRequest } from '../worker/protocol/trainMessages';
import { useLab } from './index';
import { endLive } from './runsActions';
import type { QueuedRun } from './runsSlice';
import { failedToTrain, keepFinished, noteResumable, startEmptyLive } from './trainLive';

const set = useLab.setState;
const get = useLab.getState;

/** Takes the rest of `first`'s group off the queue (its runs are queued together). */
function takeGroupRest(first: QueuedRun): QueuedRun[] {
  const mine = (q: QueuedRun) => q.group?.id === first.group?.id;
  const rest = get().queue.filter(mine);
  set({ queue: get().queue.filter((q) => !mine(q)) });
  return rest;
}

function requestOf(run: QueuedRun): TrainRunRequest {
  const { id, name, kind, hyperparameters, backend, workers, setup, group } = run;
  return { runId: id, name, kind, hyperparameters, backend, workers, setup, ...(group && { group }) };
}

/** Trains `first` and the rest of its group side by side, then calls `next` (the queue) unless the worker died. */
export async function trainGroupSideBySide(
  first: QueuedRun,
  client: LabClient,
  next: (client: LabClient) => Promise<void>,
): Promise<void> {
  const runs = [first, ...takeGroupRest(first)];
  const workers = first.workers ?? 1;
  const shown = runs.map((r) => ({ id: r.id, name: r.name }));
  set({ trainingNow: shown[0], trainingGroup: { runs: shown, workers: Math.min(workers, runs.length) } });
  // the first `workers` runs start at once; the others wait for a free worker
  runs.forEach((r, i) => startEmptyLive(r.id, i < workers ? 'preparing' : 'waiting'));
  let workerStopped = false;
  try {
    const records = await client.request('train/group', { runs: runs.map(requestOf), workers });
    records.forEach((record) => {
      keepFinished(record);
      noteResumable(record);
    });
  } catch (error) {
    workerStopped = failedToTrain(error, `${first.name} and its repeats`);
  } finally {
    runs.forEach((r) => endLive(r.id));
    set({ trainingNow: null, trainingGroup: null });
  }
  if (!workerStopped) void next(client);
}
