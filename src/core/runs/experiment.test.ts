import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../labels';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { generateDemo } from '../synthetic';
import { runExperiment, type ExperimentOptions } from './experiment';
import { createInProcessScorerLink, createShardedScorer } from './parallel';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, prepareTrainingData, type TrainingSetup } from './setup';

const world = generateDemo({ users: 3000, seed: 7 });
const setup: TrainingSetup = {
  rules: DEMO_RULES,
  sampling: DEFAULT_SAMPLING,
  features: { ...DEFAULT_FEATURE_OPTIONS, months: 12, days: 30 },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a run from rules to evaluated record', () => {
  it('prepares a split with no user on both sides and a spec that follows the options', () => {
    const prepared = prepareTrainingData(world.store, setup, { validationFraction: 0.25, seed: 1 });
    const train = new Set(prepared.train.users);
    expect(prepared.validation.users.some((u) => train.has(u))).toBe(false);
    expect(prepared.spec.months).toBe(12);
    expect(prepared.spec.maskedCategories).toEqual([]);
    expect(prepared.ruleCategories.length).toBe(4);
    const guarded = prepareTrainingData(
      world.store,
      { ...setup, features: { ...setup.features, maskRuleCategories: true } },
      { validationFraction: 0.25, seed: 1 },
    );
    expect(guarded.spec.maskedCategories.sort()).toEqual([...prepared.ruleCategories].sort());
  });

  it('refuses rules that label nobody, with the reason', () => {
    const none = { ...DEMO_RULES, positive: { match: 'any' as const, conditions: [] } };
    expect(() =>
      prepareTrainingData(world.store, { ...setup, rules: none }, { validationFraction: 0.2, seed: 1 }),
    ).toThrow(/cannot label a training set/);
  });

  it('trains, evaluates on doctored data and against the truth, without leaking tensors', async () => {
    const hp = { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 6, hidden: 16 };
    const prepared = prepareTrainingData(world.store, setup, {
      validationFraction: hp.validationFraction,
      seed: hp.seed,
    });
    const before = tf.memory().numTensors;
    const { record, model, scores } = await runExperiment({
      id: 'r1',
      name: 'shallow test',
      store: world.store,
      truth: world.truth,
      setup,
      prepared,
      kind: 'shallow',
      hyperparameters: hp,
      backend: 'cpu',
      renderer: null,
    });
    expect(record.status).toBe('done');
    expect(record.epochs).toHaveLength(6);
    expect(record.validation!.n).toBe(prepared.validation.users.length);
    expect(record.validation!.accuracy).toBeGreaterThan(0.8);
    const doctored = record.evaluation!.doctored!;
    expect(doctored.untouched.rocAuc).toBeCloseTo(record.validation!.rocAuc, 5);
    // the untouched model reads the rule categories, so erasing them must cost it accuracy
    expect(doctored.erasedRuleEntries).toBeGreaterThan(0);
    expect(doctored.eraseRuleCategories.rocAuc).toBeLessThan(doctored.untouched.rocAuc);
    const truth = record.evaluation!.truth!;
    expect(truth.matched).toBe(world.store.userIds.length);
    expect(truth.byStage.length).toBeGreaterThanOrEqual(4);
    expect(scores).toHaveLength(world.store.userIds.length);
    const intervals = record.intervals!;
    expect(intervals.validation.metrics.rocAuc.value).toBeCloseTo(record.validation!.rocAuc, 10);
    expect(intervals.validation.users).toBe(prepared.validation.users.length);
    expect(intervals.truth!.metrics.metrics.rocAuc.value).toBeCloseTo(truth.metrics.rocAuc, 10);
    expect(intervals.classWeights).toEqual(prepared.classWeights);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores every user on the run’s workers as on one, records the workers and reports the scoring as it goes', async () => {
    const hp = { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 1, hidden: 8 };
    const prepared = prepareTrainingData(world.store, setup, {
      validationFraction: hp.validationFraction,
      seed: hp.seed,
    });
    const options: ExperimentOptions = {
      id: 'w',
      name: 'workers test',
      store: world.store,
      truth: world.truth,
      setup,
      prepared,
      kind: 'shallow',
      hyperparameters: hp,
      backend: 'cpu',
      renderer: null,
    };
    const one = await runExperiment(options);
    const progress: number[] = [];
    const two = await runExperiment({
      ...options,
      workers: 2,
      scoreUsers: createShardedScorer({
        workers: 2,
        backend: 'cpu',
        spawn: () => [createInProcessScorerLink()],
        minUsersPerScorer: 1,
      }),
      onScoring: (done) => progress.push(done),
    });
    expect(one.record.workers).toBeUndefined();
    expect(two.record.workers).toBe(2);
    expect(Array.from(two.scores!)).toEqual(Array.from(one.scores!));
    expect(two.record.evaluation!.truth).toEqual(one.record.evaluation!.truth);
    expect(progress.at(-1)).toBe(world.store.userIds.length);
    one.model.dispose();
    two.model.dispose();
  });
});
