import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { createInProcessLab } from '../../inProcessClient';
import { isCancelled } from '../../protocol/errors';
import { sampleEvenly } from './explain';

const lab = createInProcessLab();
afterAll(() => lab.close());

describe('explain handlers', () => {
  let topUser = '';

  beforeAll(async () => {
    const { client } = lab;
    await client.request('data/demo', { users: 400, seed: 5 });
    const record = await client.request('train/run', {
      runId: 'run-x',
      name: 'shallow #1',
      kind: 'shallow',
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 2 },
      backend: 'cpu',
      setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
    });
    expect(record.status).toBe('done');
    const scored = await client.request('export/score', { runId: 'run-x', threshold: 0.5, backend: 'cpu' });
    topUser = scored.top[0].userId;
  });

  it('explains one user by id: top rows with names, per-input totals, a complete check', async () => {
    const view = await lab.client.request('explain/user', { runId: 'run-x', userId: topUser, rows: 5 });
    expect(view.userId).toBe(topUser);
    expect(view.categories.length).toBeLessThanOrEqual(5);
    expect(view.categories.length).toBeGreaterThan(0);
    const totals = view.categories.map((c) => Math.abs(c.total));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(view.categories.some((c) => c.rule)).toBe(true);
    const gridSum = view.grids.reduce((s, g) => s + g.total, 0);
    expect(gridSum).toBeCloseTo(view.completeness.sum, 3);
    expect(view.completeness.ok).toBe(true);
    for (const grid of view.grids)
      expect(grid.values).toHaveLength(grid.periods.length * view.categories.length);
  });

  it('says so when the user is not in the data', async () => {
    await expect(lab.client.request('explain/user', { runId: 'run-x', userId: 'nobody' })).rejects.toThrow(
      'User "nobody" is not in the loaded dataset.',
    );
  });

  it('explains the tagged population with progress, rule categories first for a rule-trained model', async () => {
    const progress: number[] = [];
    const view = await lab.client.request(
      'explain/population',
      { runId: 'run-x', threshold: 0.5, steps: 8 },
      { onEvent: (e) => e.kind === 'explain/progress' && progress.push(e.payload.done) },
    );
    expect(view.users).toBe(Math.min(view.tagged, 1000));
    expect(progress.at(-1)).toBe(view.users);
    expect(view.ruleShare).toBeGreaterThan(0);
    expect(view.categories.slice(0, 5).some((c) => c.rule)).toBe(true);
  });

  it('stops the population view on cancel', async () => {
    const controller = new AbortController();
    const pending = lab.client.request(
      'explain/population',
      { runId: 'run-x', threshold: 0, steps: 8 },
      { signal: controller.signal, onEvent: () => controller.abort() },
    );
    const error = await pending.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
  });

  it('samples a large population evenly', () => {
    expect(Array.from(sampleEvenly(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 4))).toEqual([0, 2, 4, 6]);
    expect(Array.from(sampleEvenly(Int32Array.of(3, 9), 4))).toEqual([3, 9]);
  });
});
