// Test transports for sweep jobs: a job worker served over a channel inside this thread (structured clone, like
// postMessage), one that dies like a crashed worker at a chosen run, and one that holds a result back so runs
// finish out of plan order. Test support only.

import {
  createJobMessageLink,
  serveJobs,
  type JobLink,
  type JobReply,
  type JobRequest,
  type SweepRunResult,
} from '../core/sweeps';

/**
 * A link to a job worker served over an in-thread channel; it dies like a crashed thread when sent the sweep run of
 * point `dieAtPoint`, the audit fold `dieAtFold` or the Train-screen run `dieAtRun` (or after the first epoch of
 * the run `dieAfterEpochOf`).
 */
export function createLoopbackJobLink(
  options: { dieAtPoint?: number; dieAtFold?: number; dieAtRun?: string; dieAfterEpochOf?: string } = {},
): {
  link: JobLink;
  ended: () => boolean;
} {
  let toWorker: (r: JobRequest) => void = () => {};
  let toSweep: (r: JobReply) => void = () => {};
  let fail: (reason: string) => void = () => {};
  let dead = false;
  // the request id of the run that dies once its first epoch is reported
  let doomed = -1;
  serveJobs(
    {
      post: (reply) =>
        setTimeout(() => {
          if (dead) return;
          toSweep(structuredClone(reply));
          if (reply.id === doomed && 'progress' in reply && reply.progress.type === 'epoch') {
            dead = true;
            fail('the worker thread exited (code 1)');
          }
        }),
      listen: (onRequest) => (toWorker = onRequest),
    },
    async () => {},
  );
  const link = createJobMessageLink({
    post: (message) =>
      setTimeout(() => {
        if (dead) return;
        const dies =
          (message.type === 'run' && message.run.point === options.dieAtPoint) ||
          (message.type === 'fold' && message.job.fold === options.dieAtFold) ||
          (message.type === 'train' && message.job.runId === options.dieAtRun);
        if (message.type === 'train' && message.job.runId === options.dieAfterEpochOf) doomed = message.id;
        if (dies) {
          dead = true;
          return fail('the worker thread exited (code 1)');
        }
        toWorker(structuredClone(message));
      }),
    listen: (onReply, onFailure) => {
      toSweep = onReply;
      fail = onFailure;
    },
    terminate: () => (dead = true),
  });
  return { link, ended: () => dead };
}

/** Wraps a link so its first run's result arrives only after `release()`: that run finishes last. */
export function holdFirstResult(inner: JobLink): { link: JobLink; release: () => void } {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  return {
    release: () => release(),
    link: {
      start: (setup) => inner.start(setup),
      async runJob(run, onEpoch): Promise<SweepRunResult> {
        const row = await inner.runJob(run, onEpoch);
        if (first) {
          first = false;
          await held;
        }
        return row;
      },
      runFold: (job, spec) => inner.runFold(job, spec),
      trainRun: (job, onProgress) => inner.trainRun(job, onProgress),
      stopRun: (runId) => inner.stopRun(runId),
      dispose: () => inner.dispose(),
    },
  };
}
