// The training loop shared by the Web Worker and the CLI: seeded shuffles, per-batch and per-epoch logs, validation,
// early stopping (restoring the best weights), NaN and lost-context guards, a cooperative stop, and a checkpoint
// after every epoch that a later call can resume from exactly.

import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelDims } from '../models/build';
import type { Hyperparameters, ModelKind } from '../models/types';
import { createRandom, shuffleInPlace, type SeededRandom } from '../random';
import type { BatchLog, EpochLog } from './types';
import { createBestKeeper, type BestKeeper } from './bestKeeper';
import { checkResumable, readTensorData, setModelWeights, type TrainingCheckpoint } from './checkpoint';
import type { ClassWeights } from './classWeights';
import { TRAINERS, type Trainer, type TrainerFactory, type TrainingImpl } from './trainers';
import { measureScores, scoreUsers, type BuildBatch } from './validation';
import { describeError } from '../errors';

export interface LabelledUsers {
  users: Int32Array;
  labels: Float32Array;
}

export interface TrainOptions extends ModelDims {
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  buildBatch: BuildBatch;
  train: LabelledUsers;
  validation: LabelledUsers;
  /** per-class loss weights (e.g. computeBalancedClassWeights of the training labels); none = unweighted */
  classWeights?: ClassWeights | null;
  /** 'fast' (default): sparse custom forward over the layers' variables; 'stock': layers trainOnBatch, dense inputs */
  impl?: TrainingImpl;
  /** overrides impl: builds the trainer (the data-parallel one of training/parallel) */
  createTrainer?: TrainerFactory;
  onBatch?: (log: BatchLog) => void;
  /** after each epoch; the snapshot lets a caller save the weights of that epoch (e.g. to survive a page reload) */
  onEpoch?: (log: EpochLog, snapshot: EpochSnapshot) => void;
  /** polled after every batch: true ends the run after the current batch, keeping the model */
  shouldStop?: () => boolean;
  /** awaited after every batch, so a worker can handle its messages */
  yieldEvery?: () => Promise<void>;
  /** polled after every batch: a message (e.g. "WebGL context lost") fails the run */
  checkHealth?: () => string | null;
  /**
   * resolves with a message when the run cannot go on (a lost WebGL context): the loop stops waiting on the batch or
   * checkpoint in flight, whose reads would never finish, and fails the run with it
   */
  failure?: Promise<string>;
  /** continue this run (same kind and settings; epochs may be larger) instead of starting from fresh weights */
  resumeFrom?: TrainingCheckpoint | null;
  /** after each epoch (awaited, after early stopping's bookkeeping): everything needed to resume from here */
  onCheckpoint?: (checkpoint: TrainingCheckpoint) => void | Promise<void>;
}

/** The live model and the epoch's validation scores (same order as the validation users); read, do not keep. */
export interface EpochSnapshot {
  model: tf.LayersModel;
  validationScores: Float32Array;
}

export type TrainStatus = 'done' | 'stopped' | 'failed';

export interface TrainResult {
  model: tf.LayersModel;
  status: TrainStatus;
  message: string | null;
  epochs: EpochLog[];
  batches: BatchLog[];
  durationMs: number;
  samplesPerSec: number;
  paramCount: number;
  /** scores of the validation users (same order) with the final weights */
  validationScores: Float32Array;
}

interface LoopState {
  status: TrainStatus;
  message: string | null;
  epochs: EpochLog[];
  batches: BatchLog[];
  samples: number;
  trainMs: number;
  startedAt: number;
  /** rejects with TrainOptions.failure's message */
  failed: Promise<never> | null;
}

