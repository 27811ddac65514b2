// `features FILE... --model DIR --out F.csv [--as-of YYYY-MM-DD] [--json]`: writes a saved model's inputs as sparse
// rows `user_id,kind,period,category,count` from the lab's engine: what `sql features` computes in a warehouse, so
// the two can be diffed and `score --stdin` can read either.

import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFeatureRowsCsv } from '../core/features';
import { UsageError, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { loadFiles } from './loadFiles';
import { readManifestFromFolder } from './modelFolder';

const FLAGS = { values: ['model', 'out', 'as-of'], switches: ['json'] };

export const command: Command = {
  summary: "Write a saved model's inputs as sparse rows (the lab's engine)",
  usage: 'FILE... --model DIR --out F.csv [--as-of YYYY-MM-DD] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError('Give at least one events file');
    const out = requireFlag(args, 'out');
    if (!out.endsWith('.csv')) throw new UsageError('--out must name a .csv file');
    const asOf = stringFlag(args, 'as-of');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new UsageError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
    const spec = readManifestFromFolder(requireFlag(args, 'model')).featureSpec;
    const { store } = await loadFiles(args.positionals);
    // Synchronous writes of ~64 KB chunks: memory stays at one chunk however many rows there are.
    const fd = openSync(out, 'w');
    let rows: number;
    try {
      rows = writeFeatureRowsCsv(store, spec, (chunk) => void writeSync(fd, chunk), { asOf });
    } finally {
      closeSync(fd);
    }
    const summary = { out, users: store.userIds.length, rows };
    if (args.flags.has('json')) printJson(summary);
    else process.stdout.write(`Wrote ${rows} feature rows for ${summary.users} users: ${out}\n`);
  },
};
