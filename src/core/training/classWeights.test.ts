import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../models/build';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { computeBalancedClassWeights, type ClassWeights } from './classWeights';
import { createTinyWorld } from '../../test/testWorld';
import { TRAINERS, type TrainingImpl } from './trainers';
import { trainModel } from './trainModel';

const world = createTinyWorld({ users: 48 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('computeBalancedClassWeights', () => {
  it('weights each class n / (2·n_class), so the mean weight is 1', () => {
    const w = computeBalancedClassWeights([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(w).toEqual({ positive: 2, negative: 8 / 12 });
    expect((2 * w!.positive + 6 * w!.negative) / 8).toBeCloseTo(1, 12);
    expect(computeBalancedClassWeights([0, 0])).toBeNull();
  });
});

/** Binary cross-entropy with predictions clipped as Keras does. */
const bce = (y: number, p: number) => {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
};

describe('class-weighted training', () => {
  // 3 positives, 13 negatives: odd users are positive in the tiny world
  const users = Int32Array.from([1, 3, 5, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  const labels = Float32Array.from(users, (u) => world.labels[u]);
  const weights = computeBalancedClassWeights(labels) as ClassWeights;

  it.each(['fast', 'stock'] as TrainingImpl[])(
    'the %s trainer reports the class-weighted mean cross-entropy of the scores before its step',
    async (impl) => {
      const hp = {
        ...DEFAULT_HYPERPARAMETERS.shallow,
        hidden: 4,
        fcUnits: 4,
        projection: 0,
        dropout: 0,
        l2: 0,
      };
      const model = buildModel('shallow', hp, world);
      const trainer = TRAINERS[impl](model, 'shallow', hp, weights);
      const batch = world.buildBatch(users, labels);
      const before = trainer.predict(batch);
      const step = await trainer.trainBatch(batch);
      let expected = 0;
      labels.forEach((y, i) => {
        expected += (y ? weights.positive : weights.negative) * bce(y, before[i]);
      });
      expect(step.loss).toBeCloseTo(expected / labels.length, 4);
      // and it differs from the unweighted loss, so the weights really entered
      let plain = 0;
      labels.forEach((y, i) => (plain += bce(y, before[i])));
      expect(Math.abs(step.loss - plain / labels.length)).toBeGreaterThan(1e-3);
      trainer.dispose();
      model.dispose();
    },
  );

  it('lifts the minority class: weighted training scores the rare positives higher than unweighted', async () => {
    const hp = {
      ...DEFAULT_HYPERPARAMETERS.shallow,
      hidden: 4,
      fcUnits: 4,
      projection: 0,
      dropout: 0,
      batchSize: 16,
      epochs: 3,
      learningRate: 0.01,
    };
    const dims = { width: world.width, months: world.months, days: world.days };
    const run = (classWeights: ClassWeights | null) =>
      trainModel({
        kind: 'shallow',
        hyperparameters: hp,
        ...dims,
        buildBatch: world.buildBatch,
        train: { users, labels },
        validation: { users: Int32Array.from([7, 9, 11, 13]), labels: Float32Array.from([1, 1, 1, 1]) },
        classWeights,
      });
    const weighted = await run(weights);
    const plain = await run(null);
    const mean = (s: Float32Array) => s.reduce((a, b) => a + b, 0) / s.length;
    expect(mean(weighted.validationScores)).toBeGreaterThan(mean(plain.validationScores));
    weighted.model.dispose();
    plain.model.dispose();
  });
});
