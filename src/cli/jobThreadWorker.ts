// One job worker thread for `sweep --workers N` and `audit --workers N`: the core's serveJobs over this thread's
// port, training whole sweep runs or audit folds on the main thread's TF.js backend (so a job rounds alike anywhere).

import { parentPort } from 'node:worker_threads';
import { serveJobs, type JobReply, type JobRequest } from '../core/sweeps';
import { startNodeBackend } from './nodeBackend';

let backendReady: ReturnType<typeof startNodeBackend> | null = null;

serveJobs(
  {
    post: (reply: JobReply) => parentPort!.postMessage(reply),
    listen: (onRequest) => parentPort!.on('message', (m: JobRequest) => onRequest(m)),
  },
  async (setup) => {
    const info = await (backendReady ??= startNodeBackend(setup.backend));
    // a quiet fall-back would train on another backend than the main thread's: different rounding, other speed
    if (info.backend !== setup.backend)
      throw new Error(
        `the ${setup.backend} backend did not start on the worker thread (${info.message ?? 'no reason given'})`,
      );
  },
);
