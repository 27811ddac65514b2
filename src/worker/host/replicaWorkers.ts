// Sub-workers holding data-parallel replicas for a run on several workers: the lab worker is replica 0 (it holds
// the model the run keeps), each Web Worker spawned here one more, reached through the core's message link.

import { createMessageLink, type ReplicaLink } from '../../core/training';

export function spawnReplicaWorkers(count: number): ReplicaLink[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL('../replica.worker.ts', import.meta.url), { type: 'module' });
    return createMessageLink({
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen(onReply, onFailure) {
        worker.onmessage = (e) => onReply(e.data);
        worker.onerror = (e) => onFailure(`the sub-worker failed: ${e.message || 'it could not start'}`);
        worker.onmessageerror = () => onFailure('a message from the sub-worker could not be read');
      },
      terminate: () => worker.terminate(),
    });
  });
}
