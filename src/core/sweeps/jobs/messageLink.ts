// The job protocol over any message channel: the caller's side (createJobMessageLink) and the worker's side
// (serveJobs). Node worker_threads (src/cli) and browser Web Workers (src/worker) adapt their port to these shapes.

import {
  createPendingCalls,
  serveInOrder,
  type CallEndpoint,
  type ServePort,
  type Waiter,
  type WithoutId,
} from '../../messaging';
import type { FeatureSpec } from '../../features/types';
import { trainFoldScores, type FoldJob } from '../../training/crossValidate';
import type { SweepRun } from '../plan';
import { trainSweepRun, type SweepData, type SweepRunResult } from '../sweepRun';
import { yieldToEventLoop } from '../../events/abort';
import type { BackendName } from '../../models/types';
import { foldModelFrom, sweepDataFrom } from './jobData';
import { runJobTransfer, trainRunJob, type RunJob, type RunJobProgress, type RunJobResult } from './runJob';
import type { JobLink, JobSetup } from './types';

export type JobRequest =
  | { id: number; type: 'start'; setup: JobSetup }
  | { id: number; type: 'run'; run: SweepRun }
  | { id: number; type: 'fold'; job: FoldJob; spec: FeatureSpec }
  | { id: number; type: 'train'; job: RunJob }
  // answered by nothing: read as it arrives (not queued behind the run it stops)
  | { id: number; type: 'stop'; runId: string };

/** A job's epochs as they finish (a Train-screen run's progress), then its result or its error. */
export type JobReply =
  | { id: number; epochsDone: number }
  | { id: number; progress: RunJobProgress }
  | { id: number; result: unknown }
  | { id: number; error: string };

/** The sweep's end of a channel to one job worker (a worker it spawned). */
export type JobEndpoint = CallEndpoint<JobRequest, JobReply>;
/** The worker's end: where it receives requests and posts replies. */
export type JobPort = ServePort<JobRequest, JobReply>;

type JobWaiter = Waiter & {
  onEpoch?: (epochsDone: number) => void;
  onProgress?: (progress: RunJobProgress) => void;
};

export function createJobMessageLink(endpoint: JobEndpoint): JobLink {
  const calls = createPendingCalls<JobWaiter>();
  // a dead worker answers nothing: what waits on it now and everything asked of it later is rejected
  endpoint.listen((reply) => {
    if ('epochsDone' in reply) return calls.waiting(reply.id)?.onEpoch?.(reply.epochsDone);
    if ('progress' in reply) return calls.waiting(reply.id)?.onProgress?.(reply.progress);
    calls.settle(reply);
  }, calls.fail);
  const call = <T>(message: WithoutId<JobRequest>, hear?: Omit<JobWaiter, keyof Waiter>) =>
    calls.call<T>((id) => endpoint.post({ ...message, id } as JobRequest, []), hear);
  return {
    start: (setup) => call({ type: 'start', setup }),
    runJob: (run, onEpoch) => call({ type: 'run', run }, { onEpoch }),
    runFold: (job, spec) => call({ type: 'fold', job, spec }),
    trainRun: (job, onProgress) => call<RunJobResult>({ type: 'train', job }, { onProgress }),
    stopRun: (runId) => endpoint.post({ id: -1, type: 'stop', runId }, []),
    dispose() {
      calls.fail('The job worker was closed.');
      endpoint.terminate();
    },
  };
}

/**
 * Serves sweep runs, audit folds and Train-screen runs on a port, one at a time in arrival order (a stop is read as
 * it arrives). `prepare` runs before the data is taken in (it starts setup.backend, the caller's); any failure is
 * posted back as that request's error.
 */
export function serveJobs(port: JobPort, prepare: (setup: JobSetup) => Promise<void>): void {
  let setup: JobSetup | null = null;
  let data: SweepData | null = null;
  const stops = new Set<string>();
  type Handled = SweepRunResult | Float32Array | RunJobResult | true;
  const handle = async (request: JobRequest): Promise<Handled> => {
    if (request.type === 'stop') return true;
    if (request.type === 'start') {
      await prepare(request.setup);
      setup = request.setup;
      data = setup.sweep ? sweepDataFrom(setup) : null;
      return true;
    }
    if (!setup) throw new Error('The job worker got work before its setup.');
    if (request.type === 'fold') return trainFoldScores(foldModelFrom(setup, request.spec), request.job);
    if (request.type === 'train') return trainOnWorker(setup, request, port, stops);
    if (!data) throw new Error('The job worker got a sweep run without a sweep split.');
    return trainSweepRun({
      kind: setup.kind,
      impl: setup.impl,
      data,
      run: request.run,
      onEpoch: (epochsDone) => port.post({ id: request.id, epochsDone }, []),
    });
  };
  const listening: JobPort = {
    post: (reply, transfer) => port.post(reply, transfer),
    listen: (onRequest) =>
      port.listen((request) => (request.type === 'stop' ? stops.add(request.runId) : onRequest(request))),
  };
  // a sweep row is small and a fold's scores are read once: cloned; a run's weights and scores are transferred
  serveInOrder(listening, async (request) => {
    const result = await handle(request);
    return [result, request.type === 'train' ? runJobTransfer(result as RunJobResult) : []];
  });
}

/** A Train-screen run on this worker: its progress posted under the request's id, Stop read between batches. */
async function trainOnWorker(
  setup: JobSetup,
  request: { id: number; job: RunJob },
  port: JobPort,
  stops: Set<string>,
): Promise<RunJobResult> {
  const { runId } = request.job;
  try {
    return await trainRunJob({
      store: setup.store,
      truth: setup.truth ?? null,
      job: request.job,
      backend: setup.backend as BackendName,
      onProgress: (progress) => port.post({ id: request.id, progress }, []),
      shouldStop: () => stops.has(runId),
      // a macrotask break after each batch, so a stop message is read while the run trains
      yieldEvery: yieldToEventLoop,
    });
  } finally {
    stops.delete(runId);
  }
}
