// The training loop shared by the Web Worker and the CLI: seeded shuffles, per-batch and per-epoch logs, validation,
// early stopping (restoring the best weights), NaN and lost-context guards, and a cooperative stop.

import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelDims } from '../models/build';
import type { Hyperparameters, ModelKind } from '../models/types';
import { createRandom, shuffleInPlace } from '../random';
import type { BatchLog, EpochLog } from './types';
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
    const step = await trainer.trainBatch(o.buildBatch(users, labels));
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

function endRun(state: LoopState, status: TrainStatus, message: string): null {
  state.status = status;
  state.message = message;
  return null;
}

/** Keeps a copy of the weights of the best epoch (lowest validation loss) and the validation scores they gave. */
function createBestKeeper(model: tf.LayersModel) {
  let best: tf.Tensor[] | null = null;
  let bestScores: Float32Array | null = null;
  let bestLoss = Number.POSITIVE_INFINITY;
  let sinceBest = 0;
  return {
    /** returns the number of epochs since the best one */
    offer(valLoss: number, scores: Float32Array): number {
      if (!(valLoss < bestLoss)) return ++sinceBest;
      bestLoss = valLoss;
      sinceBest = 0;
      tf.dispose(best ?? []);
      best = model.getWeights().map((w) => w.clone());
      bestScores = scores;
      return 0;
    },
    /** puts the best weights back; returns their validation scores (null when there is no best epoch) */
    restore(): Float32Array | null {
      if (best) model.setWeights(best);
      return bestScores;
    },
    dispose() {
      tf.dispose(best ?? []);
    },
  };
}

function checkOptions(o: TrainOptions): void {
  if (o.train.users.length === 0)
    throw new Error('No labelled training users: adjust the rules so some users are labelled.');
  if (o.train.users.length !== o.train.labels.length)
    throw new Error('Training users and labels differ in length.');
  if (o.hyperparameters.batchSize < 1) throw new Error('batchSize must be at least 1.');
}

export async function trainModel(o: TrainOptions): Promise<TrainResult> {
  checkOptions(o);
  const hp = o.hyperparameters;
  const model = buildModel(o.kind, hp, o);
  const trainer = (o.createTrainer ?? TRAINERS[o.impl ?? 'fast'])(model, o.kind, hp, o.classWeights);
  const keeper = createBestKeeper(model);
  const state: LoopState = {
    status: 'done',
    message: null,
    epochs: [],
    batches: [],
    samples: 0,
    trainMs: 0,
    startedAt: performance.now(),
  };
  const random = createRandom(hp.seed);
  const order = Int32Array.from(o.train.users, (_, i) => i);
  // validation scores of the weights the model holds now; null once a batch has changed them since
  let currentScores: Float32Array | null = null;
  try {
    for (let epoch = 0; epoch < hp.epochs; epoch++) {
      currentScores = null;
      const fit = await trainEpoch(o, trainer, shuffleInPlace(order, random), epoch, state);
      if (!fit) break;
      const validationScores = scoreUsers(
        trainer,
        o.buildBatch,
        o.validation.users,
        o.validation.labels,
        hp.batchSize,
      );
      const val = measureScores(validationScores, o.validation.labels);
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
      o.onEpoch?.(log, { model, validationScores });
      if (
        keeper.offer(val.loss, validationScores) >= hp.patience &&
        hp.patience > 0 &&
        o.validation.users.length > 0
      ) {
        state.message = `Early stop after epoch ${epoch + 1}: no validation-loss improvement for ${hp.patience} epochs; best weights restored.`;
        currentScores = keeper.restore();
        break;
      }
    }
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
