import { describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../labels';
import { generateDemo } from '../synthetic';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, prepareTrainingData, type TrainingSetup } from './setup';

const world = generateDemo({ users: 1500, seed: 5 });
const setup: TrainingSetup = {
  rules: DEMO_RULES,
  sampling: DEFAULT_SAMPLING,
  features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 14 },
};
const split = { validationFraction: 0.2, seed: 3 };

const count = (labels: Float32Array, cls: number) => labels.filter((y) => y === cls).length;

describe('sampling every labelled user', () => {
  it('by default trains on every labelled user with balanced class weights and a stratified validation split', () => {
    const p = prepareTrainingData(world.store, setup, split);
    const { positive, negative } = p.labels.counts;
    expect(p.train.users.length + p.validation.users.length).toBe(positive + negative);
    const trainPos = count(p.train.labels, 1);
    const trainNeg = count(p.train.labels, 0);
    expect(count(p.validation.labels, 1)).toBe(Math.round(positive * 0.2));
    expect(count(p.validation.labels, 0)).toBe(Math.round(negative * 0.2));
    expect(p.classWeights).not.toBeNull();
    expect(p.classWeights!.positive * trainPos).toBeCloseTo(p.classWeights!.negative * trainNeg, 8);
    expect(p.classWeights!.positive * trainPos + p.classWeights!.negative * trainNeg).toBeCloseTo(
      trainPos + trainNeg,
      8,
    );
  });

  it('keeps down-sampling as an option (then without weights), and weights can be turned off', () => {
    const balanced = prepareTrainingData(
      world.store,
      { ...setup, sampling: { ...DEFAULT_SAMPLING, balance: true } },
      split,
    );
    const all = [...balanced.train.labels, ...balanced.validation.labels];
    expect(all.filter((y) => y === 1).length).toBe(all.filter((y) => y === 0).length);
    expect(balanced.classWeights).toBeNull();
    const unweighted = prepareTrainingData(
      world.store,
      { ...setup, sampling: { ...DEFAULT_SAMPLING, classWeights: false } },
      split,
    );
    expect(unweighted.classWeights).toBeNull();
  });
});

describe('k-fold repeats', () => {
  it('validates each run on one stratified fold: the folds cover every labelled user once', () => {
    const k = 4;
    const parts = Array.from({ length: k }, (_, index) =>
      prepareTrainingData(world.store, setup, { ...split, fold: { k, index } }),
    );
    const { positive, negative } = parts[0].labels.counts;
    const validated = parts.flatMap((p) => [...p.validation.users]);
    expect(new Set(validated).size).toBe(positive + negative);
    expect(validated).toHaveLength(positive + negative);
    for (const p of parts) {
      // train and validation never share a user; every fold holds each class within one user of its share
      const train = new Set(p.train.users);
      expect([...p.validation.users].some((u) => train.has(u))).toBe(false);
      expect(p.train.users.length + p.validation.users.length).toBe(positive + negative);
      expect(Math.abs(count(p.validation.labels, 1) - positive / k)).toBeLessThanOrEqual(1);
    }
    // the same data seed gives the same folds
    const again = prepareTrainingData(world.store, setup, { ...split, fold: { k, index: 2 } });
    expect([...again.validation.users]).toEqual([...parts[2].validation.users]);
    expect(() => prepareTrainingData(world.store, setup, { ...split, fold: { k, index: k } })).toThrow(
      'Fold 5 does not exist in 4 folds.',
    );
  });
});
