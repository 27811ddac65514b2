// Hands a sweep's runs to its job workers: each worker takes the next run in plan order as soon as it is free, so
// a fast worker is never left idle behind a slow one. Cancel ends every worker; a run that cannot finish (its
// worker throws or dies) stops the sweep with a message naming the run, and ends the other workers too.

import { describeError } from '../../errors';
import type { FeatureSpec } from '../../features/types';
import type { FoldJob } from '../../training/crossValidate';
import type { SweepRun } from '../plan';
import type { SweepRunResult } from '../sweepRun';
import type { JobLink, JobSetup } from './types';

export interface JobPoolOptions {
  runs: readonly SweepRun[];
  links: readonly JobLink[];
  signal?: AbortSignal;
  /** a run's epochs as its worker finishes them (0 as it starts), with the runs finished and training so far */
  onEpoch?: (run: SweepRun, epochsDone: number, counts: { runsDone: number; training: number }) => void;
  /** each finished run, in the order they finish */
  onRunDone: (row: SweepRunResult) => void;
  /** the error that stops the sweep when a run cannot finish: it names the run */
  stopError: (run: SweepRun, err: unknown) => Error;
}

/** Resolves when every run finished or the signal aborted; rejects with the first run that could not finish. */
export async function runOnJobWorkers(o: JobPoolOptions): Promise<void> {
  let next = 0;
  let runsDone = 0;
  let training = 0;
  let failure: Error | null = null;
  const endAll = () => o.links.forEach((link) => link.dispose());
  o.signal?.addEventListener('abort', endAll, { once: true });
  const stopped = () => failure !== null || (o.signal?.aborted ?? false);
  const serve = async (link: JobLink) => {
    while (next < o.runs.length && !stopped()) {
      const run = o.runs[next++];
      training++;
      o.onEpoch?.(run, 0, { runsDone, training });
      try {
        const row = await link.runJob(run, (epochs) => o.onEpoch?.(run, epochs, { runsDone, training }));
        training--;
        // a run cut short by the cancel is not a result
        if (stopped()) return;
        runsDone++;
        o.onRunDone(row);
      } catch (err) {
        training--;
        if (stopped()) return;
        failure = o.stopError(run, err);
        endAll();
        return;
      }
    }
  };
  try {
    await Promise.all(o.links.map(serve));
  } finally {
    o.signal?.removeEventListener('abort', endAll);
  }
  if (failure) throw failure;
}

/** Starts every worker on the sweep's data; if one cannot start, all are ended and its reason is thrown. */
export async function startJobWorkers(links: readonly JobLink[], setup: JobSetup): Promise<void> {
  try {
    await Promise.all(links.map((link) => link.start(setup)));
  } catch (err) {
    links.forEach((link) => link.dispose());
    throw new Error(`A job worker could not start: ${describeError(err)}`, { cause: err });
  }
}

/**
 * A fold scorer over the workers: each fold waits for a free worker, in the order asked; onStart hears each fold
 * as a worker takes it. The caller hands over every fold at once (crossValidateScores with scoreFold) and ends the
 * workers however the folds end (which also stops the folds in flight: their promises reject).
 */
export function createFoldScorer(
  links: readonly JobLink[],
  onStart?: (job: FoldJob) => void,
): (job: FoldJob, spec: FeatureSpec) => Promise<Float32Array> {
  const free = [...links];
  const waiting: ((link: JobLink) => void)[] = [];
  const release = (link: JobLink) => {
    const next = waiting.shift();
    if (next) next(link);
    else free.push(link);
  };
  return async (job, spec) => {
    const link = free.shift() ?? (await new Promise<JobLink>((resolve) => waiting.push(resolve)));
    try {
      onStart?.(job);
      return await link.runFold(job, spec);
    } catch (err) {
      const reason = describeError(err);
      // a fold that failed in training already says which it is
      if (reason.startsWith(`Fold ${job.fold + 1} of`)) throw err;
      throw new Error(`Fold ${job.fold + 1} of ${job.of} could not finish on its worker: ${reason}`, {
        cause: err,
      });
    } finally {
      release(link);
    }
  };
}
