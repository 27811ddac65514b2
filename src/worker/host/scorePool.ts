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
import { lifeLockName, subWorkerEndpoint } from './subWorkers';

export function spawnScorerWorkers(count: number): ScorerLink[] {
  return Array.from({ length: count }, () => {
    const lock = lifeLockName('scorer');
    const worker = new Worker(new URL('../scorer.worker.ts', import.meta.url), {
      type: 'module',
      name: lock,
    });
    return createScorerMessageLink(subWorkerEndpoint(worker, lock, 'sub-worker'));
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