/** Trains one epoch; returns the mean loss and accuracy, or null when the run ended (state.status says why). */
async function trainEpoch(
  o: TrainOptions,
  trainer: Trainer,
  order: Int32Array,
  epoch: number,
  state: LoopState,
) {
  const { batchSize } = o.hyperparameters;
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  for (let start = 0, b = 0; start < order.length; start += batchSize, b++) {
    const picked = order.subarray(start, Math.min(order.length, start + batchSize));
    const users = Int32Array.from(picked, (i) => o.train.users[i]);
    const labels = Float32Array.from(picked, (i) => o.train.labels[i]);
    const t0 = performance.now();
    const step = await unlessFailed(trainer.trainBatch(o.buildBatch(users, labels)), state);
    state.trainMs += performance.now() - t0;
    state.samples += users.length;
    if (!Number.isFinite(step.loss)) {
      return endRun(
        state,
        'failed',
        `The loss became ${step.loss} at epoch ${epoch + 1}, batch ${b + 1}: lower the learning rate (now ${o.hyperparameters.learningRate}) or check the input values.`,
      );
    }
    const log: BatchLog = { epoch, batch: b, loss: step.loss, accuracy: step.accuracy };
    state.batches.push(log);
    o.onBatch?.(log);
    lossSum += step.loss * users.length;
    correct += step.accuracy * users.length;
    seen += users.length;
    if (o.yieldEvery) await o.yieldEvery();
    const unhealthy = o.checkHealth?.() ?? null;
    if (unhealthy) return endRun(state, 'failed', unhealthy);
    if (o.shouldStop?.())
      return endRun(state, 'stopped', `Stopped by the user at epoch ${epoch + 1}, batch ${b + 1}.`);
  }
  return { loss: lossSum / seen, accuracy: correct / seen };
}

/** The work's result, or a throw with the failure's message when that comes first. */
function unlessFailed<T>(work: Promise<T>, state: LoopState): Promise<T> {
  return state.failed ? Promise.race([work, state.failed]) : work;
}

/** The failure as one rejection, handled here so a run that never fails leaves no unhandled rejection behind. */
function rejectionOf(failure: Promise<string> | undefined): Promise<never> | null {
  if (!failure) return null;
  const failed = failure.then((message): never => {
    throw new Error(message);
  });
  failed.catch(() => undefined);
  return failed;
}

function endRun(state: LoopState, status: TrainStatus, message: string): null {
  state.status = status;
  state.message = message;
  return null;
}

function checkOptions(o: TrainOptions): void {
  if (o.train.users.length === 0)
    throw new Error('No labelled training users: adjust the rules so some users are labelled.');
  if (o.train.users.length !== o.train.labels.length)
    throw new Error('Training users and labels differ in length.');
  if (o.hyperparameters.batchSize < 1) throw new Error('batchSize must be at least 1.');
}

/** What the epoch loop carries besides the options: the model, its trainer and keeper, the logs, the shuffle. */
interface Run {
  o: TrainOptions;
  model: tf.LayersModel;
  trainer: Trainer;
  keeper: BestKeeper;
  state: LoopState;
  random: SeededRandom;
  order: Int32Array;
}

/** A fresh run, or one put back to a checkpoint's state (weights, optimizer, generators, logs, keeper). */
async function startRun(o: TrainOptions): Promise<Run> {
  const hp = o.hyperparameters;
  const c = o.resumeFrom ?? null;
  if (c) checkResumable(c, o.kind, hp);
  if (c && c.shuffle.order.length !== o.train.users.length)
    throw new Error(
      `The checkpoint was trained on ${c.shuffle.order.length} users but this run has ${o.train.users.length}: the data, the rules or the split changed since.`,
    );
  const model = buildModel(o.kind, hp, o);
  const trainer = (o.createTrainer ?? TRAINERS[o.impl ?? 'fast'])(model, o.kind, hp, o.classWeights);
  const keeper = createBestKeeper(model);
  const run: Run = {
    o,
    model,
    trainer,
    keeper,
    state: {
      status: 'done',
      message: null,
      epochs: c ? [...c.epochs] : [],
      batches: c ? [...c.batches] : [],
      samples: c?.samples ?? 0,
      trainMs: c?.trainMs ?? 0,
      startedAt: performance.now() - (c?.elapsedMs ?? 0),
      failed: rejectionOf(o.failure),
    },
    random: createRandom(c ? c.shuffle.random : hp.seed),
    order: c ? Int32Array.from(c.shuffle.order) : Int32Array.from(o.train.users, (_, i) => i),
  };
  if (!c) return run;
  try {
    setModelWeights(model, c.weights, 'checkpoint');
    await trainer.importState(c.trainer);
    keeper.importState(c.keeper);
    return run;
  } catch (err) {
    disposeRun(run);
    throw err;
  }
}

