// Training throughput at the method's scale (C = 2,000, M = 18, D = 90, hidden 64, batch 64, realistic sparsity):
// stock layers on dense inputs against the fast sparse path, side by side in one process, per backend.

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch, SparseSequence } from '../src/core/features/types';
import { DEFAULT_HYPERPARAMETERS } from '../src/core/models/defaults';
import { buildModel } from '../src/core/models/build';
import type { BackendName, Hyperparameters, ModelKind } from '../src/core/models/types';
import { createRandom } from '../src/core/random';
import { TRAINERS, type TrainingImpl } from '../src/core/training/trainers';
import { initBackend } from '../src/core/backend/initBackend';

export interface TrainBenchRow {
  model: ModelKind;
  backend: BackendName;
  impl: TrainingImpl;
  samplesPerSec: number;
  ratioToStock: number | null;
  secondsPerEpoch10k: number;
  /** max of JS heap + external memory (ArrayBuffers, the WASM heap) seen during the row, MB */
  peakMemoryMB: number;
  batchesTimed: number;
}

export interface TrainBenchOptions {
  backends?: BackendName[];
  models?: ModelKind[];
  wasmPaths?: string;
  fastBatches?: number;
  stockBatches?: number;
  /** skip stock rows whose single batch would take minutes (dual on cpu) */
  skipSlowStock?: boolean;
  log?: (line: string) => void;
}

export const BENCH_SCALE = { width: 2000, months: 18, days: 90, batch: 64, hidden: 64, projection: 64 };

/** A few purchases per user-month, tens of clicks per user over 90 days, a little more for positives. */
function drawSequence(
  random: () => number,
  batch: number,
  steps: number,
  width: number,
  perStep: number,
): SparseSequence {
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < batch * steps; r++) {
    const n = Math.floor(random() * 2 * perStep + 0.5);
    for (let k = 0; k < n; k++) {
      rows.push(r);
      cols.push(Math.floor(random() ** 2 * width));
      values.push(Math.log1p(1 + Math.floor(random() * 3)));
    }
  }
  return {
    batchSize: batch,
    steps,
    width,
    rows: Int32Array.from(rows),
    cols: Int32Array.from(cols),
    values: Float32Array.from(values),
  };
}

export function createBenchBatch(seed: number): FeatureBatch {
  const random = createRandom(seed);
  const { width, months, days, batch } = BENCH_SCALE;
  return {
    users: Int32Array.from({ length: batch }, (_, i) => i),
    labels: Float32Array.from({ length: batch }, () => (random() < 0.5 ? 1 : 0)),
    yearly: drawSequence(random, batch, 1, width, 30),
    monthly: drawSequence(random, batch, months, width, 3),
    daily: drawSequence(random, batch, days, width, 0.45),
  };
}

function memoryMB(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

async function measure(
  kind: ModelKind,
  impl: TrainingImpl,
  batches: number,
): Promise<{ samplesPerSec: number; peakMemoryMB: number }> {
  const hp: Hyperparameters = {
    ...DEFAULT_HYPERPARAMETERS[kind],
    hidden: BENCH_SCALE.hidden,
    fcUnits: BENCH_SCALE.hidden,
    batchSize: BENCH_SCALE.batch,
    projection: impl === 'fast' ? BENCH_SCALE.projection : 0,
  };
  const model = buildModel(kind, hp, BENCH_SCALE);
  const trainer = TRAINERS[impl](model, kind, hp);
  let peak = memoryMB();
  try {
    await trainer.trainBatch(createBenchBatch(1)); // warm-up: kernel set-up, optimizer slots, WASM heap growth
    const tensorsBefore = tf.memory().numTensors;
    let ms = 0;
    for (let i = 0; i < batches; i++) {
      const batch = createBenchBatch(2 + i);
      const t0 = performance.now();
      await trainer.trainBatch(batch);
      ms += performance.now() - t0;
      peak = Math.max(peak, memoryMB());
    }
    if (tf.memory().numTensors !== tensorsBefore)
      throw new Error(`${kind}/${impl} leaked ${tf.memory().numTensors - tensorsBefore} tensors`);
    return { samplesPerSec: (batches * BENCH_SCALE.batch) / (ms / 1000), peakMemoryMB: peak };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

export async function runTrainBench(options: TrainBenchOptions = {}): Promise<TrainBenchRow[]> {
  const {
    backends = ['wasm', 'cpu'],
    models = ['shallow', 'lstm', 'dual'],
    fastBatches = 8,
    stockBatches = 2,
    skipSlowStock = true,
    log = () => {},
  } = options;
  const rows: TrainBenchRow[] = [];
  for (const backend of backends) {
    const info = await initBackend(backend, { wasmPaths: options.wasmPaths });
    if (info.backend !== backend) {
      log(`skipping ${backend}: ${info.message}`);
      continue;
    }
    // fast rows first: the WASM heap never shrinks, so a stock row would inflate every later peak
    for (const impl of (stockBatches > 0 ? ['fast', 'stock'] : ['fast']) as TrainingImpl[]) {
      for (const model of models) {
        if (impl === 'stock' && skipSlowStock && backend === 'cpu' && model === 'dual') continue;
        const batches = impl === 'fast' ? fastBatches : stockBatches;
        const m = await measure(model, impl, batches);
        const row: TrainBenchRow = {
          model,
          backend,
          impl,
          samplesPerSec: m.samplesPerSec,
          ratioToStock: null,
          secondsPerEpoch10k: 10000 / m.samplesPerSec,
          peakMemoryMB: m.peakMemoryMB,
          batchesTimed: batches,
        };
        rows.push(row);
        log(
          `${backend} ${model} ${impl}: ${m.samplesPerSec.toFixed(1)} samples/s, peak ${m.peakMemoryMB.toFixed(0)} MB`,
        );
      }
    }
  }
  for (const row of rows) {
    const stock = rows.find((r) => r.backend === row.backend && r.model === row.model && r.impl === 'stock');
    row.ratioToStock = stock ? row.samplesPerSec / stock.samplesPerSec : null;
  }
  return rows;
}
