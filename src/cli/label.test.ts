import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError } from './args';
import { command, readRulesFile } from './label';
import { DEMO_RULES } from '../core/labels';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-label-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('label command', () => {
  it('prints the counts and the as-of date as one JSON object on the last line', async () => {
    const events = write(
      'events.csv',
      [
        'user_id,category,time,action,count',
        'u1,maternity care,2024-05-01,purchase,5',
        'u2,high heels,2024-06-10,purchase,5',
        'u3,cosmetics,2024-06-10,purchase,6',
        'u3,maternity wear,2024-06-11,purchase,6',
        'u4,books,2024-06-30,click,1',
      ].join('\n'),
    );
    const rules = write('rules.json', JSON.stringify(DEMO_RULES));
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await command.run([events, '--rules', rules, '--json']);
    } finally {
      spy.mockRestore();
    }
    const last = JSON.parse(out.join('').trim().split('\n').pop()!);
    expect(last).toMatchObject({
      positive: 1,
      negative: 1,
      conflict: 1,
      unlabelled: 1,
      users: 4,
      asOf: '2024-07-01',
    });
  });

  it('rejects unreadable, malformed and invalid rules files with a message naming the file', () => {
    expect(() => readRulesFile(join(dir, 'missing.json'))).toThrow(InputError);
    expect(() => readRulesFile(join(dir, 'missing.json'))).toThrow(
      'cannot read the rules file (no such file)',
    );
    expect(() => readRulesFile(write('broken.json', '{oops'))).toThrow('the rules file is not valid JSON');
    expect(() => readRulesFile(write('wrong.json', '{"positive": 3}'))).toThrow(
      'wrong.json: Invalid rules: rules.positive must be an object, got 3.',
    );
  });
});
