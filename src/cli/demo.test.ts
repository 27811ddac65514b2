import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError, UsageError } from './args';
import { command } from './demo';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runDemo(argv: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await command.run(argv);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('demo command', () => {
  it('writes events, categories and truth into a new folder and reports them as JSON on the last line', async () => {
    const out = join(dir, 'nested', 'demo');
    const stdout = await runDemo(['--users', '40', '--seed', '5', '--months', '3', '--out', out, '--json']);
    const summary = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '');
    expect(summary.users).toBe(40);
    expect(summary.seed).toBe(5);
    expect(summary.firstDay).toBe('2026-04-01');
    expect(summary.lastDay).toBe('2026-06-30');
    expect(summary.purchases + summary.clicks).toBe(summary.events);
    expect(Object.values(summary.stages).reduce((a: number, b) => a + Number(b), 0)).toBe(40);
    const events = lines(summary.files.events);
    expect(events[0]).toBe('user_id,category_id,time,action,count');
    expect(events).toHaveLength(summary.events + 1);
    expect(lines(join(out, 'categories.csv'))).toHaveLength(summary.categories + 1);
    const truth = lines(join(out, 'truth.csv'));
    expect(truth[0]).toBe('user_id,label,stage');
    expect(truth).toHaveLength(41);
  });

  it('prints a readable summary without --json and gives the same files for the same seed', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const text = await runDemo(['--users', '30', '--seed', '9', '--months', '2', '--out', a]);
    await runDemo(['--users', '30', '--seed', '9', '--months', '2', '--out', b]);
    expect(text).toMatch(/^Demo world: 30 users, seed 9, [\d,]+ events/);
    expect(text).toContain('pregnant-click-only');
    expect(readFileSync(join(a, 'events.csv'), 'utf8')).toBe(readFileSync(join(b, 'events.csv'), 'utf8'));
  });

  it('rejects bad options as usage errors and an unusable output folder as an input error', async () => {
    await expect(runDemo(['--users', 'many', '--out', dir])).rejects.toThrow(UsageError);
    await expect(runDemo(['--users', '0', '--out', dir])).rejects.toThrow(/whole number ≥ 1/);
    await expect(runDemo(['--users', '10'])).rejects.toThrow(/--out is required/);
    await expect(runDemo(['--users', '10', '--out', dir, '--as-of', '2026-13-45'])).rejects.toThrow(
      /YYYY-MM-DD/,
    );
    await expect(runDemo(['--out', dir, '--colour', 'red'])).rejects.toThrow(/Unknown option --colour/);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(runDemo(['--users', '10', '--out', file])).rejects.toThrow(InputError);
  });
});
