import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoopbackJobLink, holdFirstResult } from '../../../test/jobLinks';
import { DEMO_RULES } from '../../labels';
import { DEFAULT_HYPERPARAMETERS } from '../../models/hyperparameters';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, prepareTrainingData } from '../../runs/setup';
import { generateDemo } from '../../synthetic';
import { planSweep } from '../plan';
import { runSweep, type SweepOptions, type SweepResult } from '../runSweep';
import { createInProcessJobLink } from './inProcessLink';
import { createJobSetup } from './jobData';
import { startJobWorkers } from './jobPool';
import type { JobLink } from './types';

const world = generateDemo({ users: 500, seed: 7 });
const prepared = prepareTrainingData(
  world.store,
  {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 14 },
  },
  { validationFraction: 0.25, seed: 1 },
);
const setup = createJobSetup({ store: world.store, prepared, kind: 'lstm', backend: 'cpu' });
const base = { ...DEFAULT_HYPERPARAMETERS.lstm, epochs: 2, patience: 0, batchSize: 32, projection: 8 };
// four points, dropout on, so the masks' seeded stream is part of what must match
const plan = planSweep(base, { space: { hidden: [2, 6], dropout: [0, 0.3] } });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function sweepOn(links: JobLink[] | undefined, extra: Partial<SweepOptions> = {}) {
  if (links) await startJobWorkers(links, setup);
  return runSweep({ kind: 'lstm', plan, prepared, jobLinks: links, ...extra });
}

function curves(result: SweepResult) {
  return result.points.map((p) => p.runs.map((r) => [r.point, r.repeat, r.valAuc, r.valLosses, r.epochs]));
}

describe('a sweep on job workers', () => {
  it('gives every point the AUC and losses of the one-after-another sweep, rows in plan order', async () => {
    const here = await sweepOn(undefined);
    // the first run's result is held back until the other three are in: it finishes last of all
    const held = holdFirstResult(createLoopbackJobLink().link);
    const finished: number[] = [];
    const pooled = await sweepOn([held.link, createLoopbackJobLink().link], {
      onRunDone: (run) => {
        finished.push(run.point);
        if (finished.length === 3) held.release();
      },
    });
    expect(finished).toEqual([1, 2, 3, 0]);
    expect(pooled.status).toBe('done');
    expect(pooled.points.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    const a = curves(here).flat();
    const b = curves(pooled).flat();
    expect(b).toHaveLength(4);
    a.forEach((row, i) => {
      expect(b[i].slice(0, 2)).toEqual(row.slice(0, 2));
      expect(Math.abs((b[i][2] as number) - (row[2] as number))).toBeLessThan(1e-6);
      expect(b[i][3] as number[]).toHaveLength(2);
      (row[3] as number[]).forEach((loss, e) =>
        expect(Math.abs((b[i][3] as number[])[e] - loss)).toBeLessThan(1e-6),
      );
    });
    // the points did learn something different from each other, so equality above is not vacuous
    expect(new Set(a.map((r) => r[2])).size).toBeGreaterThan(1);
    expect(pooled.best).toBe(here.best);
  }, 60_000);

  it('keeps repeats in repeat order and counts progress over every worker', async () => {
    const twice = planSweep(base, { space: { hidden: [2] }, repeats: 3 });
    const links = [createInProcessJobLink(), createInProcessJobLink()];
    await startJobWorkers(links, setup);
    const progress: number[] = [];
    const training: number[] = [];
    const result = await runSweep({
      kind: 'lstm',
      plan: twice,
      prepared,
      jobLinks: links,
      onProgress: (p) => {
        progress.push(p.done);
        training.push(p.training);
      },
    });
    expect(result.points[0].runs.map((r) => [r.repeat, r.seed])).toEqual([
      [0, base.seed],
      [1, base.seed + 1],
      [2, base.seed + 2],
    ]);
    expect(progress.at(-1)).toBeLessThanOrEqual(2);
    expect(Math.max(...progress)).toBe(2);
    // both workers train at once, and the last run alone
    expect(Math.max(...training)).toBe(2);
    expect(training.at(-1)).toBe(1);
  }, 60_000);

  it('stops with a message naming the run when a worker dies, ending the other worker, without hanging', async () => {
    // whichever worker is handed point 2 dies; the other one must be ended too
    const links = [createLoopbackJobLink({ dieAtPoint: 2 }), createLoopbackJobLink({ dieAtPoint: 2 })];
    await expect(sweepOn(links.map((l) => l.link))).rejects.toThrow(
      'The sweep stopped: run 3.1 (hidden=6, dropout=0) failed: the worker thread exited (code 1)',
    );
    expect(links.every((l) => l.ended())).toBe(true);
  }, 60_000);

  it('ends every worker on cancel and keeps the runs finished so far', async () => {
    const links = [createLoopbackJobLink(), createLoopbackJobLink()];
    const controller = new AbortController();
    const result = await sweepOn(
      links.map((l) => l.link),
      { signal: controller.signal, onRunDone: () => controller.abort() },
    );
    expect(result.status).toBe('cancelled');
    expect(result.points.filter((p) => p.runs.length > 0)).toHaveLength(1);
    expect(links.every((l) => l.ended())).toBe(true);
  }, 60_000);
});
