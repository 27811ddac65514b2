import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { InputError, UsageError } from './args';
import { command as sql } from './sql';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-sql-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = join(dir, 'rules.json');
writeFileSync(rules, JSON.stringify(DEMO_RULES));

async function printed(argv: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await sql.run(argv);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('sql command', () => {
  it('prints the rules as Spark SQL over the named table with a fixed as-of', async () => {
    const text = await printed([
      'labels',
      '--rules',
      rules,
      '--dialect',
      'spark',
      '--table',
      'shop.events',
      '--as-of',
      '2026-07-01',
    ]);
    expect(text).toContain('FROM `shop`.`events`');
    expect(text).toContain("SELECT DATE '2026-07-01' AS day");
    expect(text).toContain('add_months(a.day, -(12))');
  });

  it('prints a raw-layout view', async () => {
    expect(await printed(['view', '--layout', 'taobao', '--source', 'user_behavior'])).toContain(
      "CASE behavior_type WHEN 'buy' THEN 'purchase' ELSE 'click' END",
    );
  });

  it('answers usage errors for an unknown dialect, subcommand, option or date', async () => {
    await expect(sql.run(['labels', '--rules', rules, '--dialect', 'bigquery'])).rejects.toThrow(UsageError);
    await expect(sql.run(['tables'])).rejects.toThrow(UsageError);
    await expect(sql.run(['labels', '--rules', rules, '--model', 'x'])).rejects.toThrow(UsageError);
    await expect(sql.run(['labels', '--rules', rules, '--as-of', '2026-02-30'])).rejects.toThrow(UsageError);
  });

  it('answers an input error for a missing rules file or model folder', async () => {
    await expect(sql.run(['labels', '--rules', join(dir, 'none.json')])).rejects.toThrow(InputError);
    await expect(sql.run(['features', '--model', join(dir, 'none')])).rejects.toThrow(InputError);
  });
});
