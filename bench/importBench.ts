// Import throughput: our importDataset against papaparse's bare parse of the same ~100 MB event CSV, in Node and
// in headless Chromium, the same events as typed Parquet, plus the store's memory scaled to 10 million events. Run alone: npx tsx bench/importBench.ts

import { createWriteStream, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { importDataset } from '../src/core/events';
import { sourceFromPath } from '../src/cli/nodeSource';
import { isoFromDay, dayFromIso } from '../src/core/time';
import { createRandom } from '../src/core/random';
import type { EventStore } from '../src/core/events';
import { runChromiumImportPair } from './browser/chromiumImport';
import { writeParquetCopy } from './parquetCopy';

export interface ImportBenchRow {
  name: string;
  environment: 'node' | 'chromium';
  megabytes: number;
  seconds: number;
  mbPerSec: number;
  /** throughput relative to papaparse's bare parse in the same environment and run */
  ratioToBare: number;
  /** process CPU time of the best run (Node): the load of a shared machine moves it less than the clock */
  cpuSeconds?: number;
  /** measured bytes the store holds after this import (typed arrays + dictionaries) */
  storeBytes?: number;
  events?: number;
  /** storeBytes scaled to 10 million events */
  storeBytesPer10MEvents?: number;
}

const MB = 1024 * 1024;
const ACTIONS = ['click', 'click', 'click', 'click', 'click', 'click', 'purchase', 'view', 'pv', 'buy'];

/** Writes a synthetic event CSV of about `megabytes` (tag-lab layout, ISO date-times) and returns its size. */
export async function writeSyntheticEvents(path: string, megabytes: number, seed = 1): Promise<number> {
  const random = createRandom(seed);
  const out = createWriteStream(path);
  const firstDay = dayFromIso('2023-01-01');
  const days = Array.from({ length: 540 }, (_, d) => isoFromDay(firstDay + d));
  out.write('user_id,category,time,action,count\n');
  let written = 0;
  while (written < megabytes * MB) {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const user = Math.floor(random() * 200_000);
      const category = Math.floor(random() * 2000);
      const secs = Math.floor(random() * 86_400);
      const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
      const mm = String(Math.floor(secs / 60) % 60).padStart(2, '0');
      const ss = String(secs % 60).padStart(2, '0');
      const day = days[Math.floor(random() * days.length)];
      const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
      const count = action === 'purchase' || action === 'buy' ? 1 + Math.floor(random() * 3) : 1;
      lines.push(`u${user},c${category},${day}T${hh}:${mm}:${ss}Z,${action},${count}`);
    }
    const block = lines.join('\n') + '\n';
    written += block.length;
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return statSync(path).size;
}

/** papaparse's own streaming parse of the file with no per-row work: the ceiling for any CSV import. */
function bareParseNode(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(path, { highWaterMark: MB }), {
      delimiter: ',',
      chunk: (r: Papa.ParseResult<unknown>) => {
        rows += r.data.length;
      },
      complete: () => resolve(rows),
      error: (e: Error) => reject(e),
    });
  });
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function retainedBytes(gc: () => void): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function typedArrayBytes(store: EventStore): number {
  return [store.userStart, store.category, store.day, store.action, store.count].reduce(
    (n, a) => n + a.byteLength,
    0,
  );
}

async function timeIt<T>(work: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await work();
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, value };
}

/**
 * papaparse's bare parse, our CSV import and our import of the same events as Parquet, taken in turn on every
 * repeat so the three meet the same load; each keeps its best time.
 */
