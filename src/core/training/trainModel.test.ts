import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { buildDenseInputs } from './denseInputs';
import { trainModel, type TrainOptions } from './trainModel';
import { predictScores } from './validation';
import { createTinyWorld, splitUsers } from '../../test/testWorld';

const world = createTinyWorld({ users: 48 });
const split = splitUsers(world);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function options(kind: ModelKind, overrides: Partial<TrainOptions> = {}, hp = {}): TrainOptions {
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
      epochs: 2,
      ...hp,
    },
    buildBatch: world.buildBatch,
    ...split,
    ...overrides,
  };
}

describe('trainModel', () => {
  it.each(MODEL_KINDS)(
    'trains %s for two epochs with finite losses, flat tensors and a reproducible loss',
    async (kind) => {
      const first = await trainModel(options(kind));
      expect(first.status).toBe('done');
      expect(first.epochs).toHaveLength(2);
      expect(first.batches).toHaveLength(2 * Math.ceil(36 / 8));
      first.epochs.forEach((e) => expect(Number.isFinite(e.loss) && Number.isFinite(e.valLoss)).toBe(true));
      expect(first.validationScores).toHaveLength(12);
      const before = tf.memory().numTensors;
      first.model.dispose();
      const second = await trainModel(options(kind));
      expect(second.epochs.map((e) => e.loss)).toEqual(first.epochs.map((e) => e.loss));
      second.model.dispose();
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    },
  );

  it.each(MODEL_KINDS)('keeps the tensor count flat from epoch to epoch (%s)', async (kind) => {
    // from the second epoch on: the optimizer's slots and the best-weights copy exist by then
    const counts: number[] = [];
    const result = await trainModel(
      options(kind, { onEpoch: () => counts.push(tf.memory().numTensors) }, { epochs: 4 }),
    );
    expect(counts).toHaveLength(4);
    expect(counts[3]).toBe(counts[1]);
    expect(counts[2]).toBe(counts[1]);
    result.model.dispose();
  });

  it('trains the stock implementation of the dual model on dense inputs too', async () => {
    const result = await trainModel(options('dual', { impl: 'stock' }, { projection: 0 }));
    expect(result.status).toBe('done');
    expect(Number.isFinite(result.epochs[1].loss)).toBe(true);
    result.model.dispose();
  });

  it('fails with a message naming the learning rate when the loss becomes NaN', async () => {
    const poisoned = (users: Int32Array, labels: Float32Array) => {
      const batch = world.buildBatch(users, labels);
      batch.monthly.values.fill(Number.NaN);
      return batch;
    };
    const result = await trainModel(options('lstm', { buildBatch: poisoned }));
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/loss became NaN.*learning rate/);
    expect(result.batches).toHaveLength(0);
    result.model.dispose();
  });

  it('stops after the current batch when asked and keeps the model', async () => {
    let seen = 0;
    const result = await trainModel(
      options('shallow', { onBatch: () => seen++, shouldStop: () => seen >= 3 }),
    );
    expect(result.status).toBe('stopped');
    expect(result.batches).toHaveLength(3);
    expect(result.model.countParams()).toBeGreaterThan(0);
    result.model.dispose();
  });

  it('fails the run with the health message (e.g. a lost WebGL context)', async () => {
    const result = await trainModel(options('shallow', { checkHealth: () => 'WebGL context lost' }));
    expect(result.status).toBe('failed');
    expect(result.message).toBe('WebGL context lost');
    result.model.dispose();
  });

  it('stops waiting on the batch in flight when the failure promise settles (a lost context never answers)', async () => {
    const result = await trainModel(
      options('shallow', { failure: Promise.resolve('The WebGL context was lost') }),
    );
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/The WebGL context was lost/);
    expect(result.batches).toHaveLength(0);
    result.model.dispose();
  });

  it.each(MODEL_KINDS)('learns separable data to at least 0.9 validation accuracy (%s)', async (kind) => {
    const result = await trainModel(
      options(kind, {}, { epochs: 12, learningRate: 0.02, dropout: 0, patience: 0, seed: 1 }),
    );
    expect(result.epochs.at(-1)!.valAccuracy).toBeGreaterThanOrEqual(0.9);
    result.model.dispose();
  });
});

describe('predictScores', () => {
  it('scores users like model.predict on the densified inputs', async () => {
    const result = await trainModel(options('dual'));
    const users = split.validation.users;
    const scores = await predictScores(result.model, 'dual', world.buildBatch, users, 5);
    const inputs = buildDenseInputs('dual', world.buildBatch(users, new Float32Array(users.length)));
    const reference = (result.model.predict(inputs) as tf.Tensor).dataSync();
    scores.forEach((s, i) => expect(Math.abs(s - reference[i])).toBeLessThan(1e-4));
    expect(Array.from(scores)).toEqual(Array.from(result.validationScores));
    result.model.dispose();
  });
});

describe('the validation scores trainModel returns', () => {
  async function expectScoresOfFinalWeights(o: TrainOptions) {
    const result = await trainModel(o);
    const users = split.validation.users;
    const rescored = await predictScores(result.model, o.kind, world.buildBatch, users, 8);
    expect(Array.from(result.validationScores)).toEqual(Array.from(rescored));
    result.model.dispose();
    return result;
  }

  it('are those of the restored best weights after an early stop', async () => {
    const result = await expectScoresOfFinalWeights(
      options('shallow', {}, { epochs: 30, learningRate: 0.5, dropout: 0, patience: 1, seed: 3 }),
    );
    expect(result.message).toMatch(/^Early stop/);
  });

  it('are those of the weights at the stop when stopped midway through an epoch', async () => {
    let seen = 0;
    const result = await expectScoresOfFinalWeights(
      options('shallow', { onBatch: () => seen++, shouldStop: () => seen >= 7 }),
    );
    expect(result.status).toBe('stopped');
    expect(result.epochs).toHaveLength(1);
  });
});

describe('the exported model', () => {
  it.each(MODEL_KINDS)(
    'reloads with tf.loadLayersModel and predicts like the fast path within 1e-4 (%s)',
    async (kind) => {
      const result = await trainModel(options(kind));
      let artifacts: tf.io.ModelArtifacts | null = null;
      await result.model.save(
        tf.io.withSaveHandler(async (a) => {
          artifacts = a;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
      const users = split.validation.users;
      const inputs = buildDenseInputs(kind, world.buildBatch(users, new Float32Array(users.length)));
      const reloaded = (loaded.predict(inputs) as tf.Tensor).dataSync();
      result.validationScores.forEach((s, i) => expect(Math.abs(s - reloaded[i])).toBeLessThan(1e-4));
      tf.dispose(inputs);
      loaded.dispose();
      result.model.dispose();
    },
  );
});
