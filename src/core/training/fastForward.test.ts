import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { buildModel } from '../models/build';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { MODEL_KINDS } from '../models/types';
import { buildDenseInputs, densifySequence } from './denseInputs';
import { collectVariables, forwardLogits } from './fastForward';
import { projectSparse } from './sparseProject';
import { createTinyWorld } from '../../test/testWorld';

const world = createTinyWorld({ users: 6, width: 11 });
const batch = world.buildBatch(Int32Array.from([0, 1, 2, 3, 4, 5]), world.labels.slice(0, 6));
const hp = { hidden: 3, fcUnits: 4, projection: 5, seed: 9 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const WASM_DIR = 'node_modules/@tensorflow/tfjs-backend-wasm/dist/';

/** Runs a block's tests on the backend named (WASM reads and writes through kept buffers: tensorBuffers.ts). */
function onBackend(backend: 'cpu' | 'wasm') {
  beforeAll(async () => {
    const info = await initBackend(backend, { wasmPaths: WASM_DIR });
    expect(info.backend).toBe(backend);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
}

function buildWithRandomBiases(kind: (typeof MODEL_KINDS)[number]) {
  const model = buildModel(kind, { ...DEFAULT_HYPERPARAMETERS[kind], ...hp }, world);
  const vars = collectVariables(model, kind);
  // non-zero biases keep every ReLU away from its kink, so finite differences are meaningful
  vars.all
    .filter((v) => v.rank === 1)
    .forEach((v, i) => v.assign(tf.randomUniform(v.shape, -0.3, 0.3, 'float32', i + 1)));
  return { model, vars };
}

describe.each(['cpu', 'wasm'] as const)('fast forward on %s', (backend) => {
  onBackend(backend);

  it.each(MODEL_KINDS)('equals model.predict on the densified inputs within 1e-5 (%s)', (kind) => {
    const { model, vars } = buildWithRandomBiases(kind);
    const fast = tf.tidy(() => tf.sigmoid(forwardLogits(vars, batch, null)).dataSync());
    const inputs = buildDenseInputs(kind, batch);
    const reference = tf.tidy(() => (model.predict(inputs) as tf.Tensor).dataSync());
    expect(fast.length).toBe(6);
    fast.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThan(1e-5));
    tf.dispose(inputs);
    model.dispose();
  });

  it.each(['lstm', 'dual'] as const)(
    'gives the same logits bit for bit with and without a gradient tape (%s)',
    (kind) => {
      // without a tape the LSTM runs its forward-only recurrence, which keeps no step's values
      const { model, vars } = buildWithRandomBiases(kind);
      const scoring = tf.tidy(() => forwardLogits(vars, batch, null).dataSync());
      let taped: Float32Array | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const logits = forwardLogits(vars, batch, null);
        taped = logits.dataSync() as Float32Array;
        return tf.sum(logits) as tf.Scalar;
      }, vars.all);
      expect(Array.from(scoring)).toEqual(Array.from(taped!));
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    },
  );

  it.each(MODEL_KINDS)(
    'has gradients that match central finite differences for every variable (%s)',
    (kind) => {
      const { model, vars } = buildWithRandomBiases(kind);
      const objective = () =>
        tf.tidy(
          () =>
            tf.sum(
              tf.mul(forwardLogits(vars, batch, null), tf.linspace(1, 2, 6).reshape([6, 1])),
            ) as tf.Scalar,
        );
      const { value, grads } = tf.variableGrads(objective, vars.all);
      for (const v of vars.all) {
        const analytic = grads[v.name].dataSync();
        const original = v.dataSync().slice();
        for (const idx of [0, Math.floor(original.length / 2), original.length - 1]) {
          const shifted = (delta: number) => {
            const copy = original.slice();
            copy[idx] += delta;
            v.assign(tf.tensor(copy, v.shape));
            const out = objective();
            const result = out.dataSync()[0];
            out.dispose();
            return result;
          };
          const numeric = (shifted(1e-2) - shifted(-1e-2)) / 2e-2;
          v.assign(tf.tensor(original, v.shape));
          expect(Math.abs(numeric - analytic[idx])).toBeLessThan(3e-3 * Math.max(1, Math.abs(numeric)));
        }
      }
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    },
  );
});

describe('fast forward without a projection', () => {
  it('reads the dense counts straight into the LSTM and still equals model.predict', () => {
    const model = buildModel('dual', { ...DEFAULT_HYPERPARAMETERS.dual, ...hp, projection: 0 }, world);
    const vars = collectVariables(model, 'dual');
    const fast = tf.tidy(() => tf.sigmoid(forwardLogits(vars, batch, null)).dataSync());
    const inputs = buildDenseInputs('dual', batch);
    const reference = tf.tidy(() => (model.predict(inputs) as tf.Tensor).dataSync());
    fast.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThan(1e-5));
    tf.dispose(inputs);
    model.dispose();
  });
});

describe('projectSparse', () => {
  it('gives the same output and kernel gradient as the dense product', () => {
    const seq = batch.monthly;
    const kernel = tf.randomNormal([11, 5], 0, 1, 'float32', 3);
    const bias = tf.randomNormal([5], 0, 1, 'float32', 4);
    const dense = densifySequence(seq).reshape([seq.batchSize * seq.steps, 11]);
    const weights = tf.randomNormal([seq.batchSize * seq.steps, 5], 0, 1, 'float32', 5);
    const sparseLoss = (k: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(projectSparse(k, b, seq, 'rows'), weights));
    const denseLoss = (k: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(dense, k), b), weights));
    const [sk, sb] = tf.grads(sparseLoss)([kernel, bias]);
    const [dk, db] = tf.grads(denseLoss)([kernel, bias]);
    expect(sparseLoss(kernel, bias).dataSync()[0]).toBeCloseTo(denseLoss(kernel, bias).dataSync()[0], 3);
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    expect(maxDiff(sk, dk)).toBeLessThan(1e-4);
    expect(maxDiff(sb, db)).toBeLessThan(1e-4);
  });

  it('lays out the step-major transposed output as column t·B + b', () => {
    const seq = {
      batchSize: 2,
      steps: 3,
      width: 2,
      rows: Int32Array.from([4]),
      cols: Int32Array.from([1]),
      values: Float32Array.from([2]),
    };
    const out = projectSparse(tf.tensor2d([[0], [5]]), tf.tensor1d([0]), seq, 'stepMajorT');
    // row 4 = user 1, step 1 → column 1·2 + 1 = 3
    expect(Array.from(out.dataSync())).toEqual([0, 0, 0, 10, 0, 0]);
  });

  it('rejects entries outside the batch with a message naming the entry', () => {
    const seq = {
      batchSize: 1,
      steps: 1,
      width: 2,
      rows: Int32Array.from([0]),
      cols: Int32Array.from([2]),
      values: Float32Array.from([1]),
    };
    expect(() => projectSparse(tf.zeros([2, 1]), tf.zeros([1]), seq, 'rows')).toThrow(/entry 0/);
  });
});
