// `npx tsx bench/trainProfile.ts [--backend wasm|cpu] [--steps N]`: where one fast dual-LSTM training step at the
// method's scale spends its time, per kernel (tf.profile), and what sharding a batch costs before any parallelism
// (two half-batch shards computed one after the other in this thread, against the whole batch).

import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { resolveWasmDir } from '../src/cli/nodeBackend';
import { initBackend } from '../src/core/backend';
import { DEFAULT_HYPERPARAMETERS, buildModel, type Hyperparameters } from '../src/core/models';
import {
  TRAINERS,
  createInProcessLink,
  createParallelTrainerFactory,
  type Trainer,
} from '../src/core/training';
import { BENCH_SCALE, createBenchBatch } from './trainCore';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'wasm' }, steps: { type: 'string', default: '4' } },
});
const steps = Number(values.steps);

const hp: Hyperparameters = {
  ...DEFAULT_HYPERPARAMETERS.dual,
  hidden: BENCH_SCALE.hidden,
  fcUnits: BENCH_SCALE.hidden,
  batchSize: BENCH_SCALE.batch,
  projection: BENCH_SCALE.projection,
};

async function medianStepMs(trainer: Trainer): Promise<number> {
  await trainer.trainBatch(createBenchBatch(1));
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const batch = createBenchBatch(10 + i);
    const t0 = performance.now();
    await trainer.trainBatch(batch);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
}

async function main() {
  await initBackend(values.backend as 'wasm' | 'cpu', { wasmPaths: resolveWasmDir() });
  const model = buildModel('dual', hp, BENCH_SCALE);
  const trainer = TRAINERS.fast(model, 'dual', hp);
  const whole = await medianStepMs(trainer);
  const profile = await tf.profile(async () => {
    await trainer.trainBatch(createBenchBatch(99));
  });
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const ms = await k.kernelTimeMs;
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += typeof ms === 'number' ? ms : 0;
    entry.calls++;
    byKernel.set(k.name, entry);
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  process.stdout.write(
    `dual fast step, ${values.backend}: median ${whole.toFixed(1)} ms over ${steps} steps\n`,
  );
  process.stdout.write(`kernels: ${profile.kernels.length} calls, ${total.toFixed(1)} ms inside kernels\n`);
  for (const [name, e] of rows.slice(0, 15))
    process.stdout.write(
      `${name.padEnd(28)} ${e.ms.toFixed(1).padStart(8)} ms ${String(e.calls).padStart(6)} calls ${((100 * e.ms) / total).toFixed(1).padStart(6)} %\n`,
    );
  trainer.dispose();
  model.dispose();
  // N shards one after the other in this thread: each costs total/N, which is what a step on N idle cores would
  // take (plus messaging); the recurrence's per-step kernel overhead does not shrink with the shard
  for (const n of [2, 4, 8]) {
    const sharded = buildModel('dual', hp, BENCH_SCALE);
    const links = Array.from({ length: n - 1 }, () => createInProcessLink());
    const trainer = createParallelTrainerFactory({ links, dims: BENCH_SCALE })(sharded, 'dual', hp);
    const ms = await medianStepMs(trainer);
    process.stdout.write(
      `${n} shards in one thread: ${ms.toFixed(1)} ms a step, ${(ms / whole).toFixed(2)}× the whole batch ` +
        `(projected speed-up on ${n} idle cores ≈ ${((n * whole) / ms).toFixed(2)}×)\n`,
    );
    trainer.dispose();
    sharded.dispose();
  }
}

void main();
