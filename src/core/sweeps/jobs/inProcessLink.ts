// A job worker in this thread behind the JobLink interface: the unit tests' transport (no parallelism, same runs).

import { trainSweepRun, type SweepData } from '../sweepRun';
import { sweepDataFrom } from './jobData';
import type { JobLink, JobSetup } from './types';

export function createInProcessJobLink(): JobLink {
  let data: SweepData | null = null;
  let setup: JobSetup | null = null;
  let disposed = false;
  return {
    async start(s) {
      setup = s;
      data = sweepDataFrom(s);
    },
    async runJob(run, onEpoch) {
      if (!setup || !data) throw new Error('The job worker got a run before its setup.');
      return trainSweepRun({
        kind: setup.kind,
        impl: setup.impl,
        data,
        run,
        onEpoch,
        // disposing is how the sweep cancels: the run in flight stops after its current batch
        shouldStop: () => disposed,
        yieldEvery: () => new Promise((resolve) => setTimeout(resolve, 0)),
      });
    },
    dispose() {
      disposed = true;
    },
  };
}
