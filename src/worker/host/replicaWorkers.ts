// Sub-workers holding data-parallel replicas for a run on several workers: the lab worker is replica 0 (it holds
// the model the run keeps), each Web Worker spawned here one more, reached through the core's message link.
// A sub-worker that is closed, crashes or runs out of memory fires no event, so each holds a Web Lock named after
// itself for life (replica.worker.ts) and says 'alive'; the lock freeing fails the link, and the run ends
// interrupted with its checkpoint kept (handlers/trainRun keepInterrupted) instead of waiting forever.

import { createMessageLink, type ReplicaLink } from '../../core/training';

export function spawnReplicaWorkers(count: number): ReplicaLink[] {
  return Array.from({ length: count }, () => {
    const lock = `tag-lab-replica-${crypto.randomUUID()}`;
    const worker = new Worker(new URL('../replica.worker.ts', import.meta.url), {
      type: 'module',
      name: lock,
    });
    let ended = false;
    return createMessageLink({
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen(onReply, onFailure) {
        worker.onmessage = (e) => {
          if ((e.data as { type?: string }).type !== 'alive') return onReply(e.data);
          if (typeof navigator.locks === 'undefined') return;
          void navigator.locks.request(lock, () => {
            if (!ended) onFailure('the sub-worker was closed, crashed or ran out of memory');
          });
        };
        worker.onerror = (e) => onFailure(`the sub-worker failed: ${e.message || 'it could not start'}`);
        worker.onmessageerror = () => onFailure('a message from the sub-worker could not be read');
      },
      terminate: () => {
        ended = true;
        worker.terminate();
      },
    });
  });
}
