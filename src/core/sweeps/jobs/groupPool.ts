// Hands a group's runs (seed repeats, k-fold folds) to job workers, each worker taking the next run as soon as it is
// free. Unlike a sweep, a run that cannot finish does not stop the group: it ends with a message naming the run and
// its worker takes no more runs (it may be dead); the other workers go on with the rest. Cancel stops every run in
// flight after its current batch (each keeps what it learned) and starts no more.

import { describeError } from '../../errors';
import type { RunJob, RunJobProgress, RunJobResult } from './runJob';
import type { JobLink } from './types';

export type RunJobOutcome =
  | { status: 'finished'; result: RunJobResult }
  | { status: 'failed'; message: string }
  /** never handed to a worker: stopped (or cancelled) while it waited, or no worker was left to take it */
  | { status: 'not started'; message: string };

export interface GroupJobsOptions {
  jobs: readonly RunJob[];
  links: readonly JobLink[];
  signal?: AbortSignal;
  /** a run's Stop while it waits for a worker: true leaves it out */
  shouldSkip?: (job: RunJob) => boolean;
  /** a worker takes the run; `stop` ends it after its current batch, keeping what it learned */
  onStart?: (job: RunJob, stop: () => void) => void;
  onProgress: (job: RunJob, progress: RunJobProgress) => void;
  /** each run as it ends, in the order they end; awaited before its worker takes the next */
  onDone: (job: RunJob, outcome: RunJobOutcome) => void | Promise<void>;
}

/** Resolves once every run has ended (onDone heard for each); never rejects for a run's failure. */
export async function runGroupOnJobWorkers(o: GroupJobsOptions): Promise<void> {
  let next = 0;
  const inFlight = new Map<string, JobLink>();
  const stopAll = () => inFlight.forEach((link, runId) => link.stopRun(runId));
  o.signal?.addEventListener('abort', stopAll, { once: true });
  const take = async (): Promise<RunJob | null> => {
    while (next < o.jobs.length) {
      const job = o.jobs[next++];
      if (!o.signal?.aborted && !o.shouldSkip?.(job)) return job;
      await o.onDone(job, { status: 'not started', message: 'Stopped before it started.' });
    }
    return null;
  };
  const serve = async (link: JobLink) => {
    for (let job = await take(); job; job = await take()) {
      const current = job;
      inFlight.set(current.runId, link);
      o.onStart?.(current, () => link.stopRun(current.runId));
      let outcome: RunJobOutcome;
      try {
        const result = await link.trainRun(current, (p) => o.onProgress(current, p));
        outcome = { status: 'finished', result };
      } catch (err) {
        outcome = {
          status: 'failed',
          message: `${current.name} could not finish on its job worker: ${describeError(err)}`,
        };
      }
      inFlight.delete(current.runId);
      await o.onDone(current, outcome);
      // a worker that failed a run may be dead or broken: it takes no more
      if (outcome.status === 'failed') return;
    }
  };
  try {
    await Promise.all(o.links.map(serve));
    // every worker failed: what is left has none to train on
    while (next < o.jobs.length)
      await o.onDone(o.jobs[next++], {
        status: 'not started',
        message: 'No job worker was left to train it: every worker of the group failed. Train it again.',
      });
  } finally {
    o.signal?.removeEventListener('abort', stopAll);
  }
}
