// The environment-free half of the training benchmark (no Node, no DOM): bench batches at the method's scale and
// the timed loop. Shared by bench/trainBench.ts (Node) and bench/browser/trainWorker.ts (a Chromium Web Worker).

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch, SparseSequence } from '../src/core/features';
import { DEFAULT_HYPERPARAMETERS, buildModel } from '../src/core/models';
import type { Hyperparameters, ModelKind } from '../src/core/models';
import { createRandom } from '../src/core/random';
import {
  TRAINERS,
  createParallelTrainerFactory,
  type ReplicaLink,
  type TrainingImpl,
} from '../src/core/training';

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

export interface Measurement {
  samplesPerSec: number;
  /** peak tensor bytes of one training step (tf.profile) plus the largest JS heap seen, MB */
  peakMemoryMB: number;
  /** peak tensor bytes of one step alone, MB */
  peakTensorMB: number;
}

const MB = 2 ** 20;
const FAST_WARMUP_STEPS = 4;

/**
 * Times `batches` training steps (rate from the median step) after warm-up steps and one profiled step. jsHeapMB (0 where the environment hides it) is
 * sampled after every step; the step's transient tensor peak comes from tf.profile, not from the heap, because the
 * WASM heap never shrinks and would carry one row's peak into the next.
 */
export async function measureTraining(
  kind: ModelKind,
  impl: TrainingImpl,
  batches: number,
  jsHeapMB: () => number,
  /** links to the replicas of workers 2..N (data-parallel, fast path only); none = one worker */
  links: ReplicaLink[] = [],
): Promise<Measurement> {
  const hp: Hyperparameters = {
    ...DEFAULT_HYPERPARAMETERS[kind],
    hidden: BENCH_SCALE.hidden,
    fcUnits: BENCH_SCALE.hidden,
    batchSize: BENCH_SCALE.batch,
    projection: impl === 'fast' ? BENCH_SCALE.projection : 0,
  };
  const model = buildModel(kind, hp, BENCH_SCALE);
  const trainer =
    links.length > 0
      ? createParallelTrainerFactory({ links, dims: BENCH_SCALE })(model, kind, hp)
      : TRAINERS[impl](model, kind, hp);
  let heap = jsHeapMB();
  try {
    // warm-up: kernel set-up, optimizer slots, heap growth, replicas. The fast path gets a few steps: a replica's
    // thread starts cold (its WASM and JS compile while it trains) and takes several steps to reach the speed the
    // rest of a run has, while this thread is already warm from earlier rows; stock steps are too slow to repeat
    const warmups = impl === 'fast' ? FAST_WARMUP_STEPS : 1;
    for (let i = 0; i < warmups; i++) await trainer.trainBatch(createBenchBatch(1000 + i));
    const profile = await tf.profile(async () => {
      await trainer.trainBatch(createBenchBatch(2));
    });
    const tensorsBefore = tf.memory().numTensors;
    const times: number[] = [];
    for (let i = 0; i < batches; i++) {
      const batch = createBenchBatch(3 + i);
      const t0 = performance.now();
      await trainer.trainBatch(batch);
      times.push(performance.now() - t0);
      heap = Math.max(heap, jsHeapMB());
    }
    // the median batch: a machine shared with other work stalls single batches, and one stall would skew a mean
    const ms = times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
    if (tf.memory().numTensors !== tensorsBefore)
      throw new Error(`${kind}/${impl} leaked ${tf.memory().numTensors - tensorsBefore} tensors`);
    const peakTensorMB = profile.peakBytes / MB;
    return {
      samplesPerSec: BENCH_SCALE.batch / (ms / 1000),
      peakMemoryMB: heap + peakTensorMB,
      peakTensorMB,
    };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}