async function runNodeImports(
  path: string,
  parquetPath: string,
  megabytes: number,
  repeats: number,
): Promise<ImportBenchRow[]> {
  const gc = collectGarbage();
  let bare = Infinity;
  let ours = Infinity;
  let parquet = Infinity;
  let oursCpu = Infinity;
  let parquetCpu = Infinity;
  let storeBytes = 0;
  let events = 0;
  let parquetEvents = 0;
  let arrays = 0;
  for (let i = 0; i < repeats; i++) {
    bare = Math.min(bare, (await timeIt(() => bareParseNode(path))).seconds);
    const before = retainedBytes(gc);
    const run = await timeIt(() => importDataset([{ source: sourceFromPath(path) }]));
    ours = Math.min(ours, run.seconds);
    oursCpu = Math.min(oursCpu, run.cpuSeconds);
    storeBytes = retainedBytes(gc) - before;
    const store = run.value.dataset?.store;
    if (!store) throw new Error('The benchmark file did not import');
    events = store.category.length;
    arrays = typedArrayBytes(store);
    const fromParquet = await timeIt(() => importDataset([{ source: sourceFromPath(parquetPath) }]));
    parquet = Math.min(parquet, fromParquet.seconds);
    parquetCpu = Math.min(parquetCpu, fromParquet.cpuSeconds);
    parquetEvents = fromParquet.value.dataset?.store.category.length ?? 0;
  }
  if (parquetEvents !== events)
    throw new Error(`The Parquet copy imported ${parquetEvents} events, the CSV ${events}`);
  process.stdout.write(
    `node store: ${events} events, typed arrays ${(arrays / MB).toFixed(1)} MB, measured ${(storeBytes / MB).toFixed(1)} MB\n`,
  );
  return [
    row('papaparse bare parse', 'node', megabytes, bare, bare),
    {
      ...row('importDataset', 'node', megabytes, ours, bare),
      cpuSeconds: round3(oursCpu),
      storeBytes,
      events,
      storeBytesPer10MEvents: Math.round((storeBytes / events) * 1e7),
    },
    // megabytes: the CSV's, so MB/s and × bare compare the same events
    {
      ...row('importDataset parquet', 'node', megabytes, parquet, bare),
      cpuSeconds: round3(parquetCpu),
      events,
    },
  ];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function row(
  name: string,
  environment: ImportBenchRow['environment'],
  megabytes: number,
  seconds: number,
  bareSeconds: number,
): ImportBenchRow {
  return {
    name,
    environment,
    megabytes: Math.round(megabytes * 10) / 10,
    seconds: Math.round(seconds * 1000) / 1000,
    mbPerSec: Math.round((megabytes / seconds) * 10) / 10,
    ratioToBare: Math.round((bareSeconds / seconds) * 100) / 100,
  };
}

export async function runImportBench(options: {
  megabytes: number;
  repeats?: number;
  browser?: boolean;
}): Promise<ImportBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'taglab-import-bench-'));
  try {
    const path = join(dir, 'events.csv');
    const size = await writeSyntheticEvents(path, options.megabytes);
    const megabytes = size / MB;
    const repeats = options.repeats ?? 2;
    const parquetPath = join(dir, 'events.parquet');
    await writeParquetCopy(path, parquetPath);
    const node = await runNodeImports(path, parquetPath, megabytes, repeats);
    const chromium = options.browser === false ? [] : await runChromiumImportPair(path, megabytes, repeats);
    return [...node, ...chromium];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatImportBench(rows: readonly ImportBenchRow[]): string {
  const head =
    'environment  name                    MB      seconds  CPU s   MB/s    × bare  store/10M events';
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(12),
      r.name.padEnd(22),
      r.megabytes.toFixed(1).padStart(6),
      r.seconds.toFixed(2).padStart(8),
      (r.cpuSeconds === undefined ? '' : r.cpuSeconds.toFixed(2)).padStart(6),
      r.mbPerSec.toFixed(1).padStart(7),
      r.ratioToBare.toFixed(2).padStart(7),
      r.storeBytesPer10MEvents ? `${(r.storeBytesPer10MEvents / MB).toFixed(0)} MB`.padStart(10) : '',
    ].join('  '),
  );
  const csv = rows.find((r) => r.environment === 'node' && r.name === 'importDataset');
  const parquet = rows.find((r) => r.environment === 'node' && r.name === 'importDataset parquet');
  const byCpu =
    csv?.cpuSeconds && parquet?.cpuSeconds
      ? `, ${(csv.cpuSeconds / parquet.cpuSeconds).toFixed(2)} by CPU time`
      : '';
  const versus =
    csv && parquet
      ? [
          `node Parquet import speed / CSV import speed: ${(csv.seconds / parquet.seconds).toFixed(2)} by the clock${byCpu}` +
            ' (Parquet: DuckDB COPY defaults)',
        ]
      : [];
  return [head, ...lines, ...versus].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const megabytes = Number(process.argv[2] ?? 100);
  runImportBench({ megabytes }).then(
    (rows) => process.stdout.write(`${formatImportBench(rows)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
