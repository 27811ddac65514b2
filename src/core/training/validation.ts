// Scores and loss over a user set, batch by batch: used for validation during training and for scoring.

import type * as tf from '@tensorflow/tfjs';
import type { FeatureBatch } from '../features/types';
import type { ModelKind } from '../models/types';
import { countCorrect, createFastTrainer, type Trainer } from './trainers';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';

export type BuildBatch = (users: Int32Array, labels: Float32Array) => FeatureBatch;

/** Scores of every user, in the given order. */
export function scoreUsers(
  trainer: Trainer,
  buildBatch: BuildBatch,
  users: Int32Array,
  labels: Float32Array,
  batchSize: number,
): Float32Array {
  const scores = new Float32Array(users.length);
  for (let start = 0; start < users.length; start += batchSize) {
    const end = Math.min(users.length, start + batchSize);
    scores.set(trainer.predict(buildBatch(users.subarray(start, end), labels.subarray(start, end))), start);
  }
  return scores;
}

/** Mean binary cross-entropy (scores clipped to [1e-7, 1 − 1e-7] as Keras does) and accuracy at 0.5. */
export function measureScores(
  scores: Float32Array,
  labels: Float32Array,
): { loss: number; accuracy: number } {
  if (labels.length === 0) return { loss: Number.NaN, accuracy: Number.NaN };
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
    sum -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
  }
  return { loss: sum / labels.length, accuracy: countCorrect(scores, labels) / labels.length };
}

/**
 * Scores users with a trained model through the fast forward (sparse inputs, inference mode); it equals
 * model.predict on the densified inputs within 1e-4 (tested).
 */
export async function predictScores(
  model: tf.LayersModel,
  kind: ModelKind,
  buildBatch: BuildBatch,
  users: Int32Array,
  batchSize: number,
): Promise<Float32Array> {
  const trainer = createFastTrainer(model, kind, { ...DEFAULT_HYPERPARAMETERS[kind], dropout: 0 });
  try {
    return scoreUsers(trainer, buildBatch, users, new Float32Array(users.length), batchSize);
  } finally {
    trainer.dispose();
  }
}
