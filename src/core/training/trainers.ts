// One training step per implementation: 'fast' (custom forward over the layers' variables, sparse inputs) and
// 'stock' (TF.js layers trainOnBatch on densified inputs, the baseline). Both train the same layers model.

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch } from '../features/types';
import type { Hyperparameters, ModelKind } from '../models/types';
import { createRandom } from '../random';
import type { TrainerState } from './checkpoint';
import { weightsOf, type ClassWeights } from './classWeights';
import { buildDenseInputs } from './denseInputs';
import { collectVariables, computeL2Penalty, forwardLogits, type MaskSource } from './fastForward';
import { exportAdamState, importAdamState } from './optimizerState';

export type TrainingImpl = 'fast' | 'stock';

export interface StepResult {
  /** binary cross-entropy plus the L2 penalty, as Keras reports it */
  loss: number;
  accuracy: number;
}

export interface Trainer {
  trainBatch(batch: FeatureBatch): Promise<StepResult>;
  /** sigmoid scores, inference mode (no dropout) */
  predict(batch: FeatureBatch): Float32Array;
  /** the optimizer's moments and step count and the dropout stream's position, for a checkpoint */
  exportState(): Promise<TrainerState>;
  /** continues from exportState's result; call before the first trainBatch */
  importState(state: TrainerState): Promise<void>;
  dispose(): void;
}

export function countCorrect(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (scores[i] >= 0.5 === labels[i] >= 0.5) correct++;
  return correct;
}

/** Inverted-dropout masks drawn from a seeded generator (tf's own dropout cannot be reseeded per step). */
export function createMaskSource(rate: number, random: () => number): MaskSource {
  if (rate <= 0) return null;
  const keep = 1 / (1 - rate);
  return (rows, cols) => {
    const mask = new Float32Array(rows * cols);
    for (let i = 0; i < mask.length; i++) mask[i] = random() < rate ? 0 : keep;
    return tf.tensor2d(mask, [rows, cols]);
  };
}

/** The dropout stream's seed: the data-parallel replicas draw from the same stream (training/parallel). */
export function dropoutSeed(hp: Hyperparameters): number {
  return hp.seed ^ 0x5bd1e995;
}

/** Per-user loss weights of a batch as a [b, 1] tensor, or undefined for an unweighted loss. */
function batchWeights(labels: Float32Array, classWeights: ClassWeights | null | undefined) {
  return classWeights ? tf.tensor2d(weightsOf(labels, classWeights), [labels.length, 1]) : undefined;
}

export function createFastTrainer(
  model: tf.LayersModel,
  kind: ModelKind,
  hp: Hyperparameters,
  classWeights?: ClassWeights | null,
): Trainer {
  const vars = collectVariables(model, kind);
  const optimizer = tf.train.adam(hp.learningRate);
  // replaced by importState, so the masks read it through a closure
  let maskRandom = createRandom(dropoutSeed(hp));
  const masks = createMaskSource(hp.dropout, () => maskRandom());
  return {
    async trainBatch(batch) {
      let scores: tf.Tensor | null = null;
      const cost = tf.tidy(() => {
        const labels = tf.tensor2d(batch.labels, [batch.labels.length, 1]);
        // weighted mean over the batch (Reduction.SUM_BY_NONZERO_WEIGHTS): Σ wᵢ·lossᵢ / b
        const weights = batchWeights(batch.labels, classWeights);
        const { value, grads } = tf.variableGrads(() => {
          const logits = forwardLogits(vars, batch, masks);
          scores = tf.keep(tf.sigmoid(logits));
          return tf.add(
            tf.losses.sigmoidCrossEntropy(labels, logits, weights),
            computeL2Penalty(vars, hp.l2),
          ) as tf.Scalar;
        }, vars.all);
        optimizer.applyGradients(grads as Record<string, tf.Variable>);
        return value;
      });
      const loss = (await cost.data())[0];
      const s = await (scores as unknown as tf.Tensor).data();
      tf.dispose([cost, scores as unknown as tf.Tensor]);
      return { loss, accuracy: countCorrect(s, batch.labels) / batch.labels.length };
    },
    predict(batch) {
      return tf.tidy(() => tf.sigmoid(forwardLogits(vars, batch, null)).dataSync() as Float32Array);
    },
    async exportState() {
      return {
        optimizer: await exportAdamState(optimizer),
        maskRandom: masks ? maskRandom.state() : null,
      };
    },
    async importState(state) {
      await importAdamState(optimizer, state.optimizer);
      if (state.maskRandom !== null) maskRandom = createRandom(state.maskRandom);
    },
    dispose() {
      optimizer.dispose();
    },
  };
}

/** Keras' binary cross-entropy with each user weighted by its class (trainOnBatch takes no sample weights). */
function weightedBinaryCrossentropy(w: ClassWeights) {
  return (yTrue: tf.Tensor, yPred: tf.Tensor) =>
    tf.tidy(() => {
      const weights = tf.add(tf.mul(yTrue, w.positive), tf.mul(tf.sub(1, yTrue), w.negative));
      return tf.mean(tf.mul(tf.metrics.binaryCrossentropy(yTrue, yPred), tf.squeeze(weights, [-1])));
    });
}

export function createStockTrainer(
  model: tf.LayersModel,
  kind: ModelKind,
  hp: Hyperparameters,
  classWeights?: ClassWeights | null,
): Trainer {
  const optimizer = tf.train.adam(hp.learningRate);
  const loss = classWeights ? weightedBinaryCrossentropy(classWeights) : 'binaryCrossentropy';
  model.compile({ optimizer, loss, metrics: ['accuracy'] });
  return {
    async trainBatch(batch) {
      const xs = buildDenseInputs(kind, batch);
      const ys = tf.tensor2d(batch.labels, [batch.labels.length, 1]);
      try {
        const [loss, accuracy] = (await model.trainOnBatch(xs, ys)) as number[];
        return { loss, accuracy };
      } finally {
        tf.dispose([...xs, ys]);
      }
    },
    predict(batch) {
      return tf.tidy(
        () => (model.predict(buildDenseInputs(kind, batch)) as tf.Tensor).dataSync() as Float32Array,
      );
    },
    // the layers' own dropout draws from TF.js's unseeded generator: only the optimizer can be restored
    async exportState() {
      return { optimizer: await exportAdamState(optimizer), maskRandom: null };
    },
    async importState(state) {
      await importAdamState(optimizer, state.optimizer);
    },
    dispose() {
      optimizer.dispose();
    },
  };
}

/** Builds the trainer of a model; trainModel's createTrainer option takes one (e.g. the data-parallel trainer). */
export type TrainerFactory = typeof createFastTrainer;

export const TRAINERS: Record<TrainingImpl, TrainerFactory> = {
  fast: createFastTrainer,
  stock: createStockTrainer,
};
