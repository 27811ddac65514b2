// One scoring run of the warehouse bench, in its own process so its peak memory is its own: generates the demo
// world in memory (no files), then scores every user with the saved model as `score` does: `--workers 1` on this
// thread, N on a worker pool (median of three scorings). Prints one JSON line; the parent reads the peak RSS from /proc while it runs.
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

/** Scoring takes seconds against minutes of generating the world: three runs, the median, so a burst of load from
 * other work on a shared machine moves the figure less. */
const REPEATS = 3;

async function median(run: () => Promise<Float32Array>): Promise<{ scores: Float32Array; seconds: number }> {
  const times: number[] = [];
  let scores: Float32Array = new Float32Array(0);
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    scores = await run();
    times.push((performance.now() - started) / 1000);
  }
  return { scores, seconds: times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)] };
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
  let scored: { scores: Float32Array; seconds: number };
  if (workers === 1) {
    await startNodeBackend('wasm');
    const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
    startSeconds = (performance.now() - started) / 1000;
    scored = await median(() =>
      scoreStore({ model, kind: bundle.manifest.run.kind, spec, store: world.store }),
    );
    model.dispose();
  } else {
    const pool = await startWorkerPool(workers, {
      modelJson: bundle.modelJson,
      weights: bundle.weights,
      kind: bundle.manifest.run.kind,
      backend: 'wasm',
    });
    startSeconds = (performance.now() - started) / 1000;
    try {
      scored = await median(() => scoreStoreOnPool(pool, world.store, spec, workers));
    } finally {
      await pool.close();
    }
  }
  lookAtHeap();
  const { scores, seconds: scoringSeconds } = scored;
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
