// Sub-workers that train whole sweep runs side by side when the Workers setting is above 1 (independent jobs beat
// data parallelism for a sweep's small models: no step waits on the slowest worker). The lab worker only hands out
// runs and relays progress. As with replicas (replicaWorkers.ts), a sub-worker that is closed, crashes or runs out of
// memory fires no event, so each holds a Web Lock named after itself for life; the lock freeing fails its run.

import { createJobMessageLink, type JobLink } from '../../core/sweeps';

export function spawnJobWorkers(count: number): JobLink[] {
  return Array.from({ length: count }, () => {
    const lock = `tag-lab-job-${crypto.randomUUID()}`;
    const worker = new Worker(new URL('../job.worker.ts', import.meta.url), { type: 'module', name: lock });
    let ended = false;
    return createJobMessageLink({
      post: (message) => worker.postMessage(message),
      listen(onReply, onFailure) {
        worker.onmessage = (e) => {
          if ((e.data as { type?: string }).type !== 'alive') return onReply(e.data);
          if (typeof navigator.locks === 'undefined') return;
          void navigator.locks.request(lock, () => {
            if (!ended) onFailure('the sweep sub-worker was closed, crashed or ran out of memory');
          });
        };
        worker.onerror = (e) =>
          onFailure(`the sweep sub-worker failed: ${e.message || 'it could not start'}`);
        worker.onmessageerror = () => onFailure('a message from the sweep sub-worker could not be read');
      },
      terminate: () => {
        ended = true;
        worker.terminate();
      },
    });
  });
}
