// A job worker in this thread behind the JobLink interface: the unit tests' transport (no parallelism, same runs).

import { trainFoldScores } from '../../training/crossValidate';
import { trainSweepRun, type SweepData } from '../sweepRun';
import { yieldToEventLoop } from '../../events/abort';
import type { BackendName } from '../../models/types';
import { foldModelFrom, sweepDataFrom } from './jobData';
import { trainRunJob } from './runJob';
import type { JobLink, JobSetup } from './types';

export function createInProcessJobLink(): JobLink {
  let data: SweepData | null = null;
  let setup: JobSetup | null = null;
  let disposed = false;
  const stops = new Set<string>();
  return {
    async start(s) {
      setup = s;
      data = s.sweep ? sweepDataFrom(s) : null;
    },
    async runJob(run, onEpoch) {
      if (!setup || !data) throw new Error('The job worker got a run before its sweep setup.');
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
    async runFold(job, spec) {
      if (!setup) throw new Error('The job worker got a fold before its setup.');
      return trainFoldScores(foldModelFrom(setup, spec), job);
    },
    async trainRun(job, onProgress) {
      if (!setup) throw new Error('The job worker got a run before its setup.');
      try {
        return await trainRunJob({
          store: setup.store,
          truth: setup.truth ?? null,
          job,
          backend: setup.backend as BackendName,
          onProgress,
          shouldStop: () => disposed || stops.has(job.runId),
          yieldEvery: yieldToEventLoop,
        });
      } finally {
        stops.delete(job.runId);
      }
    },
    stopRun(runId) {
      stops.add(runId);
    },
    dispose() {
      disposed = true;
    },
  };
}
