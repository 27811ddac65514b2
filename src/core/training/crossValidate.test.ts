import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRocAuc } from '../evaluation/metrics';
import { DEFAULT_HYPERPARAMETERS } from '../models/defaults';
import { crossValidateScores } from './crossValidate';
import { createTinyWorld } from './testWorld';

const world = createTinyWorld({ users: 40 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('crossValidateScores', () => {
  it('gives every labelled user an out-of-fold score that separates the classes, without leaking tensors', async () => {
    const users = { users: Int32Array.from({ length: 40 }, (_, i) => i), labels: world.labels };
    const before = tf.memory().numTensors;
    const folds: number[] = [];
    const { scores } = await crossValidateScores({
      kind: 'shallow',
      hyperparameters: {
        ...DEFAULT_HYPERPARAMETERS.shallow,
        hidden: 4,
        fcUnits: 4,
        projection: 0,
        batchSize: 8,
        epochs: 6,
        learningRate: 0.05,
      },
      buildBatch: world.buildBatch,
      width: world.width,
      months: world.months,
      days: world.days,
      users,
      k: 4,
      onFold: (f) => folds.push(f),
    });
    expect(folds).toEqual([0, 1, 2, 3]);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(computeRocAuc(scores, world.labels)).toBeGreaterThan(0.8);
    expect(tf.memory().numTensors).toBe(before);
  });
});
