// One training run in the worker, fresh or resumed from a checkpoint: progress events, the record, weights and
// checkpoint saved after every epoch, Stop, and a lost WebGL context answered by continuing on WASM from the last
// checkpoint (with a notice), instead of failing the run.

import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../../../core/events';
import { isWebglContextLost, watchWebglContext } from '../../../core/backend';
import { fingerprintData } from '../../../core/bundle';
import { runExperiment, type ExperimentResult, type PreparedData } from '../../../core/runs';
import { prepareRunData } from '../../../core/sweeps';
import type { EpochLog, RunRecord } from '../../../core/runs';
import {
  checkTrainWorkers,
  createParallelTrainerFactory,
  type EpochSnapshot,
  type ReplicaLink,
  type TrainerFactory,
  type TrainingCheckpoint,
} from '../../../core/training';
import { spawnReplicaWorkers } from '../replicaWorkers';
import { workerScorer } from '../scorePool';
import { SWEEP_RUN_KEY } from './sweep';
import { ensureBackend } from '../backend';
import { createRunPersister, type RunPersister } from '../runStoragePersist';
import type { LoadedDataset, WorkerState } from '../state';
import type { TrainRunRequest } from '../../protocol/trainMessages';
import type { BackendInfo } from '../../../core/backend';
import { batchSizeAt, createBatchThrottle, type BatchThrottle } from './trainThrottle';
import type { HandlerContext } from './types';
import { describeError } from '../../../core/errors';

/** Batch progress messages at most this often (about ten a second). */
export const PROGRESS_INTERVAL_MS = 100;

/** A run's batch progress as train/batch events, at most one per PROGRESS_INTERVAL_MS. */
export function createProgressThrottle(ctx: HandlerContext, runId: string): BatchThrottle {
  return createBatchThrottle({
    intervalMs: PROGRESS_INTERVAL_MS,
    now: () => performance.now(),
    emit: (p) =>
      ctx.emit('train/batch', {
        runId,
        logs: p.logs,
        batchesDone: p.batchesDone,
        elapsedMs: p.elapsedMs,
        samplesPerSec: p.elapsedMs > 0 ? p.samplesDone / (p.elapsedMs / 1000) : 0,
        firstBatchMs: p.firstBatchMs,
      }),
  });
}

