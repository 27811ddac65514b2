// Sub-workers that train whole sweep runs side by side when the Workers setting is above 1 (independent jobs beat
// data parallelism for a sweep's small models: no step waits on the slowest worker). The lab worker only hands out
// runs and relays progress. As with replicas (replicaWorkers.ts), a sub-worker that is closed, crashes or runs out of
// memory fires no event, so each holds a Web Lock named after itself for life; the lock freeing fails its run.

import { createJobMessageLink, type JobLink } from '../../core/sweeps';
import { lifeLockName, subWorkerEndpoint } from './subWorkers';

export function spawnJobWorkers(count: number): JobLink[] {
  return Array.from({ length: count }, () => {
    const lock = lifeLockName('job');
    const worker = new Worker(new URL('../job.worker.ts', import.meta.url), { type: 'module', name: lock });
    return createJobMessageLink(subWorkerEndpoint(worker, lock, 'sweep sub-worker'));
  });
}
