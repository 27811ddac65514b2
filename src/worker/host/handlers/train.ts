// Training handlers: one run end to end over the core's runExperiment (progress events, stop, lost-context guard),
// the trained model kept in the run registry; backend choice; and a model summary for the settings shown.

import * as tf from '@tensorflow/tfjs';
import { watchWebglContext } from '../../../core/backend';
import { fingerprintData } from '../../../core/bundle';
import { buildFeatureSpec, specWidth } from '../../../core/features';
import { buildModel, summariseModel } from '../../../core/models';
import { runExperiment, prepareTrainingData, type PreparedData } from '../../../core/runs';
import { checkTrainWorkers, createParallelTrainerFactory, type TrainerFactory } from '../../../core/training';
import { spawnReplicaWorkers } from '../replicaWorkers';
import type { RunRecord } from '../../../core/runs';
import { ensureBackend } from '../backend';
import { createRunPersister } from '../runStoragePersist';
import type { LoadedDataset, WorkerState } from '../state';
import type { TrainRunRequest } from '../../protocol/trainMessages';
import { batchSizeAt, createBatchThrottle } from './trainThrottle';
import { SWEEP_RUN_KEY } from './sweep';
import type { Handler, HandlerContext } from './types';
import { describeError } from '../../../core/errors';

/** Batch progress messages at most this often (about ten a second). */
export const PROGRESS_INTERVAL_MS = 100;