export function requireDataset(state: WorkerState): LoadedDataset {
  if (!state.dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  return state.dataset;
}

export function refuseWhileTraining(state: WorkerState, what: string): void {
  if (state.activeRuns.has(SWEEP_RUN_KEY))
    throw new Error(`A sweep is training: ${what} after it ends, or cancel the sweep first.`);
  if (state.activeRuns.size > 0)
    throw new Error(`A run is training: ${what} after it ends, or stop it first.`);
}

export async function switchBackend(preferred: TrainRunRequest['backend'], ctx: HandlerContext) {
  const { info, changed } = await ensureBackend(preferred);
  if (changed) ctx.state.broadcast('train/backend', info);
  return info;
}

/** The record of a run as it starts (status running, no epochs). */
export function buildStartRecord(
  req: TrainRunRequest,
  dataset: LoadedDataset,
  prepared: PreparedData,
  backend: BackendInfo,
): RunRecord {
  return {
    id: req.runId,
    name: req.name,
    kind: req.kind,
    hyperparameters: req.hyperparameters,
    featureSpec: prepared.spec,
    rules: req.setup.rules,
    backend: backend.backend,
    renderer: backend.renderer,
    status: 'running',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    paramCount: 0,
    epochs: [],
    batches: [],
    validation: null,
    message: null,
    dataFingerprint: fingerprintData(dataset.store),
    evaluation: null,
    ...(req.group && { group: req.group }),
    workers: req.workers ?? 1,
  };
}

/** The link, telling `lost` when a call fails: the replica died (the run then keeps its checkpoint to resume). */
function watchReplica(link: ReplicaLink, lost: () => void): ReplicaLink {
  const watched = <T>(work: Promise<T>) =>
    work.catch((err: unknown) => {
      lost();
      throw err;
    });
  return {
    start: (setup) => watched(link.start(setup)),
    computeGradients: (request) => watched(link.computeGradients(request)),
    applyGradients: (grads) => watched(link.applyGradients(grads)),
    readWeights: () => watched(link.readWeights()),
    dispose: () => link.dispose(),
  };
}

/** The data-parallel trainer over workers − 1 sub-workers (spawned when the run's trainer is built), or none. */
function parallelTrainer(
  workers: number,
  prepared: PreparedData,
  lost: () => void,
): TrainerFactory | undefined {
  if (workers <= 1) return undefined;
  const dims = { width: prepared.builder.width, months: prepared.spec.months, days: prepared.spec.days };
  return (...args) => {
    const links = spawnReplicaWorkers(workers - 1).map((link) => watchReplica(link, lost));
    return createParallelTrainerFactory({ links, dims })(...args);
  };
}

/** Where a run starts: fresh, or from a checkpoint (with the original start time of the record it continues). */
export interface RunOrigin {
  checkpoint: TrainingCheckpoint;
  startedAt: string;
}

/** What one attempt on one backend needs besides the request; shared by the first attempt and the WASM retry. */
interface Attempt {
  req: TrainRunRequest;
  ctx: HandlerContext;
  dataset: LoadedDataset;
  prepared: PreparedData;
  persist: RunPersister;
  throttle: BatchThrottle;
  control: { stop: boolean };
  /** the latest checkpoint, updated after every epoch (the WASM retry starts from it) */
  latest: { checkpoint: TrainingCheckpoint | null };
  /** set when a replica sub-worker failed: the run then ends interrupted, resumable from its checkpoint */
  replicaLost: boolean;
}

/** Trains on the active backend from the given checkpoint; says whether the WebGL context was lost meanwhile. */
async function attempt(a: Attempt, backend: BackendInfo, from: TrainingCheckpoint | null) {
  const { req, ctx, prepared } = a;
  const hp = req.hyperparameters;
  const trainUsers = prepared.train.users.length;
  let lostContext: string | null = null;
  let fail: (message: string) => void = () => {};
  const failure = new Promise<string>((resolve) => (fail = resolve));
  const unwatch = watchWebglContext((message) => {
    lostContext = message;
    fail(message);
  });
  // the epoch's snapshot is saved with its checkpoint: the weights do not change between the two callbacks
  let epoch: { log: EpochLog; snapshot: EpochSnapshot } | null = null;
  try {
    const result = await runExperiment({
      id: req.runId,
      name: req.name,
      store: a.dataset.store,
      truth: a.dataset.truth,
      setup: req.setup,
      prepared,
      kind: req.kind,
      hyperparameters: hp,
      backend: backend.backend,
      renderer: backend.renderer,
      workers: req.workers ?? 1,
      resumeFrom: from,
      // the replica sub-workers are spawned per attempt, so a WASM retry gets replicas on WASM
      createTrainer: parallelTrainer(req.workers ?? 1, prepared, () => (a.replicaLost = true)),
      onBatch: (log) => a.throttle.push(log, batchSizeAt(log.batch, trainUsers, hp.batchSize)),
      onEpoch: (log, snapshot) => {
        a.throttle.flush();
        epoch = { log, snapshot };
        ctx.emit('train/epoch', { runId: req.runId, log, numTensors: tf.memory().numTensors });
      },
      onCheckpoint: (checkpoint) => {
        a.latest.checkpoint = checkpoint;
        if (epoch) a.persist.saveEpoch(epoch.log, epoch.snapshot, { request: req, checkpoint });
      },
      shouldStop: () => a.control.stop || ctx.signal.aborted,
      // a macrotask break after each batch, so Stop and other requests are handled while a run trains
      yieldEvery: yieldToEventLoop,
      checkHealth: () => lostContext,
      failure,
      onPhase: (phase) => ctx.emit('train/phase', { runId: req.runId, phase }),
      // every user's score for the truth panel, on the run's workers too (a failed sub-worker's users: here)
      scoreUsers: workerScorer(req.workers ?? 1, backend.backend, (message) =>
        ctx.emit('train/notice', { runId: req.runId, message }),
      ),
      onScoring: (done, total) =>
        ctx.emit('train/phase', { runId: req.runId, phase: 'scoring', scored: { done, total } }),
    });
    return { result, lost: lostContext !== null || isWebglContextLost() };
  } finally {
    unwatch();
  }
}

/** The model of a lost WebGL context cannot be read or freed normally; its textures went with the context. */
function disposeLost(result: ExperimentResult): void {
  try {
    result.model.dispose();
  } catch {
    // nothing to free on a lost context
  }
}

/** After a lost WebGL context: WASM (or CPU where WASM cannot start), from the latest checkpoint, with a notice. */
async function continueOnWasm(a: Attempt, lost: ExperimentResult) {
  disposeLost(lost);
  const from = a.latest.checkpoint;
  const backend = await switchBackend('wasm', a.ctx);
  const done = from?.epochsDone ?? 0;
  const notice = `The WebGL context was lost during epoch ${done + 1}; the run continued on ${backend.backend.toUpperCase()} from ${done > 0 ? `its checkpoint of epoch ${done}` : 'the start'}.`;
  a.ctx.emit('train/notice', { runId: a.req.runId, message: notice });
  const next = await attempt(a, backend, from);
  const { record } = next.result;
  record.message = record.message ? `${notice} ${record.message}` : notice;
  return next.result;
}

/** Trains a run (fresh, or resumed from origin) and resolves with its final record. */
export async function trainRun(
  req: TrainRunRequest,
  origin: RunOrigin | null,
  ctx: HandlerContext,
): Promise<RunRecord> {
  const dataset = requireDataset(ctx.state);
  refuseWhileTraining(ctx.state, 'start the next run');
  const workersProblem = checkTrainWorkers(req.workers ?? 1);
  if (workersProblem) throw new Error(`The run cannot start: ${workersProblem}.`);
  const hp = req.hyperparameters;
  const backend = await switchBackend(req.backend, ctx);
  // the same split a job worker prepares for the run: the data seed's (a paired test), or its fold of k
  const prepared = prepareRunData(dataset.store, req);
  const startedAt = performance.now();
  const fresh = buildStartRecord(req, dataset, prepared, backend);
  const start: RunRecord = origin
    ? { ...fresh, startedAt: origin.startedAt, epochs: [...origin.checkpoint.epochs] }
    : fresh;
  const persist = createRunPersister(ctx.state, start, prepared.validation);
  const trainUsers = prepared.train.users.length;
  const batchesPerEpoch = Math.ceil(trainUsers / hp.batchSize);
  const control = { stop: false };
  const active = ctx.state.activeRuns;
  active.set(req.runId, control);
  ctx.emit('train/started', {
    runId: req.runId,
    record: start,
    backend,
    batchesPerEpoch,
    totalBatches: batchesPerEpoch * Math.max(0, hp.epochs - start.epochs.length),
    trainUsers,
    validationUsers: prepared.validation.users.length,
  });
  const throttle = createProgressThrottle(ctx, req.runId);
  const a: Attempt = {
    req,
    ctx,
    dataset,
    prepared,
    persist,
    throttle,
    control,
    latest: { checkpoint: origin?.checkpoint ?? null },
    replicaLost: false,
  };
  try {
    const first = await attempt(a, backend, a.latest.checkpoint);
    const result =
      first.lost && first.result.record.status === 'failed'
        ? await continueOnWasm(a, first.result)
        : first.result;
    throttle.flush();
    return await keepResult(a, result, start.startedAt);
  } catch (error) {
    const failed: RunRecord = {
      ...start,
      status: 'failed',
      epochs: a.latest.checkpoint?.epochs ?? start.epochs,
      durationMs: performance.now() - startedAt,
      message: `Training failed on the ${backend.backend} backend: ${describeError(error)}`,
    };
    const kept = a.replicaLost ? await keepInterrupted(a, failed) : null;
    if (kept) return kept;
    await persist.saveFinished(failed, null);
    return failed;
  } finally {
    active.delete(req.runId);
  }
}

/** Registers the finished run's model and saves its final record (a failed run keeps only its record). */
async function keepResult(a: Attempt, result: ExperimentResult, startedAt: string): Promise<RunRecord> {
  const { record, model, scores: allScores, validationScores } = result;
  const finished = { ...record, startedAt, ...(a.req.group && { group: a.req.group }) };
  if (finished.status === 'failed') {
    model.dispose();
    const kept = a.replicaLost ? await keepInterrupted(a, finished) : null;
    if (kept) return kept;
    await a.persist.saveFinished(finished, null);
    return finished;
  }
  // every user's score (only when a truth file asked for them): the truth panel recomputes at other thresholds
  const allUsers = allScores ? { scores: allScores, ruleLabels: a.prepared.labels.labels } : undefined;
  // the validation scores the loop computed with the final weights: no second pass over the users
  a.ctx.state.runs.set({
    record: finished,
    model,
    validation: { ...a.prepared.validation, scores: validationScores, ...(allUsers && { allUsers }) },
  });
  await a.persist.saveFinished(finished, model, validationScores, allUsers);
  return finished;
}

/**
 * A replica sub-worker died (crash, out of memory): the run is no failure of its settings, so it ends interrupted at
 * its last checkpoint, which stays saved for Resume. Null where nothing was saved (no epoch done, or no storage).
 */
async function keepInterrupted(a: Attempt, failed: RunRecord): Promise<RunRecord | null> {
  const checkpoint = a.latest.checkpoint;
  if (!checkpoint || checkpoint.epochsDone === 0) return null;
  const n = checkpoint.epochsDone;
  const interrupted: RunRecord = {
    ...failed,
    status: 'interrupted',
    epochs: [...checkpoint.epochs],
    message: `Interrupted at epoch ${n}: ${failed.message ?? 'a replica worker failed'}. Its checkpoint of epoch ${n} is kept: Resume continues it from there (set fewer workers for the next runs if it keeps failing).`,
  };
  return (await a.persist.saveInterrupted(interrupted)) ? interrupted : null;
}
