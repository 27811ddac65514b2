// Sub-workers holding data-parallel replicas for a run on several workers: the lab worker is replica 0 (it holds
// the model the run keeps), each Web Worker spawned here one more, reached through the core's message link.
// A sub-worker that is closed, crashes or runs out of memory fires no event, so each holds a Web Lock named after
// itself for life (replica.worker.ts) and says 'alive'; the lock freeing fails the link, and the run ends
// interrupted with its checkpoint kept (handlers/trainRun keepInterrupted) instead of waiting forever.

import { createMessageLink, type ReplicaLink } from '../../core/training';
import { lifeLockName, subWorkerEndpoint } from './subWorkers';

export function spawnReplicaWorkers(count: number): ReplicaLink[] {
  return Array.from({ length: count }, () => {
    const lock = lifeLockName('replica');
    const worker = new Worker(new URL('../replica.worker.ts', import.meta.url), {
      type: 'module',
      name: lock,
    });
    return createMessageLink(subWorkerEndpoint(worker, lock, 'sub-worker'));
  });
}