function requireDataset(state: WorkerState): LoadedDataset {
  if (!state.dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  return state.dataset;
}

/** A macrotask break after each batch, so Stop and other requests are handled while a run trains. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function switchBackend(preferred: TrainRunRequest['backend'], ctx: HandlerContext) {
  const { info, changed } = await ensureBackend(preferred);
  if (changed) ctx.state.broadcast('train/backend', info);
  return info;
}

function buildStartRecord(
  req: TrainRunRequest,
  dataset: LoadedDataset,
  prepared: PreparedData,
  backend: { backend: RunRecord['backend']; renderer: string | null },
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
  };
}

/** The data-parallel trainer over workers − 1 sub-workers (spawned when the run's trainer is built), or none. */
function parallelTrainer(workers: number, prepared: PreparedData): TrainerFactory | undefined {
  if (workers <= 1) return undefined;
  const dims = { width: prepared.builder.width, months: prepared.spec.months, days: prepared.spec.days };
  return (...args) =>
    createParallelTrainerFactory({ links: spawnReplicaWorkers(workers - 1), dims })(...args);
}

function refuseWhileTraining(state: WorkerState, what: string): void {
  if (state.activeRuns.has(SWEEP_RUN_KEY))
    throw new Error(`A sweep is training: ${what} after it ends, or cancel the sweep first.`);
  if (state.activeRuns.size > 0)
    throw new Error(`A run is training: ${what} after it ends, or stop it first.`);
}

const runTraining: Handler<'train/run'> = async (req, ctx) => {
  const dataset = requireDataset(ctx.state);
  refuseWhileTraining(ctx.state, 'start the next run');
  const workersProblem = checkTrainWorkers(req.workers ?? 1);
  if (workersProblem) throw new Error(`The run cannot start: ${workersProblem}.`);
  const hp = req.hyperparameters;
  const backend = await switchBackend(req.backend, ctx);
  // the split follows the data seed, not the model seed: runs on the same rules and sampling validate on the same
  // users, so comparing them is a paired test
  // k-fold repeats validate on one fold each of the same data-seeded folds
  const prepared = prepareTrainingData(dataset.store, req.setup, {
    validationFraction: hp.validationFraction,
    seed: req.setup.sampling.seed,
    ...(req.group?.mode === 'folds' && { fold: { k: req.group.of, index: req.group.index } }),
  });
  const startedAt = performance.now();
  const start = buildStartRecord(req, dataset, prepared, backend);
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
    totalBatches: batchesPerEpoch * hp.epochs,
    trainUsers,
    validationUsers: prepared.validation.users.length,
  });
  const throttle = createBatchThrottle({
    intervalMs: PROGRESS_INTERVAL_MS,
    now: () => performance.now(),
    emit: (p) =>
      ctx.emit('train/batch', {
        runId: req.runId,
        logs: p.logs,
        batchesDone: p.batchesDone,
        elapsedMs: p.elapsedMs,
        samplesPerSec: p.elapsedMs > 0 ? p.samplesDone / (p.elapsedMs / 1000) : 0,
        firstBatchMs: p.firstBatchMs,
      }),
  });
  let lostContext: string | null = null;
  const unwatch = watchWebglContext((message) => (lostContext = message));
  const epochs: RunRecord['epochs'] = [];
  try {
    const {
      record,
      model,
      scores: allScores,
      validationScores,
    } = await runExperiment({
      id: req.runId,
      name: req.name,
      store: dataset.store,
      truth: dataset.truth,
      setup: req.setup,
      prepared,
      kind: req.kind,
      hyperparameters: hp,
      backend: backend.backend,
      renderer: backend.renderer,
      createTrainer: parallelTrainer(req.workers ?? 1, prepared),
      onBatch: (log) => throttle.push(log, batchSizeAt(log.batch, trainUsers, hp.batchSize)),
      onEpoch: (log, snapshot) => {
        throttle.flush();
        epochs.push(log);
        persist.saveEpoch(log, snapshot);
        ctx.emit('train/epoch', { runId: req.runId, log, numTensors: tf.memory().numTensors });
      },
      shouldStop: () => control.stop || ctx.signal.aborted,
      yieldEvery: yieldToMessages,
      checkHealth: () => lostContext,
      onPhase: (phase) => ctx.emit('train/phase', { runId: req.runId, phase }),
    });
    throttle.flush();
    const finished = { ...record, startedAt: start.startedAt, ...(req.group && { group: req.group }) };
    if (finished.status === 'failed') {
      model.dispose();
      await persist.saveFinished(finished, null);
      return finished;
    }
    // the validation scores the loop computed with the final weights: no second pass over the users
    const scores = validationScores;
    // every user's score (only when a truth file asked for them): the truth panel recomputes at other thresholds
    const allUsers = allScores ? { scores: allScores, ruleLabels: prepared.labels.labels } : undefined;
    ctx.state.runs.set({
      record: finished,
      model,
      validation: { ...prepared.validation, scores, ...(allUsers && { allUsers }) },
    });
    await persist.saveFinished(finished, model, scores, allUsers);
    return finished;
  } catch (error) {
    const failed: RunRecord = {
      ...start,
      status: 'failed',
      epochs,
      durationMs: performance.now() - startedAt,
      message: `Training failed on the ${backend.backend} backend: ${describeError(error)}`,
    };
    await persist.saveFinished(failed, null);
    return failed;
  } finally {
    unwatch();
    active.delete(req.runId);
  }
};

const stopTraining: Handler<'train/stop'> = async ({ runId }, ctx) => {
  const control = ctx.state.activeRuns.get(runId);
  if (!control) return false;
  control.stop = true;
  return true;
};

const chooseBackend: Handler<'train/backend'> = async ({ backend }, ctx) => {
  refuseWhileTraining(ctx.state, 'switch the backend');
  return switchBackend(backend, ctx);
};

const summarise: Handler<'train/summary'> = async (req, ctx) => {
  const { store } = requireDataset(ctx.state);
  // never switch under a training run: the summary then builds on the backend that runs
  if (ctx.state.activeRuns.size === 0) await switchBackend(req.backend, ctx);
  const spec = buildFeatureSpec(store, req.features);
  const dims = { width: specWidth(spec), months: spec.months, days: spec.days };
  const model = buildModel(req.kind, req.hyperparameters, dims);
  try {
    return { ...summariseModel(model), ...dims };
  } finally {
    model.dispose();
  }
};

export const trainHandlers = {
  'train/run': runTraining,
  'train/stop': stopTraining,
  'train/backend': chooseBackend,
  'train/summary': summarise,
};
