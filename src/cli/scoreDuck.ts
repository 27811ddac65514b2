// `score --engine duckdb --model DIR FILE... --out scores.csv [--workers N]`: the same scores file as `score`, with
// the events read and aggregated by embedded DuckDB (out of core) and the forward passes on N worker threads
// (default: every core; the main thread only streams rows out of DuckDB into batches).

import { createWriteStream } from 'node:fs';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag } from './args';
import { readModelFolder } from './modelFolder';
import { hasSingleThreadedGc } from './scoringGc';
import { startWorkerPool, workersOf } from './workerPool';

const FLAGS = { values: ['model', 'out', 'threshold', 'backend', 'workers', 'engine'], switches: ['json'] };

export async function runScoreOnDuck(argv: string[]): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  if (args.positionals.length === 0) throw new UsageError('Give at least one events file to score');
  const workers = workersOf(args);
  const threshold = numberFlag(args, 'threshold', 0.5);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
  const out = requireFlag(args, 'out');
  const bundle = readModelFolder(requireFlag(args, 'model'));
  const { openDuckEngine } = await import('./duckdb/engine');
  const { scoreOnDuck } = await import('./duckdb/scoreOnDuck');
  const engine = await openDuckEngine(args.positionals);
  const started = performance.now();
  const pool = await startWorkerPool(workers, {
    modelJson: bundle.modelJson,
    weights: bundle.weights,
    kind: bundle.manifest.run.kind,
    backend: args.flags.get('backend') as string | undefined,
  });
  const stream = createWriteStream(out);
  let summary;
  try {
    summary = await scoreOnDuck({
      engine,
      spec: bundle.manifest.featureSpec,
      rules: bundle.manifest.rules,
      pool,
      workers,
      threshold,
      out: stream,
    });
  } catch (e) {
    throw new InputError(`Scoring on DuckDB failed: ${(e as Error).message}`);
  } finally {
    await pool.close();
    engine.close();
    await new Promise<void>((resolve, reject) =>
      stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const gc = hasSingleThreadedGc() ? 'single-threaded' : 'concurrent';
  const result = { out, ...summary, threshold, workers, engine: 'duckdb', gc, seconds };
  if (args.flags.has('json')) printJson(result);
  else
    process.stdout.write(
      `Scored ${summary.users} users on DuckDB and ${workers} workers in ${seconds.toFixed(1)} s, ` +
        `${summary.tagged} tagged at ${threshold}: ${out}\n`,
    );
}
