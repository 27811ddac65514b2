import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureBatch, SparseSequence } from '../features/types';
import { describeRuleReliance, evaluateDoctored } from './doctored';

const WIDTH = 5;
const RULE_COLUMNS = [1, 3];

function sparse(batchSize: number, steps: number, entries: [number, number, number][]): SparseSequence {
  return {
    batchSize,
    steps,
    width: WIDTH,
    rows: Int32Array.from(entries, (e) => e[0]),
    cols: Int32Array.from(entries, (e) => e[1]),
    values: Float32Array.from(entries, (e) => e[2]),
  };
}

/**
 * Positives buy in rule column 1 and click column 2; negatives buy in rule column 3 and click column 0. Every third
 * user of each class also clicks the other class's column, so clicks separate the classes well but not perfectly.
 */
function makeBatch(first: number, size: number): FeatureBatch {
  const yearly: [number, number, number][] = [];
  const daily: [number, number, number][] = [];
  const labels = new Float32Array(size);
  for (let b = 0; b < size; b++) {
    const positive = (first + b) % 2 === 0;
    labels[b] = positive ? 1 : 0;
    yearly.push([b, positive ? 1 : 3, 2]);
    daily.push([b * 3 + 1, positive ? 2 : 0, 1]);
    if ((first + b) % 3 === 0) daily.push([b * 3 + 2, positive ? 0 : 2, 1.5]);
  }
  const monthly = sparse(
    size,
    2,
    yearly.map(([b, c, v]) => [b * 2 + 1, c, v]),
  );
  return {
    users: Int32Array.from({ length: size }, (_, b) => first + b),
    yearly: sparse(size, 1, yearly),
    monthly,
    daily: sparse(size, 3, daily),
    labels,
  };
}

/** Sums a sparse sequence over its steps into a dense [B, width] tensor (what a shallow model would see). */
function sumOverSteps(seq: SparseSequence): tf.Tensor2D {
  const dense = new Float32Array(seq.batchSize * seq.width);
  for (let k = 0; k < seq.values.length; k++) {
    dense[Math.floor(seq.rows[k] / seq.steps) * seq.width + seq.cols[k]] += seq.values[k];
  }
  return tf.tensor2d(dense, [seq.batchSize, seq.width]);
}

/** A Dense(1, sigmoid) model with hand-set weights reading one input. */
function makeScorer(weights: number[], input: 'yearly' | 'daily') {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [WIDTH] })],
  });
  model.setWeights([tf.tensor2d(weights, [WIDTH, 1]), tf.tensor1d([0])]);
  return async (batch: FeatureBatch): Promise<Float32Array> => {
    const x = sumOverSteps(batch[input]);
    const y = model.predict(x) as tf.Tensor;
    const out = (await y.data()) as Float32Array;
    tf.dispose([x, y]);
    return out;
  };
}

const batches = [makeBatch(0, 8), makeBatch(8, 8), makeBatch(16, 6)];

describe('evaluateDoctored', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds that a model reading only the rule categories leans heavily on them', async () => {
    const r = await evaluateDoctored({
      score: makeScorer([0, 3, 0, -3, 0], 'yearly'),
      batches,
      ruleFeatureIndices: RULE_COLUMNS,
      threshold: 0.5,
    });
    expect(r.untouched.rocAuc).toBe(1);
    expect(r.untouched.n).toBe(22);
    expect(r.eraseRuleCategories.rocAuc).toBe(0.5);
    expect(r.erasePurchases.rocAuc).toBe(0.5);
    expect(r.ruleReliance).toBeCloseTo(0.5, 12);
    expect(r.erasedRuleEntries).toBe(44);
    expect(r.verdict).toBe('Leans heavily on the rule categories: AUC falls from 1.00 to 0.50 without them.');
  });

  it('finds that a model reading only clicks keeps its score under both erasures', async () => {
    const r = await evaluateDoctored({
      score: makeScorer([-3, 0, 3, 0, 0], 'daily'),
      batches,
      ruleFeatureIndices: new Set(RULE_COLUMNS),
      threshold: 0.5,
    });
    expect(r.untouched.rocAuc).toBeGreaterThan(0.7);
    expect(r.untouched.rocAuc).toBeLessThan(1);
    expect(r.erasePurchases).toEqual(r.untouched);
    expect(r.eraseRuleCategories).toEqual(r.untouched);
    expect(r.ruleReliance).toBe(0);
    expect(r.verdict).toMatch(/^Learned more than the rules: AUC stays at 0\.\d\d/);
  });
});

describe('describeRuleReliance', () => {
  it('says partly, nothing erased, or cannot judge in plain words', () => {
    expect(describeRuleReliance(0.9, 0.8, 10)).toBe(
      'Leans partly on the rule categories: AUC falls from 0.90 to 0.80 without them.',
    );
    expect(describeRuleReliance(0.9, 0.9, 0)).toMatch(
      /changes nothing .*none of them is among the model's inputs/,
    );
    expect(describeRuleReliance(NaN, 0.5, 3)).toMatch(/^Cannot judge rule reliance/);
  });
});
