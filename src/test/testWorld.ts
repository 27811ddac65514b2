// A tiny seeded world for the training tests: users with sparse monthly purchases and daily clicks whose label is
// carried by a few signal categories in recent steps. Test support only (the real batches come from src/core/features).

import type { FeatureBatch, SparseSequence } from '../core/features';
import { createRandom } from '../core/random';

export interface TinyWorld {
  width: number;
  months: number;
  days: number;
  labels: Float32Array;
  buildBatch: (users: Int32Array, labels: Float32Array) => FeatureBatch;
}

interface Entry {
  step: number;
  col: number;
  value: number;
}

function drawEntries(
  random: () => number,
  steps: number,
  width: number,
  perStep: number,
  positive: boolean,
): Entry[] {
  const out: Entry[] = [];
  for (let step = 0; step < steps; step++) {
    for (let k = 0; k < perStep; k++)
      if (random() < 0.6) out.push({ step, col: 2 + Math.floor(random() * (width - 2)), value: 1 });
    // the signal: positives touch category 0 in the newer half, negatives category 1
    if (step >= steps / 2 && random() < 0.7)
      out.push({ step, col: positive ? 0 : 1, value: 1 + Math.floor(random() * 3) });
  }
  return out;
}

function toSequence(entries: Entry[][], steps: number, width: number, sumSteps: boolean): SparseSequence {
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  entries.forEach((list, b) => {
    for (const e of list) {
      rows.push(sumSteps ? b : b * steps + e.step);
      cols.push(e.col);
      values.push(Math.log1p(e.value));
    }
  });
  return {
    batchSize: entries.length,
    steps: sumSteps ? 1 : steps,
    width,
    rows: Int32Array.from(rows),
    cols: Int32Array.from(cols),
    values: Float32Array.from(values),
  };
}

export function createTinyWorld(options: {
  users: number;
  width?: number;
  months?: number;
  days?: number;
  seed?: number;
}): TinyWorld {
  const { users, width = 12, months = 4, days = 6, seed = 7 } = options;
  const random = createRandom(seed);
  const labels = Float32Array.from({ length: users }, (_, i) => i % 2);
  const monthly = Array.from({ length: users }, (_, u) =>
    drawEntries(random, months, width, 2, labels[u] === 1),
  );
  const daily = Array.from({ length: users }, (_, u) => drawEntries(random, days, width, 1, labels[u] === 1));
  return {
    width,
    months,
    days,
    labels,
    buildBatch: (ids, batchLabels) => {
      const pick = <T>(all: T[]) => Array.from(ids, (u) => all[u]);
      return {
        users: ids,
        labels: batchLabels,
        yearly: toSequence(pick(monthly), months, width, true),
        monthly: toSequence(pick(monthly), months, width, false),
        daily: toSequence(pick(daily), days, width, false),
      };
    },
  };
}

/** Users 0..n−1 split into a training and a validation part. */
export function splitUsers(world: TinyWorld, validationShare = 0.25) {
  const n = world.labels.length;
  const cut = Math.round(n * (1 - validationShare));
  const users = Int32Array.from({ length: n }, (_, i) => i);
  return {
    train: { users: users.slice(0, cut), labels: world.labels.slice(0, cut) },
    validation: { users: users.slice(cut), labels: world.labels.slice(cut) },
  };
}
