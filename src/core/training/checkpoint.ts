// What a training run needs to continue exactly where it stopped: weights, optimizer moments, the shuffle and
// dropout generators, the logs and the early-stopping keeper. Plain data (typed arrays, no tensors), so it can go
// to IndexedDB by structured clone or to a folder through checkpointFile.ts.

import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters, ModelKind } from '../models/types';
import type { BatchLog, EpochLog } from './types';

/** One float32 tensor's values and shape. */
export interface TensorData {
  shape: number[];
  values: Float32Array;
}

/** Adam's state: step count, the bias-correction powers and the first then second moments (one per variable). */
export interface OptimizerState {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  moments: TensorData[];
}

/** A trainer's own state; maskRandom is the dropout generator's position (null: no seeded dropout). */
export interface TrainerState {
  optimizer: OptimizerState;
  maskRandom: number | null;
}

/** The early-stopping keeper: the best epoch's loss, weights and validation scores, epochs since it. */
export interface KeeperState {
  bestLoss: number;
  sinceBest: number;
  weights: TensorData[] | null;
  scores: Float32Array | null;
}

export interface TrainingCheckpoint {
  format: 1;
  kind: ModelKind;
  /** the run's settings; a resume may change only epochs */
  hyperparameters: Hyperparameters;
  /** epochs completed: the next epoch to train has this index */
  epochsDone: number;
  weights: TensorData[];
  trainer: TrainerState;
  /** the shuffle generator's position and the order it last produced (each epoch reshuffles the previous order) */
  shuffle: { random: number; order: Int32Array };
  epochs: EpochLog[];
  batches: BatchLog[];
  keeper: KeeperState;
  /** set when early stopping ended the run here: a resume ends at once, as the uninterrupted run did */
  earlyStopMessage: string | null;
  samples: number;
  trainMs: number;
  elapsedMs: number;
}

export async function readTensorData(t: tf.Tensor): Promise<TensorData> {
  return { shape: [...t.shape], values: Float32Array.from(await t.data()) };
}

export function toTensors(data: TensorData[]): tf.Tensor[] {
  return data.map((d) => tf.tensor(d.values, d.shape, 'float32'));
}

/** Refuses weights whose count or shapes differ from the model's, naming the first difference. */
export function checkWeightShapes(model: tf.LayersModel, weights: TensorData[], what: string): void {
  const expected = model.weights.map((w) => w.shape);
  if (expected.length !== weights.length)
    throw new Error(
      `The ${what} holds ${weights.length} weight tensors but the model has ${expected.length}: it was made with other model settings.`,
    );
  expected.forEach((shape, i) => {
    if (shape.join('x') !== weights[i].shape.join('x'))
      throw new Error(
        `The ${what}'s weight ${i + 1} has shape [${weights[i].shape.join(', ')}] but the model expects [${shape.join(', ')}]: it was made with other model settings or data.`,
      );
  });
}

/** Sets the model's weights from plain data (shapes checked first). */
export function setModelWeights(model: tf.LayersModel, weights: TensorData[], what: string): void {
  checkWeightShapes(model, weights, what);
  const tensors = toTensors(weights);
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Refuses a checkpoint made for another model kind or other settings (only the number of epochs may change). */
export function checkResumable(c: TrainingCheckpoint, kind: ModelKind, hp: Hyperparameters): void {
  if (c.format !== 1)
    throw new Error(`The checkpoint has format ${String(c.format)}; this version reads format 1.`);
  if (c.kind !== kind) throw new Error(`The checkpoint is of a ${c.kind} model, not ${kind}.`);
  const keys = new Set([...Object.keys(hp), ...Object.keys(c.hyperparameters)]) as Set<keyof Hyperparameters>;
  const changed = [...keys].filter((k) => k !== 'epochs' && hp[k] !== c.hyperparameters[k]);
  if (changed.length > 0)
    throw new Error(
      `The checkpoint was trained with other settings (${changed.map((k) => `${k} ${c.hyperparameters[k]}, not ${hp[k]}`).join('; ')}): a resume may change only the number of epochs.`,
    );
}
