import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRocAuc } from '../evaluation/metrics';
import { auditLabels } from '../evaluation/stats/labelAudit';
import { createRandom } from '../random';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { crossValidateScores } from './crossValidate';
import { createTinyWorld } from '../../test/testWorld';

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

  it('lets the label audit find labels flipped at random: flagged users are mostly the flipped ones', async () => {
    const big = createTinyWorld({ users: 160, seed: 3 });
    const random = createRandom(5);
    const flipped = Uint8Array.from(big.labels, () => (random() < 0.1 ? 1 : 0));
    const noisy = Float32Array.from(big.labels, (y, i) => (flipped[i] ? 1 - y : y));
    const users = { users: Int32Array.from({ length: 160 }, (_, i) => i), labels: noisy };
    const { scores } = await crossValidateScores({
      kind: 'shallow',
      hyperparameters: {
        ...DEFAULT_HYPERPARAMETERS.shallow,
        hidden: 4,
        fcUnits: 4,
        projection: 0,
        batchSize: 16,
        epochs: 8,
        learningRate: 0.05,
      },
      buildBatch: big.buildBatch,
      width: big.width,
      months: big.months,
      days: big.days,
      users,
      k: 4,
    });
    const audit = auditLabels({ labels: noisy, scores });
    const hits = audit.flagged.filter((f) => flipped[f.row]).length;
    const base = flipped.reduce((a, b) => a + b, 0) / 160;
    // precision of the flags far above the 10% base rate, and most flips found
    expect(hits / audit.flagged.length).toBeGreaterThan(3 * base);
    expect(hits / flipped.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.5);
  });
});
