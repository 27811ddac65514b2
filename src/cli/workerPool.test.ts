import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportModelArtifacts } from '../core/bundle';
import type { EventStore } from '../core/events';
import { buildFeatureSpec, createBatchBuilder, specWidth } from '../core/features';
import { DEMO_RULES, ruleCategoryIds } from '../core/labels';
import { buildModel } from '../core/models';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { SCORING_BATCH, allUsers, scoreStore } from '../core/runs';
import { generateDemo } from '../core/synthetic';
import { rangeSize, scoreStoreOnPool, startWorkerPool, type WorkerPool } from './workerPool';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function worstGap(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let u = 0; u < a.length; u++) worst = Math.max(worst, Math.abs(a[u] - b[u]));
  return worst;
}

/** The last user's last event moved 10 days later: the only event on the latest day, which sets the as-of date. */
function withOneLateEvent(store: EventStore): EventStore {
  const day = store.day.slice();
  day[day.length - 1] = store.maxDay + 10;
  return { ...store, day, maxDay: store.maxDay + 10 };
}

async function withPool<T>(
  workers: number,
  artifacts: Awaited<ReturnType<typeof exportModelArtifacts>>,
  score: (pool: WorkerPool) => Promise<T>,
): Promise<T> {
  const pool = await startWorkerPool(workers, { ...artifacts, kind: 'dual', backend: 'cpu' });
  try {
    return await score(pool);
  } finally {
    await pool.close();
  }
}

describe('scoring over worker threads', () => {
  it('gives every user the main thread score on 1 and 2 workers building their own batches, within 1e-6', async () => {
    // 1,500 users: three ranges of 512, 512 and 476 users, so a range off by a user or an offset left unrebased
    // shows. Masked rule categories (matched by name), an "other" column and the default as-of date (the day after
    // the latest event, which only the last range holds) all depend on the whole store, not the range.
    const store = withOneLateEvent(generateDemo({ users: 1500, seed: 8 }).store);
    const spec = buildFeatureSpec(store, {
      topK: 80,
      days: 30,
      maskedCategories: ruleCategoryIds(store, DEMO_RULES),
    });
    expect(rangeSize(store.userIds.length, 2)).toBe(SCORING_BATCH);
    expect(spec.otherBucket && spec.maskedCategories.length > 0 && spec.asOf === 'latest').toBe(true);
    const kind = 'dual';
    const hp = { ...DEFAULT_HYPERPARAMETERS[kind], hidden: 8, projection: 8 };
    const model = buildModel(kind, hp, { width: specWidth(spec), months: spec.months, days: spec.days });
    const expected = await scoreStore({ model, kind, spec, store });
    const artifacts = await exportModelArtifacts(model);
    model.dispose();
    // Neighbouring users' scores must differ by far more than the tolerance, or a shifted range would pass.
    let closeNeighbours = 0;
    for (let u = 1; u < expected.length; u++)
      if (Math.abs(expected[u] - expected[u - 1]) < 1e-4) closeNeighbours++;
    expect(closeNeighbours).toBeLessThan(expected.length * 0.05);

    const one = await withPool(1, artifacts, (pool) => scoreStoreOnPool(pool, store, spec, 1));
    const two = await withPool(2, artifacts, (pool) => scoreStoreOnPool(pool, store, spec, 2));
    expect([one.length, two.length]).toEqual([store.userIds.length, store.userIds.length]);
    expect(worstGap(two, one)).toBeLessThan(1e-6);
    expect(worstGap(one, expected)).toBeLessThan(1e-6);
    expect(worstGap(two, expected)).toBeLessThan(1e-6);
  }, 120_000);

  it('still scores batches built by the caller (the DuckDB path), and a second scoring on the same pool', async () => {
    const { store } = generateDemo({ users: 700, seed: 3 });
    const spec = buildFeatureSpec(store, { topK: 60, days: 20 });
    const kind = 'dual';
    const hp = { ...DEFAULT_HYPERPARAMETERS[kind], hidden: 8, projection: 8 };
    const model = buildModel(kind, hp, { width: specWidth(spec), months: spec.months, days: spec.days });
    const expected = await scoreStore({ model, kind, spec, store });
    const artifacts = await exportModelArtifacts(model);
    model.dispose();
    await withPool(2, artifacts, async (pool) => {
      const builder = createBatchBuilder(store, spec);
      const users = allUsers(store);
      const parts = [users.subarray(0, SCORING_BATCH), users.subarray(SCORING_BATCH)];
      const batched = await Promise.all(parts.map((part) => pool.predict(builder.build(part))));
      const joined = new Float32Array(users.length);
      joined.set(batched[0]);
      joined.set(batched[1], SCORING_BATCH);
      expect(worstGap(joined, expected)).toBeLessThan(1e-6);
      expect(worstGap(await scoreStoreOnPool(pool, store, spec, 2), expected)).toBeLessThan(1e-6);
    });
  }, 120_000);

  it('sends each worker several ranges of whole batches, at most 4 batches long', () => {
    expect(rangeSize(5_000, 2)).toBe(SCORING_BATCH);
    expect(rangeSize(20_000, 2)).toBe(3 * SCORING_BATCH);
    expect(rangeSize(1_000_000, 2)).toBe(4 * SCORING_BATCH);
    expect(rangeSize(0, 1)).toBe(SCORING_BATCH);
  });
});
