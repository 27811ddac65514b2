// Worker threads that train whole sweep runs for `sweep --workers N`: each thread takes the next run as it frees up
// (independent jobs beat data parallelism for the small models a sweep tries: no per-step wait on the slowest).

import type { EventStore } from '../core/events';
import type { PreparedData } from '../core/runs';
import {
  createJobMessageLink,
  createJobSetup,
  runSweep,
  startJobWorkers,
  type JobLink,
  type SweepOptions,
  type SweepResult,
} from '../core/sweeps';
import { spawnTsxWorker } from './tsxWorker';

/** Links to `count` job threads; a thread that errors or exits fails the run it holds, naming the reason. */
export function startSweepJobThreads(count: number): JobLink[] {
  return Array.from({ length: count }, () => {
    const worker = spawnTsxWorker(new URL('./sweepJobWorker.ts', import.meta.url), null);
    return createJobMessageLink({
      post: (message) => worker.postMessage(message),
      listen(onReply, onFailure) {
        worker.on('message', onReply);
        worker.on('error', (err) => onFailure(`the worker thread threw: ${err.message}`));
        worker.on('exit', (code) => onFailure(`the worker thread exited (code ${code})`));
      },
      terminate: () => void worker.terminate(),
    });
  });
}

/**
 * Runs the sweep on `workers` job threads (each sent the store once), or on this thread when workers is 1. The
 * threads end when the sweep does, however it ends (done, cancelled, a run that failed).
 */
export async function runSweepOnThreads(
  workers: number,
  store: EventStore,
  backend: string,
  options: Omit<SweepOptions, 'prepared' | 'jobLinks'> & { prepared: PreparedData },
): Promise<SweepResult> {
  if (workers <= 1) return runSweep(options);
  const jobLinks = startSweepJobThreads(workers);
  try {
    const setup = createJobSetup({ store, prepared: options.prepared, kind: options.kind, backend });
    await startJobWorkers(jobLinks, setup);
    return await runSweep({ ...options, jobLinks });
  } finally {
    jobLinks.forEach((link) => link.dispose());
  }
}
