// Worker threads holding data-parallel training replicas for `train --workers N`: the main thread is replica 0,
// each thread here one more, all reached through the core's message link.

import { availableParallelism } from 'node:os';
import { createMessageLink, defaultTrainWorkers, type ReplicaLink } from '../core/training';
import { spawnTsxWorker } from './tsxWorker';

/** cores − 1 (at most 8): the default of `train --workers`. */
export function defaultTrainWorkerCount(): number {
  return defaultTrainWorkers(availableParallelism());
}

/** Links to `count` replica threads (each starts the coordinator's backend); a thread that errors or exits fails
 * whatever waits on it. */
export function startTrainReplicas(count: number): ReplicaLink[] {
  return Array.from({ length: count }, () => {
    const worker = spawnTsxWorker(new URL('./trainReplicaWorker.ts', import.meta.url), null);
    return createMessageLink({
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen(onReply, onFailure) {
        worker.on('message', onReply);
        worker.on('error', (err) => onFailure(`the worker thread threw: ${err.message}`));
        worker.on('exit', (code) => onFailure(`the worker thread exited (code ${code})`));
      },
      terminate: () => void worker.terminate(),
    });
  });
}
