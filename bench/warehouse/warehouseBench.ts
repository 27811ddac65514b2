// The warehouse figures (issue 15): scoring throughput with one thread and with every core, with each run's peak
// memory, and the streaming scorer's memory as the input grows (it should stay flat). Every run is a child process,
// so its peak RSS is its own; feature rows for the stream are generated on the fly into the child's stdin (no
// multi-GB files). The model is a shallow one trained here on a small demo by the CLI's own `train`.

import { mkdtempSync, rmSync, writeFileSync, closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_RULES } from '../../src/core/labels';
import { demoCategoriesCsv, generateDemo, writeDemoEventsCsv } from '../../src/core/synthetic';
import { readManifestFromFolder } from '../../src/cli/modelFolder';
import type { FeatureSpec } from '../../src/core/features';
import { SINGLE_THREADED_GC } from '../../src/cli/scoringGc';
import { spawnWatched } from './childMemory';
import type { ScoreChildResult } from './scoreChild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const MAIN = here('../../src/cli/main.ts');
const SCORE_CHILD = here('./scoreChild.ts');
const tsxNode = (script: string, args: string[]) => ['--import', 'tsx', script, ...args];

export interface WarehouseScoreRow {
  part: 'score';
  model: string;
  users: number;
  events: number;
  workers: number;
  usersPerSec: number;
  speedup: number;
  scoringSeconds: number;
  startSeconds: number;
  peakRssMB: number | null;
  peakHeapMB: number;
}

export interface WarehouseStreamRow {
  part: 'stream';
  model: string;
  users: number;
  rows: number;
  seconds: number;
  usersPerSec: number;
  peakRssMB: number | null;
  /** RSS after each quarter of the input was written */
  rssByQuarterMB: number[];
}

/** Trains a small shallow model with `train` (as a user would) and returns its folder. */
function trainModel(folder: string, log: (line: string) => void): Promise<string> {
  const world = generateDemo({ users: 3000, seed: 5, months: 6 });
  const events = join(folder, 'events.csv');
  const fd = openSync(events, 'w');
  try {
    writeDemoEventsCsv(world, (c) => void writeSync(fd, c));
  } finally {
    closeSync(fd);
  }
  writeFileSync(join(folder, 'categories.csv'), demoCategoriesCsv(world));
  writeFileSync(join(folder, 'rules.json'), JSON.stringify(DEMO_RULES));
  const modelDir = join(folder, 'model');
  const args = [events, join(folder, 'categories.csv'), '--rules', join(folder, 'rules.json')];
  args.push('--model', 'shallow', '--epochs', '2', '--backend', 'wasm', '--out', modelDir, '--json');
  log('warehouse: training the shallow model (3,000 demo users)');
  const run = spawnWatched(process.execPath, tsxNode(MAIN, ['train', ...args]), {
    stdin: 'ignore',
    collectStdout: false,
  });
  return run.done.then(({ code, stderr }) => {
    if (code !== 0) throw new Error(`train failed (${code}): ${stderr}`);
    return modelDir;
  });
}

async function scoreRun(
  modelDir: string,
  users: number,
  workers: number,
): Promise<ScoreChildResult & { peakRssMB: number | null }> {
  const run = spawnWatched(
    process.execPath,
    // as `score` runs: on worker threads with --single-threaded-gc (src/cli/scoringGc.ts), one worker on this thread
    [
      ...(workers > 1 ? [SINGLE_THREADED_GC] : []),
      ...tsxNode(SCORE_CHILD, [modelDir, String(users), String(workers)]),
    ],
    {
      stdin: 'ignore',
      collectStdout: true,
    },
  );
  const { code, stdout, stderr, memory } = await run.done;
  if (code !== 0) throw new Error(`scoring child failed (${code}): ${stderr}`);
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as ScoreChildResult;
  return { ...result, peakRssMB: memory.peakRssMB };
}

/** Seeded feature rows for one user: a few purchase months and click days over the model's vocabulary. */
function userRows(spec: FeatureSpec, u: number, next: () => number): string {
  const id = `u${u}`;
  const v = spec.vocabulary;
  const start = Math.floor(next() * v.length);
  let out = '';
  for (let k = 0; k < 3; k++)
    out += `${id},purchase,${Math.floor(next() * spec.months)},${v[(start + 7 * k) % v.length]},1\n`;
  for (let k = 0; k < 8; k++)
    out += `${id},click,${Math.floor(next() * spec.days)},${v[(start + 3 * k) % v.length]},${1 + (k % 3)}\n`;
  return out;
}

const ROWS_PER_USER = 11;

