// `features FILE... --model DIR --out F.csv [--as-of YYYY-MM-DD] [--json]`: writes a saved model's inputs as sparse
// rows `user_id,kind,period,category,count` from the lab's engine: what `sql features` computes in a warehouse, so
// the two can be diffed and `score --stdin` can read either.

import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFeatureRowsCsv } from '../core/features';
import type { FeatureSpec } from '../core/features';
import { UsageError, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { engineOf } from './engineOption';
import { loadFiles } from './loadFiles';
import { readManifestFromFolder } from './modelFolder';

const FLAGS = { values: ['model', 'out', 'as-of', 'engine'], switches: ['json'] };

export const command: Command = {
  summary: "Write a saved model's inputs as sparse rows (the lab's engine, or DuckDB)",
  usage: 'FILE... --model DIR --out F.csv [--as-of YYYY-MM-DD] [--engine lab|duckdb] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError('Give at least one events file');
    const out = requireFlag(args, 'out');
    const engine = engineOf(args);
    if (!out.endsWith('.csv') && !(engine === 'duckdb' && out.endsWith('.parquet')))
      throw new UsageError('--out must name a .csv file (or .parquet with --engine duckdb)');
    const asOf = stringFlag(args, 'as-of');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new UsageError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
    const spec = readManifestFromFolder(requireFlag(args, 'model')).featureSpec;
    const summary =
      engine === 'duckdb'
        ? await featuresOnDuck(args.positionals, spec, out, asOf)
        : await featuresOnLab(args.positionals, spec, out, asOf);
    if (args.flags.has('json')) printJson(summary);
    else process.stdout.write(`Wrote ${summary.rows} feature rows for ${summary.users} users: ${out}\n`);
  },
};

interface FeaturesSummary {
  out: string;
  users: number;
  rows: number;
}

async function featuresOnLab(
  paths: string[],
  spec: FeatureSpec,
  out: string,
  asOf: string | undefined,
): Promise<FeaturesSummary> {
  const { store } = await loadFiles(paths);
  // Synchronous writes of ~64 KB chunks: memory stays at one chunk however many rows there are.
  const fd = openSync(out, 'w');
  let rows: number;
  try {
    rows = writeFeatureRowsCsv(store, spec, (chunk) => void writeSync(fd, chunk), { asOf });
  } finally {
    closeSync(fd);
  }
  return { out, users: store.userIds.length, rows };
}

/** The same rows from the generated SQL on embedded DuckDB, written by DuckDB's own CSV or Parquet writer. */
async function featuresOnDuck(
  paths: string[],
  spec: FeatureSpec,
  out: string,
  asOf: string | undefined,
): Promise<FeaturesSummary> {
  const { openDuckEngine, writeFeaturesOnDuck, countUsersOnDuck } = await import('./duckdb/engine');
  const engine = await openDuckEngine(paths);
  try {
    const rows = await writeFeaturesOnDuck(engine, spec, out, asOf);
    return { out, users: await countUsersOnDuck(engine), rows };
  } finally {
    engine.close();
  }
}
