// The job protocol over any message channel: the caller's side (createJobMessageLink) and the worker's side
// (serveJobs). Node worker_threads (src/cli) and browser Web Workers (src/worker) adapt their port to these shapes.

import {
  createPendingCalls,
  serveInOrder,
  type CallEndpoint,
  type ServePort,
  type Waiter,
} from '../../messaging';
import type { FeatureSpec } from '../../features/types';
import { trainFoldScores, type FoldJob } from '../../training/crossValidate';
import type { SweepRun } from '../plan';
import { trainSweepRun, type SweepData, type SweepRunResult } from '../sweepRun';
import { foldModelFrom, sweepDataFrom } from './jobData';
import type { JobLink, JobSetup } from './types';

export type JobRequest =
  | { id: number; type: 'start'; setup: JobSetup }
  | { id: number; type: 'run'; run: SweepRun }
  | { id: number; type: 'fold'; job: FoldJob; spec: FeatureSpec };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A job's epochs as they finish, then its result or its error. */
export type JobReply =
  { id: number; epochsDone: number } | { id: number; result: unknown } | { id: number; error: string };

/** The sweep's end of a channel to one job worker (a worker it spawned). */
export type JobEndpoint = CallEndpoint<JobRequest, JobReply>;
/** The worker's end: where it receives requests and posts replies. */
export type JobPort = ServePort<JobRequest, JobReply>;

type JobWaiter = Waiter & { onEpoch?: (epochsDone: number) => void };

export function createJobMessageLink(endpoint: JobEndpoint): JobLink {
  const calls = createPendingCalls<JobWaiter>();
  // a dead worker answers nothing: what waits on it now and everything asked of it later is rejected
  endpoint.listen((reply) => {
    if ('epochsDone' in reply) return calls.waiting(reply.id)?.onEpoch?.(reply.epochsDone);
    calls.settle(reply);
  }, calls.fail);
  const call = <T>(message: DistributiveOmit<JobRequest, 'id'>, onEpoch?: (epochsDone: number) => void) =>
    calls.call<T>((id) => endpoint.post({ ...message, id } as JobRequest, []), { onEpoch });
  return {
    start: (setup) => call({ type: 'start', setup }),
    runJob: (run, onEpoch) => call({ type: 'run', run }, onEpoch),
    runFold: (job, spec) => call({ type: 'fold', job, spec }),
    dispose() {
      calls.fail('The job worker was closed.');
      endpoint.terminate();
    },
  };
}

/**
 * Serves sweep runs and audit folds on a port, one at a time in arrival order. `prepare` runs before the data is taken in (it starts
 * setup.backend, the sweep's); any failure is posted back as that request's error.
 */
export function serveJobs(port: JobPort, prepare: (setup: JobSetup) => Promise<void>): void {
  let setup: JobSetup | null = null;
  let data: SweepData | null = null;
  const handle = async (request: JobRequest): Promise<SweepRunResult | Float32Array | true> => {
    if (request.type === 'start') {
      await prepare(request.setup);
      setup = request.setup;
      data = setup.sweep ? sweepDataFrom(setup) : null;
      return true;
    }
    if (!setup) throw new Error('The job worker got work before its setup.');
    if (request.type === 'fold') return trainFoldScores(foldModelFrom(setup, request.spec), request.job);
    if (!data) throw new Error('The job worker got a sweep run without a sweep split.');
    return trainSweepRun({
      kind: setup.kind,
      impl: setup.impl,
      data,
      run: request.run,
      onEpoch: (epochsDone) => port.post({ id: request.id, epochsDone }, []),
    });
  };
  // results are cloned, not transferred: a sweep row is small and a fold's scores are read once
  serveInOrder(port, async (request) => [await handle(request), []]);
}
