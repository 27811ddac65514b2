// Builds the three model variants as standard TF.js layers models, chosen from a registry by kind.
// Layer names are fixed: the fast training path (src/core/training) finds its variables by these names.

import * as tf from '@tensorflow/tfjs';
import { findHyperparameterProblems, resolveProjection } from './hyperparameters';
import { orthogonalMatrix } from './orthogonal';
import type { Hyperparameters, ModelKind } from './types';

/** Input sizes: categories per step (C), month steps (M), day steps (D). */
export interface ModelDims {
  width: number;
  months: number;
  days: number;
}

export const INPUT_NAMES = { yearly: 'yearly', monthly: 'monthly', daily: 'daily' } as const;

type Builder = (hp: Hyperparameters, dims: ModelDims) => tf.LayersModel;

/** Seeds differ per layer so two layers of the same shape do not start identical. */
function seedFor(hp: Hyperparameters, layerIndex: number): number {
  return (hp.seed * 7919 + layerIndex * 104729) % 2147483647;
}

function regulariser(hp: Hyperparameters) {
  return hp.l2 > 0 ? tf.regularizers.l2({ l2: hp.l2 }) : undefined;
}

function denseLayer(
  hp: Hyperparameters,
  name: string,
  units: number,
  activation: 'relu' | 'sigmoid' | 'linear',
  seed: number,
) {
  return tf.layers.dense({
    name,
    units,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: 'zeros',
    kernelRegularizer: regulariser(hp),
  });
}

/** TimeDistributed Dense projection (when projection > 0) and an LSTM returning its last state. */
function applyRecurrentBranch(
  hp: Hyperparameters,
  input: tf.SymbolicTensor,
  prefix: string,
  seedBase: number,
): tf.SymbolicTensor {
  const projection = resolveProjection(hp);
  let x = input;
  if (projection > 0) {
    const dense = denseLayer(hp, `${prefix}_projection_dense`, projection, 'linear', seedFor(hp, seedBase));
    x = tf.layers
      .timeDistributed({ layer: dense, name: `${prefix}_projection` })
      .apply(x) as tf.SymbolicTensor;
  }
  return tf.layers
    .lstm({
      name: `${prefix}_lstm`,
      units: hp.hidden,
      recurrentActivation: 'sigmoid',
      activation: 'tanh',
      unitForgetBias: true,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seedFor(hp, seedBase + 1) }),
      // a cheap stand-in, replaced by a JS-computed orthogonal matrix in setOrthogonalRecurrentKernels
      recurrentInitializer: tf.initializers.glorotUniform({ seed: seedFor(hp, seedBase + 2) }),
      kernelRegularizer: regulariser(hp),
      recurrentRegularizer: regulariser(hp),
    })
    .apply(x) as tf.SymbolicTensor;
}

function applyHead(hp: Hyperparameters, x: tf.SymbolicTensor, seedBase: number): tf.SymbolicTensor {
  const dropped = tf.layers.dropout({ name: 'dropout', rate: hp.dropout }).apply(x) as tf.SymbolicTensor;
  return denseLayer(hp, 'output', 1, 'sigmoid', seedFor(hp, seedBase)).apply(dropped) as tf.SymbolicTensor;
}

function buildShallow(hp: Hyperparameters, dims: ModelDims): tf.LayersModel {
  const input = tf.input({ shape: [dims.width], name: INPUT_NAMES.yearly });
  const hidden = denseLayer(hp, 'hidden', hp.hidden, 'relu', seedFor(hp, 1)).apply(
    input,
  ) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: applyHead(hp, hidden, 2), name: 'shallow' });
}

function buildLstm(hp: Hyperparameters, dims: ModelDims): tf.LayersModel {
  const input = tf.input({ shape: [dims.months, dims.width], name: INPUT_NAMES.monthly });
  const state = applyRecurrentBranch(hp, input, 'monthly', 1);
  return tf.model({ inputs: input, outputs: applyHead(hp, state, 4), name: 'lstm' });
}

function buildDual(hp: Hyperparameters, dims: ModelDims): tf.LayersModel {
  const monthly = tf.input({ shape: [dims.months, dims.width], name: INPUT_NAMES.monthly });
  const daily = tf.input({ shape: [dims.days, dims.width], name: INPUT_NAMES.daily });
  const joined = tf.layers
    .concatenate({ name: 'concat' })
    .apply([applyRecurrentBranch(hp, monthly, 'monthly', 1), applyRecurrentBranch(hp, daily, 'daily', 4)]);
  const fc = denseLayer(hp, 'fc', hp.fcUnits, 'relu', seedFor(hp, 7)).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: [monthly, daily], outputs: applyHead(hp, fc, 8), name: 'dual' });
}

const BUILDERS: Record<ModelKind, Builder> = { shallow: buildShallow, lstm: buildLstm, dual: buildDual };

/** Which feature sequences a kind reads, in the model's input order. */
export const MODEL_INPUTS: Record<ModelKind, readonly ('yearly' | 'monthly' | 'daily')[]> = {
  shallow: ['yearly'],
  lstm: ['monthly'],
  dual: ['monthly', 'daily'],
};

/** Builds a fresh, seeded model of the given kind. */
export function buildModel(kind: ModelKind, hp: Hyperparameters, dims: ModelDims): tf.LayersModel {
  if (!(kind in BUILDERS)) throw new Error(`Unknown model kind "${kind}": use shallow, lstm or dual.`);
  const problems = findHyperparameterProblems(hp, ['hidden', 'fcUnits', 'projection', 'dropout']);
  if (problems.length) throw new Error(problems.join(' '));
  const model = BUILDERS[kind](hp, dims);
  setOrthogonalRecurrentKernels(model, hp);
  return model;
}

/** Sets every LSTM's recurrent kernel to a seeded orthogonal matrix (Keras's default recurrent initialisation). */
function setOrthogonalRecurrentKernels(model: tf.LayersModel, hp: Hyperparameters): void {
  model.layers.forEach((layer, index) => {
    if (layer.getClassName() !== 'LSTM') return;
    const weights = layer.getWeights();
    const [rows, cols] = weights[1].shape;
    const kernel = tf.tensor2d(orthogonalMatrix(rows, cols, seedFor(hp, 100 + index)), [rows, cols]);
    layer.setWeights([weights[0], kernel, weights[2]]);
    kernel.dispose();
  });
}
