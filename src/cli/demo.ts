// `demo [--users N] [--seed S] --out DIR [--as-of YYYY-MM-DD] [--months M] [--json]`: generates the seeded demo
// world and writes DIR/events.csv (streamed to disk), DIR/categories.csv and DIR/truth.csv.

import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { ACTION_CODE } from '../core/events';
import type { DemoWorld } from '../core/synthetic';
import {
  DEMO_DEFAULT_AS_OF,
  DEMO_DEFAULT_MONTHS,
  DEMO_STAGES,
  demoCategoriesCsv,
  demoTruthCsv,
  generateDemo,
  writeDemoEventsCsv,
} from '../core/synthetic';
import { isoFromDay } from '../core/time';

const FLAGS = { values: ['users', 'seed', 'out', 'as-of', 'months'], switches: ['json'] };
const fmt = (n: number): string => n.toLocaleString('en-US');

function wholeNumberFlag(
  args: ReturnType<typeof parseArgs>,
  name: string,
  fallback: number,
  min: number,
): number {
  const n = numberFlag(args, name, fallback);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${n}`);
  return n;
}

function checkAsOf(value: string | undefined): string {
  if (value === undefined) return DEMO_DEFAULT_AS_OF;
  if (!/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new UsageError(`--as-of must be a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

function prepareFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(
      `${dir}: cannot create the output folder (${(e as NodeJS.ErrnoException).code ?? e}).`,
    );
  }
  if (!statSync(dir).isDirectory())
    throw new InputError(`${dir}: exists and is not a folder; choose another --out.`);
}

/** Writes the events file chunk by chunk with synchronous writes, so memory stays flat whatever the size. */
function writeEventsFile(path: string, world: DemoWorld): void {
  const fd = openSync(path, 'w');
  try {
    writeDemoEventsCsv(world, (chunk) => {
      writeSync(fd, chunk);
    });
  } finally {
    closeSync(fd);
  }
}

function countActions(world: DemoWorld): { purchases: number; clicks: number } {
  let purchases = 0;
  const action = world.store.action;
  for (let i = 0; i < action.length; i++) if (action[i] === ACTION_CODE.purchase) purchases++;
  return { purchases, clicks: action.length - purchases };
}

export const command: Command = {
  summary: 'Write the seeded demo dataset (events, category dictionary, truth)',
  usage: '[--users N] [--seed S] --out DIR [--as-of YYYY-MM-DD] [--months M] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length) throw new UsageError(`Unexpected argument "${args.positionals[0]}"`);
    const users = wholeNumberFlag(args, 'users', 10_000, 1);
    if (users > 10_000_000) throw new UsageError(`--users must be at most 10,000,000, got ${users}`);
    const seed = wholeNumberFlag(args, 'seed', 42, 0);
    const months = wholeNumberFlag(args, 'months', DEMO_DEFAULT_MONTHS, 1);
    if (months > 120) throw new UsageError(`--months must be at most 120, got ${months}`);
    const asOf = checkAsOf(stringFlag(args, 'as-of'));
    const dir = requireFlag(args, 'out');
    prepareFolder(dir);

    const started = performance.now();
    const world = generateDemo({ users, seed, asOf, months });
    const generateMs = Math.round(performance.now() - started);
    const files = {
      events: join(dir, 'events.csv'),
      categories: join(dir, 'categories.csv'),
      truth: join(dir, 'truth.csv'),
    };
    writeEventsFile(files.events, world);
    writeFileSync(files.categories, demoCategoriesCsv(world));
    writeFileSync(files.truth, demoTruthCsv(world));

    const events = world.store.day.length;
    const { purchases, clicks } = countActions(world);
    const firstDay = isoFromDay(world.store.minDay);
    const lastDay = isoFromDay(world.store.maxDay);
    if (args.flags.has('json')) {
      printJson({
        users,
        seed,
        events,
        purchases,
        clicks,
        categories: world.categories.length,
        firstDay,
        lastDay,
        asOf,
        files,
        stages: world.stages,
        generateMs,
      });
      return;
    }
    const stageLines = DEMO_STAGES.map((s) => `  ${s.padEnd(20)} ${fmt(world.stages[s])}`);
    process.stdout.write(
      [
        `Demo world: ${fmt(users)} users, seed ${seed}, ${fmt(events)} events (${fmt(purchases)} purchases, ${fmt(clicks)} clicks) from ${firstDay} to ${lastDay}, as of ${asOf}; generated in ${generateMs} ms`,
        'Stages (truth: label 1 = pregnant, pregnant-click-only):',
        ...stageLines,
        `Wrote ${files.events}, ${files.categories} (${world.categories.length} categories), ${files.truth}`,
      ].join('\n') + '\n',
    );
  },
};
