import { describe, expect, it } from 'vitest';
import type { FeatureBatch, FeatureSpec, SparseSequence } from '../features/types';
import type { RuleSet } from '../labels/types';
import { collectRuleCategories, doctorBatch, ruleFeatureIndices, unmatchedRuleCategories } from './doctoring';

function sequence(steps: number, entries: [number, number, number][]): SparseSequence {
  return {
    batchSize: 2,
    steps,
    width: 5,
    rows: Int32Array.from(entries, (e) => e[0]),
    cols: Int32Array.from(entries, (e) => e[1]),
    values: Float32Array.from(entries, (e) => e[2]),
  };
}

/** Two users, 4 categories + other bucket (column 4); rule categories sit in columns 1 and 3. */
function makeBatch(): FeatureBatch {
  return {
    users: Int32Array.from([7, 9]),
    yearly: sequence(1, [
      [0, 0, 1.5],
      [0, 1, 2.5],
      [1, 3, 0.7],
      [1, 4, 0.2],
    ]),
    monthly: sequence(3, [
      [0, 1, 1.1],
      [2, 0, 0.4],
      [4, 3, 0.9],
      [5, 2, 0.3],
    ]),
    daily: sequence(4, [
      [0, 3, 0.5],
      [3, 1, 0.6],
      [5, 2, 0.8],
      [7, 4, 0.1],
    ]),
    labels: Float32Array.from([1, 0]),
  };
}

const entries = (s: SparseSequence): number[][] => Array.from(s.cols, (c, k) => [s.rows[k], c, s.values[k]]);

describe('doctorBatch', () => {
  it('erases every purchase entry (yearly and monthly) and keeps the clicks exactly', () => {
    const batch = makeBatch();
    const out = doctorBatch(batch, 'erase-purchases', { ruleFeatureIndices: [1, 3] });
    expect(out.yearly.values.length).toBe(0);
    expect(out.monthly.rows.length).toBe(0);
    expect(out.monthly.cols.length).toBe(0);
    expect([out.monthly.batchSize, out.monthly.steps, out.monthly.width]).toEqual([2, 3, 5]);
    expect([out.yearly.batchSize, out.yearly.steps, out.yearly.width]).toEqual([2, 1, 5]);
    expect(entries(out.daily)).toEqual(entries(batch.daily));
    expect(Array.from(out.users)).toEqual([7, 9]);
    expect(Array.from(out.labels)).toEqual([1, 0]);
  });

  it('erases exactly the rule-category columns in all three inputs and keeps every other entry in order', () => {
    const out = doctorBatch(makeBatch(), 'erase-rule-categories', { ruleFeatureIndices: new Set([1, 3]) });
    expect(entries(out.yearly)).toEqual([
      [0, 0, 1.5],
      [1, 4, Math.fround(0.2)],
    ]);
    expect(entries(out.monthly)).toEqual([
      [2, 0, Math.fround(0.4)],
      [5, 2, Math.fround(0.3)],
    ]);
    expect(entries(out.daily)).toEqual([
      [5, 2, Math.fround(0.8)],
      [7, 4, Math.fround(0.1)],
    ]);
  });

  it('never mutates the batch it was given, and "none" returns an equal copy', () => {
    const batch = makeBatch();
    const before = JSON.stringify(makeBatch(), (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    );
    doctorBatch(batch, 'erase-purchases');
    doctorBatch(batch, 'erase-rule-categories', { ruleFeatureIndices: [0, 1, 2, 3, 4] });
    const copy = doctorBatch(batch, 'none');
    const after = JSON.stringify(batch, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v));
    expect(after).toBe(before);
    expect(entries(copy.monthly)).toEqual(entries(batch.monthly));
    copy.monthly.values[0] = 99;
    expect(batch.monthly.values[0]).toBeCloseTo(1.1, 6);
  });

  it('erases nothing when there are no rule columns', () => {
    const out = doctorBatch(makeBatch(), 'erase-rule-categories', { ruleFeatureIndices: [] });
    expect(entries(out.daily)).toEqual(entries(makeBatch().daily));
  });
});

describe('ruleFeatureIndices', () => {
  const spec: FeatureSpec = {
    version: 1,
    vocabulary: ['c10', 'c20', 'c30', 'c40'],
    vocabularyNames: ['shoes', 'maternity wear', 'toys', 'cosmetics'],
    otherBucket: true,
    months: 18,
    days: 90,
    transform: 'log1p',
    asOf: 'latest',
    maskedCategories: [],
  };

  it('maps rule categories given by id or by name to their feature columns', () => {
    expect(ruleFeatureIndices(spec, ['cosmetics', 'c20'])).toEqual([1, 3]);
  });

  it('leaves out categories outside the vocabulary and reports them', () => {
    expect(ruleFeatureIndices(spec, ['c99', 'toys'])).toEqual([2]);
    expect(unmatchedRuleCategories(spec, ['c99', 'toys'])).toEqual(['c99']);
  });

  it('collects every category of both sides of the rules once', () => {
    const rules: RuleSet = {
      positive: {
        match: 'any',
        conditions: [{ action: 'purchase', categories: ['maternity wear', 'c20'], windowMonths: 12, min: 5 }],
      },
      negative: {
        match: 'all',
        conditions: [{ action: 'purchase', categories: ['cosmetics', 'c20'], windowMonths: 12, min: 5 }],
      },
      onConflict: 'drop',
    };
    expect(collectRuleCategories(rules)).toEqual(['maternity wear', 'c20', 'cosmetics']);
  });
});
