import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../labels';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, prepareTrainingData } from '../runs/setup';
import { generateDemo } from '../synthetic';
import { trainModel } from '../training/trainModel';
import { planSweep } from './plan';
import { runSweep, type SweepProgress } from './runSweep';

const world = generateDemo({ users: 800, seed: 5 });
const prepared = prepareTrainingData(
  world.store,
  {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 14 },
  },
  { validationFraction: 0.25, seed: 1 },
);
const base = { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 2, patience: 0 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('running a sweep', () => {
  it('trains every run, gives one row per point with its AUC over the repeats, and names the best', async () => {
    const plan = planSweep(base, { space: { hidden: [1, 16], learningRate: [0.05] }, repeats: 2 });
    const progress: SweepProgress[] = [];
    const before = tf.memory().numTensors;
    const result = await runSweep({ kind: 'shallow', plan, prepared, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.status).toBe('done');
    expect(result.points).toHaveLength(2);
    for (const point of result.points) {
      expect(point.runs.map((r) => [r.repeat, r.seed, r.status, r.epochs])).toEqual([
        [0, base.seed, 'done', 2],
        [1, base.seed + 1, 'done', 2],
      ]);
      const aucs = point.runs.map((r) => r.valAuc!);
      expect(point.valAuc).toBeCloseTo((aucs[0] + aucs[1]) / 2, 12);
      expect(point.valAucMin).toBe(Math.min(...aucs));
      expect(point.valAuc!).toBeGreaterThan(0.5);
      // the interval: mean ± 1.96 · √(mean DeLong variance of the repeats), inside [0, 1]
      const ses = point.runs.map((r) => r.valAucSe!);
      ses.forEach((se) => expect(se).toBeGreaterThan(0));
      const half = 1.959963984540054 * Math.sqrt((ses[0] ** 2 + ses[1] ** 2) / 2);
      expect(point.valAucCi95![0]).toBeCloseTo(Math.max(0, point.valAuc! - half), 12);
      expect(point.valAucCi95![1]).toBeCloseTo(Math.min(1, point.valAuc! + half), 12);
    }
    const best = result.points.reduce((a, b) => (b.valAuc! > a.valAuc! ? b : a));
    expect(result.best).toBe(best.index);
    // progress: a start and one event per epoch for each of the 4 runs; the estimate appears after the first epoch
    expect(progress).toHaveLength(4 * 3);
    expect(progress[0].secondsLeft).toBeNull();
    expect(progress[1].secondsLeft).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({
      done: 3,
      total: 4,
      point: 1,
      repeat: 1,
      epoch: 2,
      secondsLeft: 0,
    });
  });

  it('trains each run as the Train screen does, class weights included', async () => {
    // the demo's rules label far more negatives than positives, so the balanced weights change the model
    expect(prepared.classWeights).not.toBeNull();
    const hyperparameters = { ...base, hidden: 8 };
    const plan = planSweep(hyperparameters, { space: { hidden: [8] }, repeats: 1 });
    const result = await runSweep({ kind: 'shallow', plan, prepared });
    const alone = await trainModel({
      kind: 'shallow',
      hyperparameters,
      width: prepared.builder.width,
      months: prepared.spec.months,
      days: prepared.spec.days,
      buildBatch: (users, labels) => prepared.builder.build(users, labels),
      train: prepared.train,
      validation: prepared.validation,
      classWeights: prepared.classWeights,
    });
    alone.model.dispose();
    expect(result.points[0].runs[0].valLosses).toEqual(alone.epochs.map((e) => e.valLoss));
  });

  it('stops when cancelled and keeps the rows finished so far', async () => {
    const plan = planSweep(base, { space: { dropout: [0, 0.2, 0.4] } });
    const controller = new AbortController();
    const result = await runSweep({
      kind: 'shallow',
      plan,
      prepared,
      signal: controller.signal,
      onRunDone: () => controller.abort(),
    });
    expect(result.status).toBe('cancelled');
    expect(result.points.map((p) => p.runs.length)).toEqual([1, 0, 0]);
    expect(result.points[1].valAuc).toBeNull();
    expect(result.best).toBe(0);
  });
});
