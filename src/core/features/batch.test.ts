import { describe, expect, it } from 'vitest';
import { ruleCategoryIds } from '../labels/categories';
import { DEMO_RULES } from '../labels/parseRules';
import { buildTestStore, userIndex, type TestEvent } from '../../test/testStores';
import { createBatchBuilder } from './batch';
import { densify } from './densify';
import { buildFeatureSpec } from './spec';

const NAMES = { c1: 'maternity care', c2: 'books', c3: 'cosmetics' };

// As of 2024-07-01, M = 3 months, D = 5 days. Month buckets: t0 = April, t1 = May, t2 = June; days t0 = 26 June … t4 = 30 June.
const EVENTS: TestEvent[] = [
  ['A', 'c1', '2024-06-30', 'purchase', 2],
  ['A', 'c1', '2024-06-01', 'purchase', 1], // first day of the newest bucket
  ['A', 'c2', '2024-05-31', 'purchase', 3], // last day of the middle bucket
  ['A', 'c2', '2024-04-01', 'purchase', 1], // first day of the oldest bucket
  ['A', 'c2', '2024-03-31', 'purchase', 5], // before the month window, inside the year
  ['A', 'c3', '2023-07-01', 'purchase', 1], // exactly 12 months back: inside the year
  ['A', 'c3', '2023-06-30', 'purchase', 1], // outside the year
  ['A', 'c1', '2024-07-01', 'purchase', 7], // as-of day: outside everything
  ['A', 'c1', '2024-06-30', 'click', 2],
  ['A', 'c3', '2024-06-26', 'click', 1],
  ['A', 'c3', '2024-06-26', 'click', 2], // same cell: summed
  ['A', 'c3', '2024-06-25', 'click', 4], // before the day window
  ['B', 'c2', '2024-06-28', 'click', 1],
];

function setup(options: Parameters<typeof buildFeatureSpec>[1] = {}) {
  const store = buildTestStore(EVENTS, NAMES);
  const spec = buildFeatureSpec(store, {
    months: 3,
    days: 5,
    transform: 'none',
    asOf: '2024-07-01',
    ...options,
  });
  const builder = createBatchBuilder(store, spec);
  // B first, so batch rows follow the order given, not store order
  const users = Int32Array.from([userIndex(store, 'B'), userIndex(store, 'A')]);
  return { store, spec, builder, batch: builder.build(users, Float32Array.from([0, 1])) };
}

describe('feature batches of a hand-made dataset', () => {
  it('sums yearly purchases over the 12 months before as-of', () => {
    const { batch } = setup();
    expect(Array.from(densify(batch.yearly))).toEqual([0, 0, 0, 3, 9, 1]);
    expect(batch.yearly).toMatchObject({ batchSize: 2, steps: 1, width: 3 });
  });

  it('puts monthly purchases in calendar-month buckets, oldest step first', () => {
    const { batch } = setup();
    // prettier-ignore
    expect(Array.from(densify(batch.monthly))).toEqual([
      0, 0, 0,  0, 0, 0,  0, 0, 0, // B
      0, 1, 0,  0, 3, 0,  3, 0, 0, // A: April, May, June
    ]);
  });

  it('puts daily clicks in day steps, the day before as-of last', () => {
    const { batch } = setup();
    // prettier-ignore
    expect(Array.from(densify(batch.daily))).toEqual([
      0, 0, 0,  0, 0, 0,  0, 1, 0,  0, 0, 0,  0, 0, 0, // B: 28 June
      0, 0, 3,  0, 0, 0,  0, 0, 0,  0, 0, 0,  2, 0, 0, // A: 26 and 30 June
    ]);
  });

  it('emits one entry per cell, sorted by row then column, and keeps users and labels', () => {
    const { batch, store } = setup();
    expect(Array.from(batch.yearly.rows)).toEqual([1, 1, 1]);
    expect(Array.from(batch.yearly.cols)).toEqual([0, 1, 2]);
    expect(Array.from(batch.monthly.rows)).toEqual([3, 4, 5]);
    expect(Array.from(batch.daily.rows)).toEqual([2, 5, 9]);
    expect(Array.from(batch.daily.cols)).toEqual([1, 2, 0]);
    expect(Array.from(batch.users)).toEqual([userIndex(store, 'B'), userIndex(store, 'A')]);
    expect(Array.from(batch.labels)).toEqual([0, 1]);
  });

  it('applies log1p to the summed counts', () => {
    const { batch } = setup({ transform: 'log1p' });
    expect(Array.from(batch.yearly.values)).toEqual([3, 9, 1].map((v) => Math.fround(Math.log1p(v))));
  });

  it('gives the same batch when built twice with the same builder', () => {
    const { builder, batch } = setup();
    const again = builder.build(batch.users, batch.labels);
    expect(Array.from(densify(again.daily))).toEqual(Array.from(densify(batch.daily)));
    expect(Array.from(again.monthly.values)).toEqual(Array.from(batch.monthly.values));
  });
});

