// What the CLI tests share: a demo world written to disk as the files a user would pass (events, categories, truth,
// rules), and the JSON object a command prints on its last line with --json.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { demoCategoriesCsv, demoTruthCsv, generateDemo, writeDemoEventsCsv } from '../core/synthetic';

export interface DemoFiles {
  world: ReturnType<typeof generateDemo>;
  dir: string;
  events: string;
  categories: string;
  truth: string;
  rules: string;
  /** removes the folder (call it from afterAll) */
  remove(): void;
}

/** A seeded demo world in a fresh temporary folder, with the preset rules beside it. */
export function writeDemoFiles(prefix: string, options: { users: number; seed: number }): DemoFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const world = generateDemo(options);
  const chunks: string[] = [];
  writeDemoEventsCsv(world, (c) => chunks.push(c));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return {
    world,
    dir,
    events: file('events.csv', chunks.join('')),
    categories: file('categories.csv', demoCategoriesCsv(world)),
    truth: file('truth.csv', demoTruthCsv(world)),
    rules: file('rules.json', JSON.stringify(DEMO_RULES)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a command and parses the last line it wrote to stdout (stderr silenced too when asked). */
export async function lastJsonLine<T = Record<string, unknown>>(
  run: () => Promise<void>,
  options: { quietStderr?: boolean } = {},
): Promise<T> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const quiet = options.quietStderr ? vi.spyOn(process.stderr, 'write').mockImplementation(() => true) : null;
  try {
    await run();
  } finally {
    spy.mockRestore();
    quiet?.mockRestore();
  }
  const lines = out.join('').trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
