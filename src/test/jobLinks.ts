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
import { createLoopback } from './loopbackChannel';

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
  const crash = 'the worker thread exited (code 1)';
  // the request id of the run that dies once its first epoch is reported
  let doomed = -1;
  const channel = createLoopback<JobRequest, JobReply>({
    onRequest(message, { kill }) {
      const dies =
        (message.type === 'run' && message.run.point === options.dieAtPoint) ||
        (message.type === 'fold' && message.job.fold === options.dieAtFold) ||
        (message.type === 'train' && message.job.runId === options.dieAtRun);
      if (message.type === 'train' && message.job.runId === options.dieAfterEpochOf) doomed = message.id;
      if (!dies) return true;
      kill(crash);
      return false;
    },
    onReply(reply, { kill }) {
      if (reply.id === doomed && 'progress' in reply && reply.progress.type === 'epoch') kill(crash);
    },
  });
  serveJobs(channel.port, async () => {});
  return { link: createJobMessageLink(channel.endpoint), ended: channel.dead };
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