describe('the leakage guard', () => {
  it('zeroes exactly the rule categories in every input and leaves the rest unchanged', () => {
    const plain = setup();
    const masked = ruleCategoryIds(plain.store, DEMO_RULES);
    expect(masked).toEqual(['c1', 'c3']);
    const guarded = setup({ maskedCategories: masked });
    expect(guarded.spec.maskedCategories).toEqual(['c1', 'c3']);
    for (const input of ['yearly', 'monthly', 'daily'] as const) {
      const before = densify(plain.batch[input]);
      const after = densify(guarded.batch[input]);
      for (let i = 0; i < before.length; i++) expect(after[i]).toBe(i % 3 === 1 ? before[i] : 0);
      expect(Array.from(guarded.batch[input].cols).every((c) => c === 1)).toBe(true);
    }
  });
});

describe('vocabulary', () => {
  const counts: TestEvent[] = [
    ...Array.from({ length: 5 }, (): TestEvent => ['u', 'c1', '2024-06-01', 'purchase']),
    ...Array.from({ length: 3 }, (): TestEvent => ['u', 'c3', '2024-06-01', 'purchase']),
    ...Array.from({ length: 3 }, (): TestEvent => ['u', 'c2', '2024-06-01', 'purchase']),
    ['u', 'c4', '2024-06-01', 'purchase', 10],
  ];

  it('keeps every category when they fit under topK', () => {
    const spec = buildFeatureSpec(buildTestStore(counts), { topK: 4 });
    expect(spec).toMatchObject({
      vocabulary: ['c1', 'c3', 'c2', 'c4'],
      otherBucket: false,
      months: 18,
      days: 90,
    });
  });

  it('keeps the top K by events (ties by id) and sends the rest to the other column', () => {
    const store = buildTestStore(counts);
    const spec = buildFeatureSpec(store, { topK: 2, asOf: '2024-07-01' });
    expect(spec.vocabulary).toEqual(['c1', 'c2']);
    expect(spec.otherBucket).toBe(true);
    const builder = createBatchBuilder(store, { ...spec, transform: 'none' });
    expect(builder.width).toBe(3);
    expect(Array.from(densify(builder.build(Int32Array.from([0])).yearly))).toEqual([5, 3, 13]);
    const guarded = createBatchBuilder(store, { ...spec, transform: 'none', maskedCategories: ['c3'] });
    expect(Array.from(densify(guarded.build(Int32Array.from([0])).yearly))).toEqual([5, 3, 10]);
  });

  it('reports vocabulary categories missing from new data and leaves their inputs at zero', () => {
    const spec = buildFeatureSpec(buildTestStore(counts), { topK: 2, asOf: '2024-07-01', transform: 'none' });
    const other = buildTestStore([
      ['v', 'c2', '2024-06-10', 'purchase', 2],
      ['v', 'c9', '2024-06-10', 'purchase', 4],
    ]);
    const builder = createBatchBuilder(other, spec);
    expect(builder.missingCategories).toEqual(['c1']);
    expect(Array.from(densify(builder.build(Int32Array.from([0])).yearly))).toEqual([0, 2, 4]);
  });

  it('refuses nonsense options with a message naming the option', () => {
    const store = buildTestStore(counts);
    expect(() => buildFeatureSpec(store, { months: 0 })).toThrow('months must be a whole number, at least 1');
    expect(() => buildFeatureSpec(store, { asOf: 'soon' })).toThrow('Not a date');
  });
});
