// Scoring every user on the Workers setting: the lab worker scores the first chunk of users itself and spawns
// workers − 1 scoring sub-workers (scorer.worker.ts) for the others, through the core's sharded scorer. A sub-worker
// that fails (an error event, or its life lock freeing when it is closed, crashes or runs out of memory: it fires no
// event then) fails its link; the lab worker then scores that worker's users itself and the notice says so.

import {
  createScorerMessageLink,
  createShardedScorer,
  scoreStore,
  type ScorerLink,
  type StoreScorer,
} from '../../core/runs';

export function spawnScorerWorkers(count: number): ScorerLink[] {
  return Array.from({ length: count }, () => {
    const lock = `tag-lab-scorer-${crypto.randomUUID()}`;
    const worker = new Worker(new URL('../scorer.worker.ts', import.meta.url), {
      type: 'module',
      name: lock,
    });
    let ended = false;
    return createScorerMessageLink({
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

/** Every user scored on `workers` workers (the lab worker included) on `backend`; one worker: this thread only. */
export function workerScorer(
  workers: number,
  backend: string,
  onNotice: (message: string) => void,
): StoreScorer {
  if (workers <= 1) return scoreStore;
  return createShardedScorer({ workers, backend, spawn: spawnScorerWorkers, onNotice });
}
