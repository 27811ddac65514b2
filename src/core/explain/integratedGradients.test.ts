import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { buildDenseInputs } from '../training/denseInputs';
import { createTinyWorld, splitUsers } from '../../test/testWorld';
import { trainModel } from '../training/trainModel';
import { integrateGradientsDense, logitOfLayersModel } from './denseIntegratedGradients';
import { createExplainer } from './integratedGradients';

const world = createTinyWorld({ users: 48, width: 10, months: 4, days: 6 });
const split = splitUsers(world);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trained(kind: ModelKind, projection = 6) {
  const result = await trainModel({
    kind,
    width: world.width,
    months: world.months,
    days: world.days,
    hyperparameters: {
      ...DEFAULT_HYPERPARAMETERS[kind],
      hidden: 4,
      fcUnits: 4,
      projection,
      batchSize: 8,
      epochs: 6,
      learningRate: 0.02,
      patience: 0,
      seed: 3,
    },
    buildBatch: world.buildBatch,
    ...split,
  });
  return result.model;
}

const users = Int32Array.from([36, 37, 40, 45]);
const batchOf = (ids: Int32Array) => world.buildBatch(ids, new Float32Array(ids.length));

/** Dense [steps × width] contributions of one user's input, for comparison with the dense reference. */
function denseOf(input: {
  steps: number;
  width: number;
  step: Int32Array;
  col: Int32Array;
  contribution: Float32Array;
}) {
  const out = new Float32Array(input.steps * input.width);
  input.step.forEach((t, i) => (out[t * input.width + input.col[i]] += input.contribution[i]));
  return out;
}

describe.each(MODEL_KINDS)('integrated gradients of a trained %s model', (kind) => {
  it('gives the model’s own logit and a sum of contributions within 5% of f(x) − f(baseline)', async () => {
    const model = await trained(kind);
    const batch = batchOf(users);
    const attributions = createExplainer(model, kind).explain(batch, 32);
    const scores = (model.predict(buildDenseInputs(kind, batch)) as tf.Tensor).dataSync();
    attributions.forEach((a, b) => {
      expect(Math.abs(1 / (1 + Math.exp(-a.logit)) - scores[b])).toBeLessThan(1e-5);
      const expected = a.logit - a.baselineLogit;
      expect(Math.abs(expected)).toBeGreaterThan(0.05);
      expect(Math.abs(a.sum - expected)).toBeLessThanOrEqual(0.05 * Math.abs(expected));
    });
    model.dispose();
  });

  it('equals integrated gradients taken through the whole layers model on dense inputs', async () => {
    const model = await trained(kind);
    const ids = Int32Array.from([41]);
    const [fast] = createExplainer(model, kind).explain(batchOf(ids), 16);
    const dense = buildDenseInputs(kind, batchOf(ids)).map((x) => tf.squeeze(x, [0]));
    const reference = integrateGradientsDense(logitOfLayersModel(model), dense, 16);
    expect(fast.logit).toBeCloseTo(reference.logit, 5);
    expect(fast.baselineLogit).toBeCloseTo(reference.baselineLogit, 5);
    fast.inputs.forEach((input, i) => {
      const ours = denseOf(input);
      reference.attributions[i].forEach((r, j) => expect(Math.abs(ours[j] - r)).toBeLessThan(1e-5));
    });
    expect(fast.inputs.reduce((n, input) => n + input.contribution.length, 0)).toBeGreaterThan(3);
    tf.dispose(dense);
    model.dispose();
  });
});

describe('integrated gradients without a projection layer', () => {
  it('reads the raw inputs of a stock dual model and matches the dense reference', async () => {
    const model = await trained('dual', 0);
    const ids = Int32Array.from([38]);
    const [fast] = createExplainer(model, 'dual').explain(batchOf(ids), 8);
    const dense = buildDenseInputs('dual', batchOf(ids)).map((x) => tf.squeeze(x, [0]));
    const reference = integrateGradientsDense(logitOfLayersModel(model), dense, 8);
    fast.inputs.forEach((input, i) => {
      const ours = denseOf(input);
      reference.attributions[i].forEach((r, j) => expect(Math.abs(ours[j] - r)).toBeLessThan(1e-5));
    });
    tf.dispose(dense);
    model.dispose();
  });
});

describe('integrated gradients of a linear model', () => {
  /** logit = x · w + b, built with the shallow model's layer names (hidden: Dense(1) linear, output: identity). */
  function linearModel(w: number[], b: number) {
    const input = tf.input({ shape: [w.length], name: 'yearly' });
    const hidden = tf.layers.dense({ name: 'hidden', units: 1, activation: 'linear' });
    const output = tf.layers.dense({ name: 'output', units: 1, activation: 'sigmoid' });
    const model = tf.model({
      inputs: input,
      outputs: output.apply(hidden.apply(input)) as tf.SymbolicTensor,
    });
    hidden.setWeights([tf.tensor2d(w, [w.length, 1]), tf.tensor1d([b])]);
    output.setWeights([tf.tensor2d([[1]]), tf.tensor1d([0])]);
    return model;
  }

  it('attributes exactly input × weight, and the sum is f(x) − f(0)', () => {
    const w = [0.5, -2, 0, 1.25, 3, -0.75, 0.1, 0, 0, 2, -1, 0.3];
    const model = linearModel(w.slice(0, world.width), 0.4);
    const ids = Int32Array.from([36, 39]);
    const batch = batchOf(ids);
    const attributions = createExplainer(model, 'shallow').explain(batch, 4);
    attributions.forEach((a, b) => {
      const input = a.inputs[0];
      expect(input.contribution.length).toBeGreaterThan(0);
      input.col.forEach((c, i) => expect(input.contribution[i]).toBeCloseTo(input.value[i] * w[c], 6));
      expect(a.baselineLogit).toBeCloseTo(0.4, 6);
      expect(a.sum).toBeCloseTo(a.logit - a.baselineLogit, 5);
      expect(a.user).toBe(ids[b]);
    });
    const x = buildDenseInputs('shallow', batchOf(ids.subarray(0, 1))).map((t) => tf.squeeze(t, [0]));
    const dense = integrateGradientsDense(logitOfLayersModel(model), x, 3);
    const xs = x[0].dataSync();
    dense.attributions[0].forEach((v, j) => expect(v).toBeCloseTo(xs[j] * w[j], 6));
    tf.dispose(x);
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    const model = await trained('dual');
    const explainer = createExplainer(model, 'dual');
    explainer.explain(batchOf(users), 4);
    const before = tf.memory().numTensors;
    explainer.explain(batchOf(users), 4);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
