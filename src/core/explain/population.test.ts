import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../labels';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import type { ModelKind } from '../models/types';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, prepareTrainingData } from '../runs/setup';
import { generateDemo } from '../synthetic';
import { isoFromDay } from '../time';
import { trainModel } from '../training/trainModel';
import {
  createExplainContext,
  explainUser,
  findUser,
  topContributions,
  totalByCategory,
} from './contributions';
import { explainPopulation } from './population';

const world = generateDemo({ users: 1500, seed: 11 });
const models: tf.LayersModel[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => models.forEach((m) => m.dispose()));

async function trainDemo(kind: ModelKind, leakageGuard: boolean) {
  // the monthly input spans the rules' 12-month window, so a rule positive's rule purchases are all in view
  const setup = {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 12, days: 14, maskRuleCategories: leakageGuard },
  };
  const hp = {
    ...DEFAULT_HYPERPARAMETERS[kind],
    hidden: 8,
    fcUnits: 8,
    projection: 8,
    epochs: 4,
    dropout: 0,
  };
  const prepared = prepareTrainingData(world.store, setup, { validationFraction: 0.2, seed: 1 });
  const { model } = await trainModel({
    kind,
    hyperparameters: hp,
    width: prepared.builder.width,
    months: prepared.spec.months,
    days: prepared.spec.days,
    buildBatch: (u, l) => prepared.builder.build(u, l),
    train: prepared.train,
    validation: prepared.validation,
  });
  models.push(model);
  const context = createExplainContext({
    model,
    kind,
    spec: prepared.spec,
    store: world.store,
    rules: DEMO_RULES,
  });
  const positives = prepared.validation.users.filter((_, i) => prepared.validation.labels[i] === 1);
  return { context, prepared, positives };
}

describe('explaining a model trained on the demo with the rules unmasked', () => {
  it('ranks rule categories among the top contributions of a rule positive, by name, within 5%', async () => {
    const { context, positives } = await trainDemo('lstm', false);
    const tagged = Array.from(positives)
      .map((u) => explainUser(context, u, 32))
      .filter((e) => e.score > 0.5);
    expect(tagged.length).toBeGreaterThan(5);
    for (const explanation of tagged.slice(0, 5)) {
      expect(explanation.completeness.ok).toBe(true);
      expect(explanation.completeness.relativeGap).toBeLessThanOrEqual(0.05);
      const totals = totalByCategory(explanation);
      const ranked = Array.from(totals.keys()).sort((a, b) => Math.abs(totals[b]) - Math.abs(totals[a]));
      const top = ranked.slice(0, 3).map((c) => explanation.categories[c]);
      expect(top.some((c) => c.rule)).toBe(true);
      const rows = topContributions(explanation, 5);
      expect(rows.some((r) => r.rule && ['maternity care', 'maternity wear'].includes(r.category))).toBe(
        true,
      );
      expect(Math.abs(rows[0].contribution)).toBeGreaterThanOrEqual(Math.abs(rows[4].contribution));
    }
    const grid = explainUser(context, positives[0]).grids[0];
    expect(grid).toMatchObject({ input: 'monthly', kind: 'purchase' });
    expect(grid.periods).toHaveLength(12);
    expect(grid.periods[11].end).toBe(isoFromDay(context.builder.asOfDay - 1));
    expect(grid.periods[0].start < grid.periods[0].end && grid.periods[0].end < grid.periods[1].start).toBe(
      true,
    );
    expect(findUser(context.store, context.store.userIds[positives[0]])).toBe(positives[0]);
  });

  it('puts most of the tagged users’ weight on the rule categories, with progress, and it can be cancelled', async () => {
    const { context, prepared } = await trainDemo('shallow', false);
    const users = prepared.train.users.slice(0, 60);
    const progress: number[] = [];
    const population = await explainPopulation(context, {
      users,
      steps: 32,
      batchUsers: 25,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([25, 50, 60]);
    expect(population.users).toBe(60);
    expect(population.categories[0].rule).toBe(true);
    expect(population.ruleShare).toBeGreaterThan(0.3);
    expect(population.incomplete).toBe(0);
    const means = population.categories.map((c) => c.meanAbs);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    const controller = new AbortController();
    controller.abort();
    await expect(explainPopulation(context, { users, signal: controller.signal })).rejects.toThrow(
      /cancelled/,
    );
  });
});

describe('explaining a model trained with the rule categories masked', () => {
  it('gives the rule categories nothing: the weight moved to other categories', async () => {
    const { context, prepared } = await trainDemo('shallow', true);
    const population = await explainPopulation(context, {
      users: prepared.validation.users.slice(0, 40),
      steps: 8,
    });
    expect(population.categories.length).toBeGreaterThan(3);
    expect(population.ruleShare).toBe(0);
    expect(context.categories.filter((c) => c.masked).every((c) => c.rule)).toBe(true);
    expect(context.categories.some((c) => c.masked)).toBe(true);
  });
});