async function streamRun(modelDir: string, users: number): Promise<WarehouseStreamRow> {
  const spec = readManifestFromFolder(modelDir).featureSpec;
  const run = spawnWatched(process.execPath, tsxNode(MAIN, ['score', '--model', modelDir, '--stdin']), {
    stdin: 'pipe',
    collectStdout: false,
  });
  const stdin = run.child.stdin!;
  let seed = 0x9e3779b9;
  const next = () => {
    // mulberry32: cheap and seeded, so every run streams the same rows
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const started = performance.now();
  const quarter = users / 4;
  let nextMark = quarter;
  for (let u = 0; u < users;) {
    let chunk = '';
    const end = Math.min(users, u + 1000);
    for (; u < end; u++) chunk += userRows(spec, u, next);
    // Back-pressure: wait while the child's pipe is full, so neither side buffers the whole input.
    if (!stdin.write(chunk)) await new Promise((resolve) => stdin.once('drain', resolve));
    if (u >= nextMark - 0.5) {
      run.mark();
      nextMark += quarter;
    }
  }
  stdin.end();
  const { code, stderr, memory } = await run.done;
  if (code !== 0) throw new Error(`score --stdin failed (${code}): ${stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const scored = /Scored (\d+) users/.exec(stderr);
  if (!scored || Number(scored[1]) !== users)
    throw new Error(`score --stdin scored ${scored?.[1]} of ${users}: ${stderr}`);
  return {
    part: 'stream',
    model: 'shallow',
    users,
    rows: users * ROWS_PER_USER,
    seconds,
    usersPerSec: users / seconds,
    peakRssMB: memory.peakRssMB,
    rssByQuarterMB: memory.marks,
  };
}

export async function runWarehouseBench(options: {
  scoreUsers: number;
  streamUsers: number[];
  workers?: number[];
  log: (line: string) => void;
}): Promise<{ score: WarehouseScoreRow[]; stream: WarehouseStreamRow[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'tag-lab-warehouse-'));
  try {
    const modelDir = await trainModel(folder, options.log);
    const score: WarehouseScoreRow[] = [];
    for (const workers of options.workers ?? [1, availableParallelism()]) {
      options.log(
        `warehouse: scoring ${options.scoreUsers.toLocaleString('en-US')} users on ${workers} worker(s)`,
      );
      const r = await scoreRun(modelDir, options.scoreUsers, workers);
      const usersPerSec = r.users / r.scoringSeconds;
      score.push({
        part: 'score',
        model: 'shallow',
        users: r.users,
        events: r.events,
        workers,
        usersPerSec,
        speedup: score.length ? usersPerSec / score[0].usersPerSec : 1,
        scoringSeconds: r.scoringSeconds,
        startSeconds: r.startSeconds,
        peakRssMB: r.peakRssMB,
        peakHeapMB: r.peakHeapMB,
      });
      options.log(`warehouse: ${Math.round(usersPerSec)} users/s, peak RSS ${r.peakRssMB?.toFixed(0)} MB`);
    }
    const stream: WarehouseStreamRow[] = [];
    for (const users of options.streamUsers) {
      options.log(`warehouse: streaming ${users.toLocaleString('en-US')} users into score --stdin`);
      stream.push(await streamRun(modelDir, users));
      options.log(`warehouse: peak RSS ${stream.at(-1)!.peakRssMB?.toFixed(0)} MB`);
    }
    return { score, stream };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const mb = (v: number | null) => (v == null ? '–' : v.toFixed(0));

export function formatWarehouseScore(rows: readonly WarehouseScoreRow[]): string {
  const head =
    'model     users        events        workers   users/s   × 1 worker   start s   peak RSS MB   heap+ext MB';
  const lines = rows.map((r) =>
    [
      r.model.padEnd(8),
      r.users.toLocaleString('en-US').padStart(10),
      r.events.toLocaleString('en-US').padStart(12),
      `${r.workers === 1 ? '1 (main)' : r.workers}`.padStart(9),
      r.usersPerSec.toFixed(0).padStart(8),
      r.speedup.toFixed(2).padStart(11),
      r.startSeconds.toFixed(1).padStart(8),
      mb(r.peakRssMB).padStart(12),
      r.peakHeapMB.toFixed(0).padStart(12),
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}

export function formatWarehouseStream(rows: readonly WarehouseStreamRow[]): string {
  const head = 'model     users        feature rows   seconds   users/s   peak RSS MB   RSS by quarter MB';
  const lines = rows.map((r) =>
    [
      r.model.padEnd(8),
      r.users.toLocaleString('en-US').padStart(10),
      r.rows.toLocaleString('en-US').padStart(13),
      r.seconds.toFixed(1).padStart(8),
      r.usersPerSec.toFixed(0).padStart(8),
      mb(r.peakRssMB).padStart(12),
      `  ${r.rssByQuarterMB.map((m) => m.toFixed(0)).join(' / ')}`,
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}
