// `score --model DIR FILE... --out scores.csv [--workers N]` (default N: every core): the same scores as the
// one-thread path, with the user ranges sharded over N worker threads (each its own backend, building its own feature
// batches); main.ts starts it with --single-threaded-gc (scoringGc.ts).

import { createWriteStream } from 'node:fs';
import { checkSpecFits, tagScores, writeScoresCsv } from '../core/bundle';
import { evaluateRules } from '../core/labels';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag } from './args';
import { loadFiles } from './loadFiles';
import { readModelFolder } from './modelFolder';
import { hasSingleThreadedGc } from './scoringGc';
import { scoreStoreOnPool, startWorkerPool, workersOf } from './workerPool';

const FLAGS = { values: ['model', 'out', 'threshold', 'backend', 'workers', 'engine'], switches: ['json'] };

export async function runScoreParallel(argv: string[]): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file to score');
  const workers = workersOf(args);
  const threshold = numberFlag(args, 'threshold', 0.5);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
  const out = requireFlag(args, 'out');
  const backend = (args.flags.get('backend') as string | undefined) ?? 'wasm';
  // Checked here: inside a worker a wrong name would surface as a failed worker start, not as a usage error.
  if (backend !== 'wasm' && backend !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu in Node (WebGL needs a browser), got "${backend}"`);
  const bundle = readModelFolder(requireFlag(args, 'model'));
  const spec = bundle.manifest.featureSpec;
  const { store } = await loadFiles(args.positionals);
  const fit = checkSpecFits(spec, store);
  if (!fit.ok) throw new InputError(fit.message);
  const started = performance.now();
  const pool = await startWorkerPool(workers, {
    modelJson: bundle.modelJson,
    weights: bundle.weights,
    kind: bundle.manifest.run.kind,
    backend,
  });
  let scores: Float32Array;
  const scoring = performance.now();
  try {
    scores = await scoreStoreOnPool(pool, store, spec, workers);
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - scoring) / 1000;
  const tags = tagScores(scores, threshold);
  const labels = evaluateRules(store, bundle.manifest.rules).labels;
  const stream = createWriteStream(out);
  writeScoresCsv({ userIds: store.userIds, scores, tags, labels }, (chunk) => stream.write(chunk));
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const tagged = tags.reduce((a, t) => a + t, 0);
  const users = store.userIds.length;
  const summary = {
    out,
    users,
    tagged,
    threshold,
    workers,
    model: bundle.manifest.run.kind,
    backend,
    fit: {
      ok: fit.ok,
      presentShare: fit.presentShare,
      missing: fit.missingCategories.length,
      message: fit.message,
    },
    gc: hasSingleThreadedGc() ? 'single-threaded' : 'concurrent',
    startSeconds: (scoring - started) / 1000,
    scoringSeconds: seconds,
    usersPerSecond: users / seconds,
  };
  if (args.flags.has('json')) printJson(summary);
  else
    process.stdout.write(
      `${fit.message}\nScored ${users} users on ${workers} workers in ${seconds.toFixed(1)} s ` +
        `(${Math.round(summary.usersPerSecond)} users/s), ${tagged} tagged at ${threshold}: ${out}\n`,
    );
}
