import { describe, expect, it } from 'vitest';
import { sliceStoreUsers } from '../events';
import { DEMO_RULES, ruleCategoryIds } from '../labels';
import { generateDemo } from '../synthetic';
import { buildTestStore, type TestEvent } from '../../test/testStores';
import { createBatchBuilder } from './batch';
import { buildFeatureSpec } from './spec';
import type { FeatureBatch } from './types';

function entries(batch: FeatureBatch) {
  return (['yearly', 'monthly', 'daily'] as const).map((input) => ({
    input,
    rows: Array.from(batch[input].rows),
    cols: Array.from(batch[input].cols),
    values: Array.from(batch[input].values),
  }));
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

describe('a store slice for a scoring worker', () => {
  it('rebases the events of a user range and keeps the categories and day range of the whole store', () => {
    const events: TestEvent[] = [
      ['A', 'c1', '2024-06-01', 'purchase', 2],
      ['B', 'c2', '2024-06-02', 'click', 1],
      ['B', 'c1', '2024-06-03', 'purchase', 4],
      ['C', 'c2', '2024-06-20', 'click', 3],
    ];
    const store = buildTestStore(events);
    const slice = sliceStoreUsers(store, 1, 2);
    expect(slice.userIds).toEqual(['B']);
    expect(Array.from(slice.userStart)).toEqual([0, 2]);
    expect(Array.from(slice.count)).toEqual([1, 4]);
    expect(slice.categoryIds).toBe(store.categoryIds);
    expect([slice.minDay, slice.maxDay]).toEqual([store.minDay, store.maxDay]);
    expect(sliceStoreUsers(store, 3, 3).userIds).toEqual([]);
    expect(() => sliceStoreUsers(store, 2, 4)).toThrow(
      "User range [2, 4) is not inside the store's 3 users.",
    );
  });

  it('gives the same feature batches as the whole store, as-of date from the latest event outside the slice', () => {
    // C's event is the latest: a slice of A and B that took its own latest day would move the as-of date.
    const store = buildTestStore([
      ['A', 'c1', '2024-06-29', 'click', 2],
      ['B', 'c2', '2024-06-30', 'click', 1],
      ['C', 'c2', '2024-07-09', 'click', 3],
    ]);
    const spec = buildFeatureSpec(store, { days: 20, transform: 'none' });
    const whole = createBatchBuilder(store, spec).build(range(0, 2));
    const slice = createBatchBuilder(sliceStoreUsers(store, 0, 2), spec).build(range(0, 2));
    expect(entries(slice)).toEqual(entries(whole));
    // As of 10 July, 20 days: 29 June is step 9 of A (row 9), 30 June step 10 of B (row 20 + 10).
    expect(Array.from(whole.daily.rows)).toEqual([9, 30]);
  });

  it('gives the same batches on the demo world with masked rule categories and an "other" column', () => {
    const { store } = generateDemo({ users: 300, seed: 4 });
    const spec = buildFeatureSpec(store, { topK: 40, maskedCategories: ruleCategoryIds(store, DEMO_RULES) });
    expect(spec.otherBucket).toBe(true);
    expect(spec.maskedCategories.length).toBeGreaterThan(0);
    const whole = createBatchBuilder(store, spec).build(range(120, 250));
    const slice = createBatchBuilder(sliceStoreUsers(store, 120, 250), spec).build(range(0, 130));
    expect(whole.monthly.values.length).toBeGreaterThan(1000);
    expect(entries(slice)).toEqual(entries(whole));
  });
});
