// After the lab worker died mid-work (crash, out of memory, closed): the client has started a fresh worker; this
// brings the page back to what the browser saved, through the same restore as a page load (restoreDataset,
// restoreRuns). The run that was training (every run of a group on job workers) comes back interrupted at its last saved epoch with Resume; queued runs
// stay queued until the analyst resumes or trains; a notice above every screen says what stopped and what came back.

import { getLabClient, type LabClient } from '../worker/client';
import { restoreRuns } from './compareActions';
import { restoreDataset } from './dataActions';
import { useLab } from './index';
import { updateRun } from './runsActions';

const set = useLab.setState;
const get = useLab.getState;

/** Restores the page after every worker restart of this client. Returns the unsubscribe function. */
export function connectWorkerRecovery(client: LabClient = getLabClient()): () => void {
  return client.onRestart((reason) => void recoverAfterWorkerStop(reason, client));
}

export async function recoverAfterWorkerStop(
  reason: string,
  client: LabClient = getLabClient(),
): Promise<void> {
  // read before the requests in flight settle: the run (or the group's runs) training when the worker died
  const now = get().trainingNow;
  const training = get().trainingGroup?.runs ?? (now ? [now] : []);
  const hadDataset = get().dataset !== null;
  set({
    workerNotice: `The lab's background worker stopped (${reason}). A fresh one is starting with what this browser saved…`,
  });
  const datasetBack = await restoreDataset(client);
  // a dataset the page showed but storage did not keep is gone with the worker
  if (hadDataset && !datasetBack) set({ dataset: null, screen: 'data' });
  await restoreRuns(client);
  const said = [`The lab's background worker stopped (${reason}); a fresh one took over.`];
  if (datasetBack) said.push('The dataset saved in this browser is back.');
  else if (hadDataset)
    said.push('The dataset was not saved in this browser (see the storage notice), so drop its files again.');
  for (const run of training) said.push(describeRun(run));
  const queued = get().queue.length;
  if (queued > 0)
    said.push(
      `${queued} queued run${queued === 1 ? ' waits' : 's wait'}: ${queued === 1 ? 'it starts' : 'they start'} after a Resume or the next Train.`,
    );
  set({ workerNotice: said.join(' ') });
}

/** What became of the run that was training: interrupted at its last saved epoch, resumable or not. */
function describeRun(training: { id: string; name: string }): string {
  const run = get().runs.find((r) => r.id === training.id);
  if (!run || run.status === 'running' || run.status === 'queued') {
    // nothing of it reached storage (no epoch had finished, or storage is off): nothing to resume from
    if (run)
      updateRun(run.id, {
        status: 'interrupted',
        message: `Interrupted: the lab's worker stopped before an epoch of this run was saved. Train it again.`,
      });
    return `${training.name} had no saved epoch to come back from: train it again.`;
  }
  const epochs = run.epochs.length;
  return get().resumable.includes(run.id)
    ? `${run.name} is interrupted at epoch ${epochs}, its checkpoint kept: Resume continues it on the Train screen.`
    : `${run.name} is kept as of epoch ${epochs} (interrupted).`;
}
