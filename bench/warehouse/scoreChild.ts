// One scoring run of the warehouse bench, in its own process so its peak memory is its own: generates the demo
// world in memory (no files), then scores every user with the saved model as `score` does: `--workers 1` on this
// thread, N on a worker pool. Prints one JSON line; the parent reads the peak RSS from /proc while it runs.
// Usage: node --import tsx bench/warehouse/scoreChild.ts MODEL_DIR USERS WORKERS

import { loadModelFromArtifacts } from '../../src/core/bundle';
import { scoreStore } from '../../src/core/runs';
import { generateDemo } from '../../src/core/synthetic';
import { readModelFolder } from '../../src/cli/modelFolder';
import { startNodeBackend } from '../../src/cli/nodeBackend';
import { scoreStoreOnPool, startWorkerPool } from '../../src/cli/workerPool';

export interface ScoreChildResult {
  users: number;
  events: number;
  workers: number;
  generateSeconds: number;
  startSeconds: number;
  scoringSeconds: number;
  /** largest V8 heap + external (typed arrays: the event store) seen at the phase ends, main thread */
  peakHeapMB: number;
}

async function main(): Promise<void> {
  const [modelDir, usersText, workersText] = process.argv.slice(2);
  const users = Number(usersText);
  const workers = Number(workersText);
  let peakHeap = 0;
  const lookAtHeap = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  };
  const bundle = readModelFolder(modelDir);
  const spec = bundle.manifest.featureSpec;
  let started = performance.now();
  // Six months of history (≈ 70 events a user), as the earlier warehouse figures: the store stays in memory.
  const world = generateDemo({ users, seed: 11, months: 6 });
  const generateSeconds = (performance.now() - started) / 1000;
  lookAtHeap();
  started = performance.now();
  let startSeconds: number;
  let scores: Float32Array;
  if (workers === 1) {
    await startNodeBackend('wasm');
    const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
    startSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    scores = await scoreStore({ model, kind: bundle.manifest.run.kind, spec, store: world.store });
    model.dispose();
  } else {
    const pool = await startWorkerPool(workers, {
      modelJson: bundle.modelJson,
      weights: bundle.weights,
      kind: bundle.manifest.run.kind,
      backend: 'wasm',
    });
    startSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    try {
      scores = await scoreStoreOnPool(pool, world.store, spec, workers);
    } finally {
      await pool.close();
    }
  }
  const scoringSeconds = (performance.now() - started) / 1000;
  lookAtHeap();
  if (scores.length !== users) throw new Error(`scored ${scores.length} of ${users} users`);
  const result: ScoreChildResult = {
    users,
    events: world.store.day.length,
    workers,
    generateSeconds,
    startSeconds,
    scoringSeconds,
    peakHeapMB: peakHeap / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
