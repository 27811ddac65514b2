import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AUDIT_CSV_HEADER } from '../core/bundle';
import { DEMO_RULES, evaluateRules } from '../core/labels';
import { UsageError } from './args';
import { command as audit } from './audit';
import { lastJsonLine as readLastJson, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-audit-', { users: 600, seed: 12 });
afterAll(() => demo.remove());
const { world, dir, events, categories, truth, rules } = demo;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = [events, categories, '--rules', rules, '--model', 'shallow', '--epochs', '3', '--hidden', '8'];
const small = ['--months', '12', '--days', '14', '--backend', 'cpu', '--quiet'];

describe('the audit command', () => {
  it('prints the audit with the missed-positive estimate and writes every flagged user to the CSV', async () => {
    const out = join(dir, 'audit.csv');
    const json = await readLastJson<Json>(() =>
      audit.run([...base, ...small, '--folds', '3', '--missed', '--truth', truth, '--out', out, '--json']),
    );
    const counts = evaluateRules(world.store, DEMO_RULES).counts;
    expect(json.labelled).toEqual({ positive: counts.positive, negative: counts.negative });
    expect(json.folds).toBe(3);
    expect(json.maskedRuleCategories).toBe(true);
    expect(json.flagged).toBeGreaterThan(0);
    expect(json.suspects.length).toBe(Math.min(20, json.flagged));
    expect(json.byCondition.map((c: Json) => c.condition)).toHaveLength(2);
    expect(json.caveat).toMatch(/cannot catch the rules’ systematic bias/);
    const c = json.missed.labelFrequency;
    expect(c.ci95[0]).toBeLessThanOrEqual(c.value);
    expect(c.ci95[1]).toBeGreaterThanOrEqual(c.value);
    expect(json.missed.truth.truthUsers).toBe(600);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data;
    expect(rows[0].join(',')).toBe(AUDIT_CSV_HEADER);
    expect(rows).toHaveLength(json.flagged + 1);
    expect(rows[1][0]).toBe(json.suspects[0].userId);
    expect(rows[1][1]).toBe(json.suspects[0].label);
  }, 120_000);

  it('prints the suspects in words, with the caveat', async () => {
    const out = join(dir, 'audit-text.csv');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await audit.run([...base, ...small, '--folds', '2', '--top', '3', '--out', out]);
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('');
    expect(text).toMatch(
      /^Label audit: \d+ of \d+ rule-labelled users look mislabelled \(2 folds of shallow/,
    );
    expect(text).toMatch(/Most suspicious 3:\n {2}\S+: The rules say (positive|negative)/);
    expect(text).toContain('It cannot catch the rules’ systematic bias');
    expect(text).toContain(`Every flagged user is in ${out}.`);
  }, 120_000);

  it('refuses folds out of range and a missing --out as usage errors', async () => {
    await expect(audit.run([...base, ...small, '--folds', '1', '--out', 'x.csv'])).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(audit.run([...base, ...small])).rejects.toBeInstanceOf(UsageError);
  });
});