function disposeRun(run: Run): void {
  run.trainer.dispose();
  run.keeper.dispose();
  run.model.dispose();
}

async function makeCheckpoint(run: Run, earlyStopMessage: string | null): Promise<TrainingCheckpoint> {
  const { o, state } = run;
  return {
    format: 1,
    kind: o.kind,
    hyperparameters: { ...o.hyperparameters },
    epochsDone: state.epochs.length,
    weights: await Promise.all(run.model.getWeights().map(readTensorData)),
    trainer: await run.trainer.exportState(),
    shuffle: { random: run.random.state(), order: Int32Array.from(run.order) },
    epochs: [...state.epochs],
    batches: [...state.batches],
    keeper: await run.keeper.exportState(),
    earlyStopMessage,
    samples: state.samples,
    trainMs: state.trainMs,
    elapsedMs: performance.now() - state.startedAt,
  };
}

/** Trains the remaining epochs; returns the validation scores of the weights the model holds, if known. */
async function runEpochs(run: Run): Promise<Float32Array | null> {
  const { o, state, trainer } = run;
  const hp = o.hyperparameters;
  // validation scores of the weights the model holds now; null once a batch has changed them since
  let currentScores: Float32Array | null = null;
  for (let epoch = state.epochs.length; epoch < hp.epochs; epoch++) {
    currentScores = null;
    const fit = await trainEpoch(o, trainer, shuffleInPlace(run.order, run.random), epoch, state);
    if (!fit) break;
    const { users, labels } = o.validation;
    const validationScores = scoreUsers(trainer, o.buildBatch, users, labels, hp.batchSize);
    const val = measureScores(validationScores, labels);
    const log: EpochLog = {
      epoch,
      loss: fit.loss,
      accuracy: fit.accuracy,
      valLoss: val.loss,
      valAccuracy: val.accuracy,
      elapsed: (performance.now() - state.startedAt) / 1000,
      samplesPerSec: state.samples / (state.trainMs / 1000),
    };
    state.epochs.push(log);
    currentScores = validationScores;
    o.onEpoch?.(log, { model: run.model, validationScores });
    const stale = run.keeper.offer(val.loss, validationScores);
    const earlyStop =
      stale >= hp.patience && hp.patience > 0 && users.length > 0
        ? `Early stop after epoch ${epoch + 1}: no validation-loss improvement for ${hp.patience} epochs; best weights restored.`
        : null;
    if (o.onCheckpoint) await o.onCheckpoint(await unlessFailed(makeCheckpoint(run, earlyStop), state));
    if (earlyStop) {
      state.message = earlyStop;
      return run.keeper.restore();
    }
  }
  return currentScores;
}

export async function trainModel(o: TrainOptions): Promise<TrainResult> {
  checkOptions(o);
  const hp = o.hyperparameters;
  const run = await startRun(o);
  const { model, trainer, keeper, state } = run;
  let currentScores: Float32Array | null = null;
  try {
    const stoppedEarly = o.resumeFrom?.earlyStopMessage ?? null;
    if (stoppedEarly) {
      // the run had already stopped early: the uninterrupted run ends here too, on its best weights
      state.message = stoppedEarly;
      currentScores = keeper.restore();
    } else currentScores = await runEpochs(run);
  } catch (err) {
    endRun(state, 'failed', `Training failed on the ${tf.getBackend()} backend: ${describeError(err)}`);
  }
  // the last epoch's (or the restored best epoch's) scores when no batch has run since: no second pass
  const validationScores =
    state.status === 'failed'
      ? new Float32Array(o.validation.users.length).fill(Number.NaN)
      : (currentScores ??
        scoreUsers(trainer, o.buildBatch, o.validation.users, o.validation.labels, hp.batchSize));
  trainer.dispose();
  keeper.dispose();
  return {
    model,
    status: state.status,
    message: state.message,
    epochs: state.epochs,
    batches: state.batches,
    durationMs: performance.now() - state.startedAt,
    samplesPerSec: state.trainMs > 0 ? state.samples / (state.trainMs / 1000) : 0,
    paramCount: model.countParams(),
    validationScores,
  };
}
