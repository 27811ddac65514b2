// Sub-workers that train whole runs side by side when the Workers setting is above 1 (a sweep's runs, an audit's
// folds, a group of repeats: independent jobs beat data parallelism for small models, no step waits on the slowest). The lab worker only hands out
// runs and relays progress. As with replicas (replicaWorkers.ts), a sub-worker that is closed, crashes or runs out of
// memory fires no event, so each holds a Web Lock named after itself for life; the lock freeing fails its run.

import type { EventStore } from '../../core/events';
import {
  createJobMessageLink,
  planJobWorkers,
  storeCopyBytes,
  type JobLink,
  type JobWorkerPlan,
} from '../../core/sweeps';
import { lifeLockName, subWorkerEndpoint } from './subWorkers';

/** `what` names the sub-worker in failure messages ("sweep sub-worker", "job sub-worker"). */
export function spawnJobWorkers(count: number, what = 'sweep sub-worker'): JobLink[] {
  return Array.from({ length: count }, () => {
    const lock = lifeLockName('job');
    const worker = new Worker(new URL('../job.worker.ts', import.meta.url), { type: 'module', name: lock });
    return createJobMessageLink(subWorkerEndpoint(worker, lock, what));
  });
}

/**
 * The job workers of `requested` whose copies of the store fit this tab (core/sweeps/jobs/workerBudget.ts), judged by
 * the device's memory as the browser states it (navigator.deviceMemory, Chromium) or a fixed budget elsewhere.
 */
export function planJobWorkersFor(requested: number, store: EventStore): JobWorkerPlan {
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  return planJobWorkers(requested, storeCopyBytes(store), { deviceMemory: nav?.deviceMemory });
}
