import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeRocAuc } from '../core/evaluation';
import { UsageError } from './args';
import { command as score } from './score';
import { command as train } from './train';
import { lastJsonLine as readLastJson, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-train-', { users: 1200, seed: 3 });
afterAll(() => demo.remove());
const { dir, events, categories, truth, rules } = demo;

const lastJsonLine = (run: () => Promise<void>) => readLastJson(run);

describe('train and score commands', () => {
  const runDir = join(dir, 'run');
  const scores = join(dir, 'scores.csv');

  it('trains, writes the model files and prints metrics, doctored and truth scores as JSON', async () => {
    const json = await lastJsonLine(() =>
      train.run([
        events,
        categories,
        '--rules',
        rules,
        '--model',
        'shallow',
        '--epochs',
        '4',
        '--backend',
        'cpu',
        '--truth',
        truth,
        '--out',
        runDir,
        '--json',
      ]),
    );
    expect(readdirSync(runDir).sort()).toEqual([
      'README.md',
      'checkpoint',
      'model.json',
      'tag-lab.json',
      'weights.bin',
    ]);
    expect(json.model).toBe('shallow');
    expect(json.epochs).toBe(4);
    expect(json.backend).toBe('cpu');
    expect(json.valAccuracy as number).toBeGreaterThan(0.8);
    const doctored = json.doctored as { ruleReliance: number; verdict: string };
    expect(doctored.verdict).toMatch(/rule categories/);
    const t = json.truth as { matched: number; stages: Record<string, { users: number }> };
    expect(t.matched).toBe(1200);
    expect(Object.keys(t.stages)).toContain('recent-mother');
    // the validation users travel by id, as in the page's bundles: their scores give back the printed AUC
    const manifest = JSON.parse(readFileSync(join(runDir, 'tag-lab.json'), 'utf8')) as {
      validation: { userIds: string[]; labels: number[]; scores: number[] };
    };
    const v = manifest.validation;
    expect(v.userIds.length).toBe(json.validationUsers);
    expect(new Set(v.userIds).size).toBe(v.userIds.length);
    expect(v.labels.length).toBe(v.userIds.length);
    expect(computeRocAuc(Float32Array.from(v.scores), Float32Array.from(v.labels))).toBeCloseTo(
      json.valAuc as number,
      6,
    );
  });

  it('scores every user with the trained folder, higher for rule positives than rule negatives', async () => {
    const json = await lastJsonLine(() =>
      score.run(['--model', runDir, events, categories, '--out', scores, '--backend', 'cpu', '--json']),
    );
    expect(json.users).toBe(1200);
    expect(json.workers).toBe(availableParallelism());
    const rows = readFileSync(scores, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('user_id,score,tag,label_source');
    expect(rows).toHaveLength(1201);
    const mean = (source: string) => {
      const s = rows
        .slice(1)
        .filter((r) => r.endsWith(`,${source}`))
        .map((r) => Number(r.split(',')[1]));
      return s.reduce((a, b) => a + b, 0) / s.length;
    };
    expect(mean('rule-positive')).toBeGreaterThan(0.7);
    expect(mean('rule-negative')).toBeLessThan(0.3);
  });

  it('scores on this thread with --workers 1, the same scores as the default worker threads', async () => {
    const oneThread = join(dir, 'scores-1.csv');
    const json = await lastJsonLine(() =>
      score.run([
        '--model',
        runDir,
        events,
        categories,
        '--out',
        oneThread,
        '--workers',
        '1',
        '--backend',
        'cpu',
        '--json',
      ]),
    );
    expect(json.workers).toBe(1);
    const parse = (path: string) =>
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split(','));
    const threaded = parse(scores);
    const single = parse(oneThread);
    expect(single.map((r) => r[0])).toEqual(threaded.map((r) => r[0]));
    let worst = 0;
    for (let i = 0; i < single.length; i++)
      worst = Math.max(worst, Math.abs(Number(single[i][1]) - Number(threaded[i][1])));
    expect(worst).toBeLessThan(1e-5);
    expect(single.map((r) => r[3])).toEqual(threaded.map((r) => r[3]));
  });

  it('rejects --workers 0 and an unknown backend before starting any worker', async () => {
    const base = ['--model', runDir, events, categories, '--out', join(dir, 'never.csv')];
    await expect(score.run([...base, '--workers', '0'])).rejects.toThrow(/--workers must be a whole number/);
    await expect(score.run([...base, '--backend', 'webgl'])).rejects.toBeInstanceOf(UsageError);
  });

  it('rejects an unknown model kind as a usage error', async () => {
    await expect(
      train.run([events, '--rules', rules, '--model', 'cnn', '--out', runDir]),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
