// `npm run bench [-- --json] [-- --quick]`: training throughput (stock vs fast, per backend), import throughput
// beside bare papaparse, rule evaluation speed, explanation speed (integrated gradients), scoring by worker threads,
// a sweep's runs as jobs on 1 and 2 worker threads (--only sweepjobs), labelling through SQL on DuckDB, the
// warehouse figures (scoring by threads at scale, streaming memory), the page's main-thread long tasks while the
// dual LSTM trains, and the page's scoring of every user on 1 and 2 workers. Prints tables; with --json, one JSON
// array on the last line. `--only warehouse` runs the warehouse figures at full size (1 M users scored, 1 M and 4 M
// streamed); in a plain or --quick run they use 50,000 users.

import { formatLongTaskRows, runLongTaskBench } from './browser/longtaskBench';
import { formatPageScoreRows, runPageScoreBench } from './browser/pageScoreBench';
import { formatExplainBench, runExplainBench } from './explainBench';
import { parseArgs } from 'node:util';
import { formatImportBench, runImportBench } from './importBench';
import { runRulesBench } from './rulesBench';
import { formatScoreBench } from './scoreBench';
import { runScoreBenchInChild } from './scoreBenchChild';
import { formatSqlBench, runSqlBench } from './sqlBench';
import { runNodeTrainBenchInChild } from './trainBenchChild';
import { formatSweepJobsBench, runSweepJobsBench } from './sweepJobsBench';
import { runTrainBench, type TrainBenchRow } from './trainBench';
import { formatWarehouseScore, formatWarehouseStream, runWarehouseBench } from './warehouse/warehouseBench';
import type { BackendName } from '../src/core/models';
import { resolveWasmDir } from '../src/cli/nodeBackend';

interface BenchArgs {
  json: boolean;
  quick: boolean;
  noBrowser: boolean;
  only: Set<string> | null;
  backends: BackendName[];
}

/** Strict: an unknown option or a missing value stops the bench with node's own message. */
function readBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      only: { type: 'string' },
      backends: { type: 'string', default: 'wasm,cpu' },
    },
  });
  return {
    json: values.json,
    quick: values.quick,
    noBrowser: values['no-browser'],
    only: values.only ? new Set(values.only.split(',')) : null,
    backends: values.backends.split(',') as BackendName[],
  };
}

/** One aligned line per rules row; the name column is as wide as the longest name. */
function formatRulesRows(
  rows: readonly {
    environment: string;
    name: string;
    users: number;
    events: number;
    seconds: number;
    usersPerSec: number;
  }[],
): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows
    .map((r) =>
      [
        r.environment.padEnd(15),
        r.name.padEnd(width),
        `${r.users.toLocaleString('en-US')} users`.padStart(16),
        `${r.events.toLocaleString('en-US')} events`.padStart(18),
        `${r.seconds.toFixed(3)} s`.padStart(9),
        `${Math.round(r.usersPerSec).toLocaleString('en-US')} users/s`.padStart(18),
      ].join('  '),
    )
    .join('\n');
}

function formatTrainBench(rows: readonly TrainBenchRow[]): string {
  const head =
    'environment      model    backend  impl    workers  threads   samples/s   × stock   × 1 worker   s/epoch@10k   peak MB';
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(15),
      r.model.padEnd(8),
      r.backend.padEnd(7),
      r.impl.padEnd(6),
      String(r.workers).padStart(7),
      String(r.wasmThreads).padStart(7),
      r.samplesPerSec.toFixed(1).padStart(10),
      (r.ratioToStock == null ? '–' : r.ratioToStock.toFixed(1)).padStart(8),
      (r.ratioToOneWorker == null ? '–' : r.ratioToOneWorker.toFixed(2)).padStart(11),
      r.secondsPerEpoch10k.toFixed(1).padStart(12),
      r.peakMemoryMB.toFixed(0).padStart(8),
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}

