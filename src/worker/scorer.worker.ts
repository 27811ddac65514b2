// A scoring sub-worker, spawned by the lab worker to score its chunk of the users on the Workers setting: the core's
// serveScorer over this worker's messages, on the lab worker's backend (started as the lab worker starts it).

import { serveScorer, type ScorerRequest } from '../core/runs';
import type { BackendName } from '../core/models';
import { ensureBackend } from './host/backend';

const scope = self as unknown as DedicatedWorkerGlobalScope;

serveScorer(
  {
    post: (reply, transfer) => scope.postMessage(reply, transfer),
    listen: (onRequest) => (scope.onmessage = (e: MessageEvent<ScorerRequest>) => onRequest(e.data)),
  },
  async (setup) => {
    const { info } = await ensureBackend(setup.backend as BackendName);
    if (info.backend !== setup.backend)
      throw new Error(
        `the ${setup.backend} backend did not start in the sub-worker (${info.message ?? 'no reason given'})`,
      );
  },
);

// held until this sub-worker is gone, whatever ends it: the lab worker learns of a silent death when it frees
if (typeof navigator.locks !== 'undefined')
  void navigator.locks.request(scope.name, () => {
    scope.postMessage({ type: 'alive' });
    return new Promise<never>(() => {});
  });
