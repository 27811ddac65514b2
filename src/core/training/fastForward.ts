// The fast forward pass of each model kind, written in tf ops over the layers model's own variables, so training
// it trains the exported model directly (no weight copying). Inputs come straight from the sparse feature batch.

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch, SparseSequence } from '../features/types';
import type { ModelKind } from '../models/types';
import { runLstmLastState } from './fastLstm';
import { projectSparse } from './sparseProject';

/** The variables of one model, looked up by the layer names src/core/models/build.ts gives them. */
export interface ModelVariables {
  kind: ModelKind;
  byLayer: Map<string, tf.Variable[]>;
  /** every trainable variable, in model order */
  all: tf.Variable[];
  /** the kernels that carry an L2 penalty */
  regularised: tf.Variable[];
}

/** Dropout masks for training; null in inference. Draws from a seeded generator so runs reproduce. */
export type MaskSource = ((rows: number, cols: number) => tf.Tensor2D) | null;

export function collectVariables(model: tf.LayersModel, kind: ModelKind): ModelVariables {
  const byLayer = new Map<string, tf.Variable[]>();
  const all: tf.Variable[] = [];
  const regularised: tf.Variable[] = [];
  for (const layer of model.layers) {
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    if (vars.length === 0) continue;
    byLayer.set(layer.name, vars);
    all.push(...vars);
    // kernels (and the LSTM's recurrent kernel) are regularised, biases are not
    regularised.push(...vars.filter((v) => v.shape.length === 2));
  }
  return { kind, byLayer, all, regularised };
}

function layerVars(vars: ModelVariables, name: string): tf.Variable[] {
  const found = vars.byLayer.get(name);
  if (!found) throw new Error(`The ${vars.kind} model has no layer "${name}": was it built by buildModel?`);
  return found;
}

function applyDense(vars: ModelVariables, name: string, x: tf.Tensor2D): tf.Tensor2D {
  const [kernel, bias] = layerVars(vars, name);
  return tf.add(tf.matMul(x, kernel), bias);
}

function applyDropout(x: tf.Tensor2D, masks: MaskSource): tf.Tensor2D {
  return masks ? tf.mul(x, masks(x.shape[0], x.shape[1])) : x;
}

/** Projection (or none) and the LSTM of one branch: the last state [B, H]. */
function applyBranch(vars: ModelVariables, prefix: string, seq: SparseSequence): tf.Tensor2D {
  const [kernel, recurrent, bias] = layerVars(vars, `${prefix}_lstm`) as [
    tf.Variable,
    tf.Variable,
    tf.Variable,
  ];
  const projection = vars.byLayer.get(`${prefix}_projection`);
  const xt = projection
    ? projectSparse(projection[0], projection[1], seq, 'stepMajorT')
    : tf.transpose(densifyStepMajor(seq));
  return runLstmLastState(
    xt,
    kernel as tf.Tensor2D,
    recurrent as tf.Tensor2D,
    bias as tf.Tensor1D,
    seq.batchSize,
  );
}

/** Without a projection the LSTM kernel reads the dense [steps·B, C] counts (slow; kept for completeness). */
function densifyStepMajor(seq: SparseSequence): tf.Tensor2D {
  const out = new Float32Array(seq.batchSize * seq.steps * seq.width);
  for (let k = 0; k < seq.values.length; k++) {
    const b = Math.floor(seq.rows[k] / seq.steps);
    const t = seq.rows[k] - b * seq.steps;
    out[(t * seq.batchSize + b) * seq.width + seq.cols[k]] += seq.values[k];
  }
  return tf.tensor2d(out, [seq.batchSize * seq.steps, seq.width]);
}

type Forward = (vars: ModelVariables, batch: FeatureBatch, masks: MaskSource) => tf.Tensor2D;

const FORWARDS: Record<ModelKind, Forward> = {
  shallow: (vars, batch, masks) => {
    const [kernel, bias] = layerVars(vars, 'hidden');
    const hidden = tf.relu(projectSparse(kernel, bias, batch.yearly, 'rows')) as tf.Tensor2D;
    return applyDense(vars, 'output', applyDropout(hidden, masks));
  },
  lstm: (vars, batch, masks) =>
    applyDense(vars, 'output', applyDropout(applyBranch(vars, 'monthly', batch.monthly), masks)),
  dual: (vars, batch, masks) => {
    const joined = tf.concat(
      [applyBranch(vars, 'monthly', batch.monthly), applyBranch(vars, 'daily', batch.daily)],
      1,
    );
    const fc = tf.relu(applyDense(vars, 'fc', joined)) as tf.Tensor2D;
    return applyDense(vars, 'output', applyDropout(fc, masks));
  },
};

/** Logits [B, 1] of the model's output unit (before its sigmoid). */
export function forwardLogits(vars: ModelVariables, batch: FeatureBatch, masks: MaskSource): tf.Tensor2D {
  return FORWARDS[vars.kind](vars, batch, masks);
}

/** Σ l2 · ‖W‖² over the regularised kernels, as the layers' L2 regularisers add it to the loss. */
export function computeL2Penalty(vars: ModelVariables, l2: number): tf.Scalar {
  if (l2 <= 0 || vars.regularised.length === 0) return tf.scalar(0);
  return tf.mul(l2, tf.addN(vars.regularised.map((v) => tf.sum(tf.square(v))))) as tf.Scalar;
}
