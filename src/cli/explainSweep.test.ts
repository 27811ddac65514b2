import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_RULES, evaluateRules } from '../core/labels';
import { UsageError } from './args';
import { command as explain } from './explain';
import { command as sweep, takeGrid } from './sweep';
import { command as train } from './train';
import { lastJsonLine as readLastJson, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-explain-', { users: 800, seed: 4 });
afterAll(() => demo.remove());
const { world, dir, events, categories, rules } = demo;
const small = ['--months', '12', '--days', '14', '--backend', 'cpu'];

const lastJsonLine = (run: () => Promise<void>) => readLastJson(run, { quietStderr: true });

describe('the explain command', () => {
  const runDir = join(dir, 'run');

  it('prints a rule positive’s top contributions by name, largest first, and the completeness check', async () => {
    await lastJsonLine(() =>
      train.run([
        events,
        categories,
        '--rules',
        rules,
        '--model',
        'lstm',
        '--epochs',
        '6',
        '--hidden',
        '8',
        '--lr',
        '0.02',
        '--quiet',
        '--out',
        runDir,
        '--json',
        ...small,
      ]),
    );
    const labels = evaluateRules(world.store, DEMO_RULES).labels;
    const positive = world.store.userIds[labels.findIndex((l) => l === 1)];
    const json = await lastJsonLine(() =>
      explain.run([
        '--model',
        runDir,
        events,
        categories,
        '--user',
        positive,
        '--top',
        '5',
        '--backend',
        'cpu',
        '--json',
      ]),
    );
    type Row = { category: string; period: string; kind: string; contribution: number; rule: boolean };
    const rows = json.contributions as Row[];
    expect(rows).toHaveLength(5);
    const sizes = rows.map((r) => Math.abs(r.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(
      rows.every((r) => r.kind === 'purchase' && /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(r.period)),
    ).toBe(true);
    expect(rows.some((r) => r.rule && /^maternity/.test(r.category))).toBe(true);
    const c = json.completeness as { sum: number; expected: number; ok: boolean };
    expect(c.ok).toBe(true);
    expect(Math.abs(c.sum - c.expected)).toBeLessThanOrEqual(0.05 * Math.abs(c.expected));
    expect(c.expected).toBeCloseTo((json.logit as number) - (json.baselineLogit as number), 6);
  });

  it('says when the user is not in the data', async () => {
    await expect(
      explain.run(['--model', runDir, events, '--user', 'nobody', '--backend', 'cpu']),
    ).rejects.toThrow(/User "nobody" is not in the data/);
  });
});

describe('the sweep command', () => {
  it('takes every name=values token after --grid', () => {
    expect(takeGrid(['a.csv', '--grid', 'hidden=16,32', 'dropout=0,0.3', 'b.csv', '--json'])).toEqual({
      grid: ['hidden=16,32', 'dropout=0,0.3'],
      rest: ['a.csv', 'b.csv', '--json'],
    });
    expect(() => takeGrid(['--grid', 'a.csv'])).toThrow(UsageError);
  });

  it('prints one row per point with its validation AUC, and the best point', async () => {
    const json = await lastJsonLine(() =>
      sweep.run([
        events,
        categories,
        '--rules',
        rules,
        '--model',
        'shallow',
        '--grid',
        'hidden=2,8',
        'lr=0.02',
        '--epochs',
        '2',
        '--repeats',
        '2',
        '--seed',
        '5',
        '--data-seed',
        '9',
        '--json',
        ...small,
      ]),
    );
    // the split is drawn by the data seed, as train draws it, not by the model seed
    expect(json.dataSeed).toBe(9);
    expect(json.validationUsers).toBeGreaterThan(0);
    const points = json.points as {
      point: number;
      hidden: number;
      learningRate: number;
      runs: number;
      valAuc: number;
    }[];
    expect(points.map((p) => [p.point, p.hidden, p.learningRate, p.runs])).toEqual([
      [0, 2, 0.02, 2],
      [1, 8, 0.02, 2],
    ]);
    points.forEach((p) => expect(p.valAuc).toBeGreaterThan(0.5));
    expect(json.status).toBe('done');
    expect((json.best as { point: number }).point).toBe(points[0].valAuc >= points[1].valAuc ? 0 : 1);
  });

  it('refuses a parameter it cannot sweep as a usage error', async () => {
    await expect(
      sweep.run([events, '--rules', rules, '--model', 'shallow', '--grid', 'epochs=1,2']),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
