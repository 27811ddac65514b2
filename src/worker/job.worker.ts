// A sweep job worker, spawned by the lab worker for a sweep on several workers: the core's serveJobs over this
// worker's messages, training whole runs on the lab worker's backend (started as the lab worker starts it).

import type { BackendName } from '../core/models';
import { serveJobs, type JobRequest } from '../core/sweeps';
import { ensureBackend } from './host/backend';

const scope = self as unknown as DedicatedWorkerGlobalScope;

serveJobs(
  {
    post: (reply) => scope.postMessage(reply),
    listen: (onRequest) => (scope.onmessage = (e: MessageEvent<JobRequest>) => onRequest(e.data)),
  },
  async (setup) => {
    const { info } = await ensureBackend(setup.backend as BackendName);
    if (info.backend !== setup.backend)
      throw new Error(
        `the ${setup.backend} backend did not start in the job sub-worker (${info.message ?? 'no reason given'})`,
      );
  },
);

// held until this sub-worker is gone, whatever ends it: the lab worker learns of a silent death when it frees
if (typeof navigator.locks !== 'undefined')
  void navigator.locks.request(scope.name, () => {
    scope.postMessage({ type: 'alive' });
    return new Promise<never>(() => {});
  });
