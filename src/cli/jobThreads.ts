// Worker threads that train whole jobs for `sweep --workers N` (runs) and `audit --workers N` (folds): each thread
// takes the next job as it frees up (independent jobs beat data parallelism for small models: no per-step wait on
// the slowest worker).

import type { EventStore } from '../core/events';
import type { PreparedData } from '../core/runs';
import type { ModelKind } from '../core/models';
import {
  createFoldScorer,
  createJobMessageLink,
  createJobSetup,
  runSweep,
  startJobWorkers,
  type JobLink,
  type SweepOptions,
  type SweepResult,
} from '../core/sweeps';
import type { FoldJob } from '../core/training';
import { spawnTsxWorker } from './tsxWorker';

/** Links to `count` job threads; a thread that errors or exits fails the job it holds, naming the reason. */
export function startJobThreads(count: number): JobLink[] {
  return Array.from({ length: count }, () => {
    const worker = spawnTsxWorker(new URL('./jobThreadWorker.ts', import.meta.url), null);
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
  const jobLinks = startJobThreads(workers);
  try {
    const setup = createJobSetup({ store, prepared: options.prepared, kind: options.kind, backend });
    await startJobWorkers(jobLinks, setup);
    return await runSweep({ ...options, jobLinks });
  } finally {
    jobLinks.forEach((link) => link.dispose());
  }
}

type FoldScorer = ReturnType<typeof createFoldScorer>;

/**
 * Gives `work` a fold scorer over `workers` job threads (each sent the store once), or none when workers is 1 (the
 * folds train here). The threads end when the work does, however it ends.
 */
export async function withFoldThreads<T>(
  o: {
    workers: number;
    store: EventStore;
    kind: ModelKind;
    backend: string;
    onStart?: (job: FoldJob) => void;
  },
  work: (scoreFold: FoldScorer | undefined) => Promise<T>,
): Promise<T> {
  if (o.workers <= 1) return work(undefined);
  const links = startJobThreads(o.workers);
  try {
    await startJobWorkers(links, createJobSetup({ store: o.store, kind: o.kind, backend: o.backend }));
    return await work(createFoldScorer(links, o.onStart));
  } finally {
    links.forEach((link) => link.dispose());
  }
}
