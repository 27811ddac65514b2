// Explanation speed at the method's scale (C = 2,000, 18 months, 90 days, hidden 64, projection 64): one user's
// integrated gradients with 32 steps for the dual LSTM (median of 5 after a warm-up), the same through the whole
// layers model on dense inputs (the definition, for comparison), and the population view over 1,000 users.

import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/core/backend/initBackend';
import type { EventStore } from '../src/core/events/types';
import {
  createExplainer,
  explainPopulation,
  integrateGradientsDense,
  logitOfLayersModel,
  type CategoryInfo,
  type ExplainContext,
} from '../src/core/explain';
import type { BatchBuilder } from '../src/core/features';
import type { FeatureBatch, FeatureSpec, SparseSequence } from '../src/core/features/types';
import { buildModel } from '../src/core/models/build';
import { DEFAULT_HYPERPARAMETERS } from '../src/core/models/hyperparameters';
import type { BackendName } from '../src/core/models/types';
import { buildDenseInputs } from '../src/core/training/denseInputs';
import { BENCH_SCALE, createBenchBatch } from './trainCore';

export interface ExplainBenchRow {
  backend: string;
  name: string;
  users: number;
  steps: number;
  seconds: number;
  usersPerSec: number;
}

/** The first `count` users of a batch (rows are b · steps + t, so they are the rows below count · steps). */
function firstUsers(batch: FeatureBatch, count: number): FeatureBatch {
  const take = (seq: SparseSequence): SparseSequence => {
    const keep: number[] = [];
    seq.rows.forEach((r, k) => r < count * seq.steps && keep.push(k));
    return {
      ...seq,
      batchSize: count,
      rows: Int32Array.from(keep, (k) => seq.rows[k]),
      cols: Int32Array.from(keep, (k) => seq.cols[k]),
      values: Float32Array.from(keep, (k) => seq.values[k]),
    };
  };
  return {
    users: batch.users.slice(0, count),
    labels: batch.labels.slice(0, count),
    yearly: take(batch.yearly),
    monthly: take(batch.monthly),
    daily: take(batch.daily),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(run: () => void, repeats: number): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    run();
    times.push((performance.now() - t) / 1000);
  }
  return median(times);
}

/** A stand-in store and builder that hand out bench batches: the population code reads nothing else. */
function benchContext(model: tf.LayersModel, users: number): ExplainContext {
  const batches = Array.from({ length: Math.ceil(users / BENCH_SCALE.batch) }, (_, i) =>
    createBenchBatch(100 + i),
  );
  const builder = {
    width: BENCH_SCALE.width,
    asOfDay: 20_000,
    build: (ids: Int32Array) => {
      const b = Math.floor(ids[0] / BENCH_SCALE.batch);
      const from = ids[0] - b * BENCH_SCALE.batch;
      const all = firstUsers(batches[b], from + ids.length);
      return from === 0 ? all : dropFirst(all, from);
    },
  } as unknown as BatchBuilder;
  const categories: CategoryInfo[] = Array.from({ length: BENCH_SCALE.width }, (_, c) => ({
    id: String(c),
    name: `category ${c}`,
    rule: c < 4,
    masked: false,
  }));
  return {
    explainer: createExplainer(model, 'dual'),
    builder,
    spec: {} as FeatureSpec,
    store: {} as EventStore,
    categories,
  };
}

function dropFirst(batch: FeatureBatch, from: number): FeatureBatch {
  const shift = (seq: SparseSequence): SparseSequence => {
    const keep: number[] = [];
    seq.rows.forEach((r, k) => r >= from * seq.steps && keep.push(k));
    return {
      ...seq,
      batchSize: seq.batchSize - from,
      rows: Int32Array.from(keep, (k) => seq.rows[k] - from * seq.steps),
      cols: Int32Array.from(keep, (k) => seq.cols[k]),
      values: Float32Array.from(keep, (k) => seq.values[k]),
    };
  };
  return {
    users: batch.users.slice(from),
    labels: batch.labels.slice(from),
    yearly: shift(batch.yearly),
    monthly: shift(batch.monthly),
    daily: shift(batch.daily),
  };
}

export async function runExplainBench(options: {
  backends: BackendName[];
  wasmPaths: string;
  populationUsers: number;
  dense: boolean;
  log: (line: string) => void;
}): Promise<ExplainBenchRow[]> {
  const rows: ExplainBenchRow[] = [];
  const { width, months, days, hidden, projection } = BENCH_SCALE;
  for (const backend of options.backends) {
    const info = await initBackend(backend, { wasmPaths: options.wasmPaths });
    const hp = { ...DEFAULT_HYPERPARAMETERS.dual, hidden, fcUnits: hidden, projection };
    const model = buildModel('dual', hp, { width, months, days });
    const one = firstUsers(createBenchBatch(1), 1);
    const explainer = createExplainer(model, 'dual');
    const row = (name: string, users: number, seconds: number) => {
      rows.push({ backend: info.backend, name, users, steps: 32, seconds, usersPerSec: users / seconds });
      options.log(`explain ${info.backend} ${name}: ${seconds.toFixed(3)} s`);
    };
    row(
      'dual, one user',
      1,
      timeIt(() => explainer.explain(one, 32), 5),
    );
    if (options.dense) {
      const inputs = buildDenseInputs('dual', one).map((x) => tf.squeeze(x, [0]));
      const logit = logitOfLayersModel(model);
      row(
        'dual, one user, dense reference',
        1,
        timeIt(() => integrateGradientsDense(logit, inputs, 32), 2),
      );
      tf.dispose(inputs);
    }
    const context = benchContext(model, options.populationUsers);
    const users = Int32Array.from({ length: options.populationUsers }, (_, i) => i);
    const started = performance.now();
    const population = await explainPopulation(context, { users, steps: 32 });
    row(`dual, population of ${population.users}`, population.users, (performance.now() - started) / 1000);
    model.dispose();
  }
  return rows;
}

export function formatExplainBench(rows: readonly ExplainBenchRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows
    .map((r) =>
      [
        r.backend.padEnd(6),
        r.name.padEnd(width),
        `${r.steps} steps`.padStart(9),
        `${r.seconds.toFixed(3)} s`.padStart(10),
        `${r.usersPerSec.toFixed(1)} users/s`.padStart(16),
      ].join('  '),
    )
    .join('\n');
}