async function main(): Promise<void> {
  const args = readBenchArgs(process.argv.slice(2));
  const wants = (name: string) => !args.only || args.only.has(name);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const all: Record<string, unknown>[] = [];
  if (wants('train')) {
    const sizes = { fastBatches: args.quick ? 3 : 12, stockBatches: args.quick ? 1 : 2 };
    // Node rows in a child with --single-threaded-gc, as `train --workers N` runs; the Chromium rows from here
    const rows = [
      ...(await runNodeTrainBenchInChild({ backends: args.backends, wasmPaths: resolveWasmDir(), ...sizes })),
      ...(args.noBrowser ? [] : await runTrainBench({ backends: [], browser: true, ...sizes, log })),
    ];
    process.stdout.write(
      `\nTraining (C = 2000, M = 18, D = 90, hidden 64, batch 64)\n${formatTrainBench(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'train', ...r })));
  }
  if (wants('import')) {
    const rows = await runImportBench({ megabytes: args.quick ? 10 : 100, browser: !args.noBrowser });
    process.stdout.write(`\nImport\n${formatImportBench(rows)}\n`);
    all.push(...rows.map((r) => ({ bench: 'import', ...r })));
  }
  if (wants('rules')) {
    const rows = await runRulesBench({
      users: args.quick ? 10_000 : 1_000_000,
      browser: !args.noBrowser,
      log,
    });
    process.stdout.write(`\nRules\n${formatRulesRows(rows)}\n`);
    all.push(...rows.map((r) => ({ bench: 'rules', ...r })));
  }
  if (wants('explain')) {
    const rows = await runExplainBench({
      backends: args.backends,
      wasmPaths: resolveWasmDir(),
      populationUsers: args.quick ? 128 : 1000,
      dense: !args.quick,
      log,
    });
    process.stdout.write(
      `\nExplanations (dual LSTM, C = 2000, M = 18, D = 90, hidden 64)\n${formatExplainBench(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'explain', ...r })));
  }
  if (wants('score')) {
    const rows = await runScoreBenchInChild(args.quick ? 5_000 : 100_000);
    process.stdout.write(
      `\nScoring by worker threads (dual LSTM, WASM, demo world, --single-threaded-gc as score runs)\n` +
        `${formatScoreBench(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'score', ...r })));
  }
  if (wants('sweepjobs')) {
    const rows = await runSweepJobsBench({
      users: args.quick ? 2_000 : 10_000,
      epochs: args.quick ? 2 : 5,
      log,
    });
    process.stdout.write(
      `\nSweep runs as jobs on worker threads (LSTM, WASM, 4 points: hidden 16/32 × dropout 0/0.2, 2 repeats)\n${formatSweepJobsBench(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'sweepjobs', ...r })));
  }
  if (wants('sql')) {
    const rows = await runSqlBench({ users: args.quick ? 4_000 : 40_000, log });
    process.stdout.write(
      `\nLabelling: generated SQL on DuckDB (query only) against the lab's engine\n${formatSqlBench(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'sql', ...r })));
  }
  if (wants('warehouse')) {
    // The full sizes take tens of minutes: only when asked for by name, and never with --quick.
    const full = !args.quick && args.only?.has('warehouse') === true;
    const { score, stream } = await runWarehouseBench({
      scoreUsers: full ? 1_000_000 : 50_000,
      streamUsers: full ? [1_000_000, 4_000_000] : [50_000, 200_000],
      log,
    });
    process.stdout.write(
      `\nWarehouse: scoring by threads (shallow model, WASM, demo world with 6 months, each run its own process)\n` +
        `${formatWarehouseScore(score)}\n` +
        `\nWarehouse: score --stdin memory as the input grows (11 feature rows a user, generated into stdin)\n` +
        `${formatWarehouseStream(stream)}\n`,
    );
    all.push(...[...score, ...stream].map((r) => ({ bench: 'warehouse', ...r })));
  }
  if (wants('longtask') && !args.noBrowser) {
    const rows = await runLongTaskBench({
      runs: args.quick ? 1 : 3,
      watchMs: args.quick ? 8_000 : 20_000,
      log,
    });
    process.stdout.write(
      `\nMain-thread long tasks while the dual LSTM trains on WASM (Workers 1 and 2)\n${formatLongTaskRows(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'longtask', ...r })));
  }
  if (wants('pagescore') && !args.noBrowser) {
    const rows = await runPageScoreBench({ rounds: args.quick ? 1 : 3, log });
    process.stdout.write(
      `\nScoring every user on the page (Export screen, dual LSTM, WASM, demo dataset), 1 and 2 workers\n${formatPageScoreRows(rows)}\n`,
    );
    all.push(...rows.map((r) => ({ bench: 'pagescore', ...r })));
  }
  if (args.json) process.stdout.write(`${JSON.stringify(all)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
