import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { command as audit } from './audit';
import { lastJsonLine, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-audit-workers-', { users: 500, seed: 12 });
afterAll(() => demo.remove());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const auditArgs = (workers: string, out: string) => [
  demo.events,
  demo.categories,
  '--rules',
  demo.rules,
  '--model',
  'shallow',
  '--epochs',
  '3',
  '--hidden',
  '8',
  '--months',
  '12',
  '--days',
  '14',
  '--backend',
  'cpu',
  '--quiet',
  '--folds',
  '3',
  '--missed',
  '--workers',
  workers,
  '--out',
  join(demo.dir, out),
  '--json',
];

describe('audit --workers', () => {
  it('trains the folds on two job threads to the audit and estimate of one thread', async () => {
    const one = await lastJsonLine<Json>(() => audit.run(auditArgs('1', 'one.csv')));
    const two = await lastJsonLine<Json>(() => audit.run(auditArgs('2', 'two.csv')));
    expect([one.workers, two.workers]).toEqual([1, 2]);
    expect(one.flagged).toBeGreaterThan(0);
    expect(two.flagged).toBe(one.flagged);
    expect(two.suspects.map((s: Json) => s.userId)).toEqual(one.suspects.map((s: Json) => s.userId));
    two.suspects.forEach((s: Json, i: number) =>
      expect(Math.abs(s.score - one.suspects[i].score)).toBeLessThan(1e-6),
    );
    expect(two.missed.labelFrequency.value).toBeCloseTo(one.missed.labelFrequency.value, 6);
  }, 180_000);

  it('refuses a worker count it cannot use', async () => {
    await expect(audit.run(auditArgs('0', 'zero.csv'))).rejects.toThrow(UsageError);
    await expect(audit.run(auditArgs('9', 'nine.csv'))).rejects.toThrow('--workers must be a whole number');
  });
});
