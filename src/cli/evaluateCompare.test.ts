import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as compare } from './compare';
import { command as evaluate } from './evaluate';
import { command as train } from './train';
import { lastJsonLine as readLastJson, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-evaluate-', { users: 900, seed: 8 });
afterAll(() => demo.remove());
const { world, dir, events, categories, truth, rules } = demo;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const lastJsonLine = (run: () => Promise<void>) => readLastJson<Json>(run);

function expectEstimate(e: { value: number; ci95: [number, number] }) {
  expect(e.ci95[0]).toBeLessThanOrEqual(e.value);
  expect(e.ci95[1]).toBeGreaterThanOrEqual(e.value);
  expect(e.ci95[1]).toBeGreaterThan(e.ci95[0]);
}

const runA = join(dir, 'a');
const runB = join(dir, 'b');
const trainArgs = (out: string, seed: string) => [
  ...[events, categories, '--rules', rules, '--model', 'shallow', '--epochs', '2', '--seed', seed],
  ...['--backend', 'cpu', '--truth', truth, '--out', out, '--json', '--quiet'],
];
let trained: Json;

beforeAll(async () => {
  trained = await lastJsonLine(() => train.run(trainArgs(runA, '1')));
  await lastJsonLine(() => train.run(trainArgs(runB, '2')));
}, 120_000);

describe('train --json', () => {
  it('carries the set sizes per class, every labelled user, and intervals on validation and truth metrics', () => {
    const { train: t, validation: v } = trained.sizes;
    expect(trained.trainUsers).toBe(t.positive + t.negative);
    expect(trained.validationUsers).toBe(v.positive + v.negative);
    const labelled = world.store.userIds.length; // upper bound; the rules leave many unlabelled
    expect(trained.trainUsers + trained.validationUsers).toBeLessThan(labelled);
    expect(t.positive).not.toBe(t.negative); // not down-sampled: the classes keep their own sizes
    expect(trained.classWeights.positive * t.positive).toBeCloseTo(
      trained.classWeights.negative * t.negative,
      6,
    );
    expect(trained.validation.users).toBe(trained.validationUsers);
    expectEstimate(trained.validation.auc);
    expect(trained.validation.resolvableAucDifference).toBeGreaterThan(0);
    expectEstimate(trained.truth.auc);
    expect(trained.truth.stages['recent-mother'].tagRate.ci95).toHaveLength(2);
  });
});

describe('evaluate', () => {
  it('prints each truth metric as { value, ci95 } and Wilson tag rates per stage', async () => {
    const json = await lastJsonLine(() =>
      evaluate.run(['--model', runA, events, categories, '--truth', truth, '--backend', 'cpu', '--json']),
    );
    expect(json.users).toBe(900);
    expect(json.truth.matched).toBe(900);
    for (const key of ['auc', 'prAuc', 'accuracy', 'precision', 'recall', 'f1'])
      expectEstimate(json.truth[key]);
    expect(json.truth.auc.value).toBeCloseTo(trained.truth.auc.value, 5);
    expectEstimate(json.rules.auc);
    expect(json.rules.note).toMatch(/optimistic/);
    expectEstimate(json.truth.stages['recent-mother'].tagRate);
  });
});

describe('compare', () => {
  it('finds exactly no difference and no winner between a model and itself', async () => {
    const json = await lastJsonLine(() =>
      compare.run([runA, runA, events, categories, '--truth', truth, '--backend', 'cpu', '--json']),
    );
    for (const d of Object.values(json.truth.differences) as { value: number; ci95: number[] }[]) {
      expect(d.value).toBe(0);
      expect(d.ci95).toEqual([0, 0]);
    }
    expect(json.verdict.winner).toBeNull();
    expect(json.verdict.message).toMatch(/cannot tell/);
  });

  it('prints the paired DeLong test of two seeds on the same users', async () => {
    const json = await lastJsonLine(() =>
      compare.run([runA, runB, events, categories, '--truth', truth, '--backend', 'cpu', '--json']),
    );
    expect(json.truth.users).toBe(900);
    expect(json.truth.auc.pValue).toBeGreaterThanOrEqual(0);
    expect(json.truth.auc.pValue).toBeLessThanOrEqual(1);
    const d = json.truth.auc.difference;
    expect(d.value).toBeCloseTo(json.truth.auc.a.value - json.truth.auc.b.value, 10);
    // a winner is named exactly when the interval excludes zero
    expect(json.truth.verdict.winner !== null).toBe(d.ci95[0] > 0 || d.ci95[1] < 0);
    expect(json.rules.users).toBeGreaterThan(0);
  });
});
