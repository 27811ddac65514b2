import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { createTinyWorld, splitUsers } from '../../test/testWorld';
import type { TrainingCheckpoint } from './checkpoint';
import { decodeCheckpoint, encodeCheckpoint } from './checkpointFile';
import { trainModel, type TrainOptions, type TrainResult } from './trainModel';

const world = createTinyWorld({ users: 48 });
const split = splitUsers(world);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function options(kind: ModelKind, hp: Partial<TrainOptions['hyperparameters']> = {}): TrainOptions {
  return {
    kind,
    width: world.width,
    months: world.months,
    days: world.days,
    hyperparameters: {
      ...DEFAULT_HYPERPARAMETERS[kind],
      hidden: 4,
      fcUnits: 4,
      projection: 6,
      batchSize: 8,
      epochs: 4,
      dropout: 0.3,
      patience: 0,
      seed: 11,
      ...hp,
    },
    buildBatch: world.buildBatch,
    ...split,
  };
}

/** Trains, keeping every checkpoint handed out; returns the result's final weights too (the model is disposed). */
async function trainKeeping(o: TrainOptions) {
  const checkpoints: TrainingCheckpoint[] = [];
  const result = await trainModel({ ...o, onCheckpoint: (c) => void checkpoints.push(c) });
  const weights = result.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  result.model.dispose();
  return { result, weights, checkpoints };
}

function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((w) => w.length)).toEqual(b.map((w) => w.length));
  let most = 0;
  a.forEach((w, i) => w.forEach((v, j) => (most = Math.max(most, Math.abs(v - b[i][j])))));
  return most;
}

const losses = (r: TrainResult) => r.epochs.map((e) => e.loss);

describe('training checkpoints', () => {
  it.each(MODEL_KINDS)(
    'resumes %s on the fast path: 2 epochs then a resume to 4 give the weights of 4 epochs in one go',
    async (kind) => {
      const whole = await trainKeeping(options(kind));
      const half = await trainKeeping(options(kind, { epochs: 2 }));
      expect(half.checkpoints.map((c) => c.epochsDone)).toEqual([1, 2]);
      // through the file encoding, as the CLI stores it
      const saved = encodeCheckpoint(half.checkpoints[1]);
      const resumed = await trainKeeping({
        ...options(kind),
        resumeFrom: decodeCheckpoint(saved.json, saved.data),
      });
      expect(resumed.result.status).toBe('done');
      expect(resumed.checkpoints.map((c) => c.epochsDone)).toEqual([3, 4]);
      expect(losses(resumed.result)).toEqual(losses(whole.result));
      expect(resumed.result.batches).toHaveLength(whole.result.batches.length);
      expect(maxDifference(resumed.weights, whole.weights)).toBeLessThan(1e-6);
      expect(Array.from(resumed.result.validationScores)).toEqual(Array.from(whole.result.validationScores));
    },
  );

  it('needs the dropout stream restored: a resume that restarts it drifts from the uninterrupted run', async () => {
    const whole = await trainKeeping(options('shallow'));
    const half = await trainKeeping(options('shallow', { epochs: 2 }));
    const restarted = { ...half.checkpoints[1] };
    restarted.trainer = { ...restarted.trainer, maskRandom: (11 ^ 0x5bd1e995) >>> 0 };
    const resumed = await trainKeeping({ ...options('shallow'), resumeFrom: restarted });
    expect(maxDifference(resumed.weights, whole.weights)).toBeGreaterThan(1e-4);
  });

  it('resumes an early-stopped run to the same best weights and message, training nothing more', async () => {
    // a learning rate this high makes the validation loss rise soon, so patience 1 stops the run early
    const hp = { epochs: 12, patience: 1, learningRate: 0.3 };
    const whole = await trainKeeping(options('shallow', hp));
    expect(whole.result.message).toMatch(/Early stop/);
    const last = whole.checkpoints.at(-1)!;
    expect(last.earlyStopMessage).toBe(whole.result.message);
    const resumed = await trainKeeping({ ...options('shallow', { ...hp, epochs: 20 }), resumeFrom: last });
    expect(resumed.checkpoints).toHaveLength(0);
    expect(resumed.result.message).toBe(whole.result.message);
    expect(maxDifference(resumed.weights, whole.weights)).toBe(0);
  });

  it('resumes the stock path exactly without dropout (its layers draw dropout from unseeded TF.js)', async () => {
    const o = { ...options('dual', { dropout: 0 }), impl: 'stock' as const };
    const whole = await trainKeeping(o);
    const half = await trainKeeping({ ...o, hyperparameters: { ...o.hyperparameters, epochs: 2 } });
    const resumed = await trainKeeping({ ...o, resumeFrom: half.checkpoints[1] });
    expect(maxDifference(resumed.weights, whole.weights)).toBeLessThan(1e-6);
  });

  it('refuses a checkpoint of other settings, another kind or other users, saying what differs', async () => {
    const { checkpoints } = await trainKeeping(options('shallow', { epochs: 1 }));
    const c = checkpoints[0];
    await expect(trainModel({ ...options('shallow', { hidden: 5 }), resumeFrom: c })).rejects.toThrow(
      /hidden 4, not 5.*only the number of epochs/,
    );
    await expect(trainModel({ ...options('lstm'), resumeFrom: c })).rejects.toThrow(
      /shallow model, not lstm/,
    );
    const fewer = { users: split.train.users.slice(1), labels: split.train.labels.slice(1) };
    await expect(trainModel({ ...options('shallow'), train: fewer, resumeFrom: c })).rejects.toThrow(
      /trained on 36 users but this run has 35/,
    );
  });

  it('leaves no more tensors behind after a checkpointed resume than after an uninterrupted run', async () => {
    const { checkpoints } = await trainKeeping(options('lstm', { epochs: 1 }));
    const leftBy = async (o: TrainOptions) => {
      const before = tf.memory().numTensors;
      await trainKeeping(o);
      return tf.memory().numTensors - before;
    };
    const plain = await leftBy(options('lstm', { epochs: 3 }));
    const resumed = await leftBy({ ...options('lstm', { epochs: 3 }), resumeFrom: checkpoints[0] });
    expect(resumed).toBe(plain);
  });

  it('refuses a data file shorter than the checkpoint index', async () => {
    const { checkpoints } = await trainKeeping(options('shallow', { epochs: 1 }));
    const saved = encodeCheckpoint(checkpoints[0]);
    expect(() => decodeCheckpoint(saved.json, saved.data.subarray(0, 10))).toThrow(/damaged/);
    expect(() => decodeCheckpoint('{"format":7}', saved.data)).toThrow(/not a Tag Lab training checkpoint/);
  });
});
