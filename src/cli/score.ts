// `score --model DIR FILE... --out scores.csv [--threshold T] [--workers N] [--json]`: scores every user with an
// exported bundle folder or a `train --out` folder, through the same core path as the page. By default the forward
// passes run on one worker thread per core (scoreParallel.ts); `--workers 1` (or a one-core machine) keeps them on
// this thread, with no worker to start.

import { createWriteStream } from 'node:fs';
import { writeScoresCsv } from '../core/bundle';
import { scoreWithBundle } from '../core/runs';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { loadFiles } from './loadFiles';
import { readModelFolder } from './modelFolder';
import { startNodeBackend } from './nodeBackend';
import { describeError } from '../core/errors';
import { engineOf } from './engineOption';
import { workersOf } from './workerPool';

const FLAGS = { values: ['model', 'out', 'threshold', 'backend', 'engine', 'workers'], switches: ['json'] };

async function writeFile(path: string, fill: (write: (chunk: string) => void) => void): Promise<void> {
  const stream = createWriteStream(path);
  fill((chunk) => stream.write(chunk));
  await new Promise<void>((resolve, reject) =>
    stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

export const command: Command = {
  summary: 'Score every user with a trained model',
  usage:
    '--model DIR FILE... --out scores.csv [--threshold 0.5] [--backend wasm|cpu] [--json] ' +
    '[--workers N] [--engine lab|duckdb] | --model DIR --stdin < features.csv',
  async run(argv) {
    if (argv.includes('--stdin')) return (await import('./scoreStdin')).runScoreStdin(argv);
    const args = parseArgs(argv, FLAGS);
    if (engineOf(args) === 'duckdb') return (await import('./scoreDuck')).runScoreOnDuck(argv);
    if (workersOf(args) > 1) return (await import('./scoreParallel')).runScoreParallel(argv);
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file to score');
    const threshold = numberFlag(args, 'threshold', 0.5);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
    const out = requireFlag(args, 'out');
    const bundle = readModelFolder(requireFlag(args, 'model'));
    const backend = await startNodeBackend(stringFlag(args, 'backend'));
    const { store } = await loadFiles(args.positionals);
    let result;
    try {
      result = await scoreWithBundle(bundle, store, { threshold });
    } catch (e) {
      throw new InputError(describeError(e));
    }
    await writeFile(out, (write) => writeScoresCsv(result.columns, write));
    const summary = {
      out,
      users: store.userIds.length,
      tagged: result.tagged,
      threshold,
      workers: 1,
      model: bundle.manifest.run.kind,
      backend: backend.backend,
      fit: {
        ok: result.fit.ok,
        presentShare: result.fit.presentShare,
        missing: result.fit.missingCategories.length,
        message: result.fit.message,
      },
    };
    if (args.flags.has('json')) printJson(summary);
    else
      process.stdout.write(
        `${result.fit.message}\nScored ${summary.users} users, ${summary.tagged} tagged at ${threshold}: ${out}\n`,
      );
  },
};
