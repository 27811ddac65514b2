// Builds model inputs for a batch of users straight from the sparse store: yearly purchase totals, monthly purchase
// counts and daily click counts as COO entries. Memory is bounded by the batch; scratch buffers live in the builder.

import { ACTION_CODE, type EventStore } from '../events/types';
import { resolveCategoryNames } from '../labels/categories';
import { dayFromIso, defaultAsOfDay, monthBoundaries, subtractMonths } from '../time';
import { SequenceAccumulator } from './accumulator';
import { specWidth } from './spec';
import type { FeatureBatch, FeatureSpec } from './types';

/** Doctored inputs for evaluation: erase all purchases, all clicks, or some categories (names or ids). */
export interface DoctorOptions {
  erasePurchases?: boolean;
  eraseClicks?: boolean;
  eraseCategories?: string[];
}

export interface BatchBuilder {
  readonly spec: FeatureSpec;
  /** feature width of every sequence */
  readonly width: number;
  readonly asOfDay: number;
  /** vocabulary ids absent from this store (their inputs stay zero) */
  readonly missingCategories: string[];
  /** store category index → feature column, or −1 when it feeds nothing (masked, erased, or outside the vocabulary) */
  readonly columnOfCategory: Int32Array;
  build(users: Int32Array, labels?: Float32Array): FeatureBatch;
}

/** Day windows of the three inputs, all ending the day before as-of. */
interface Windows {
  asOfDay: number;
  yearStart: number;
  monthStart: number;
  dayStart: number;
  earliest: number;
  /** (day − monthStart) → month step t (0 = oldest) */
  monthStepOfDay: Int32Array;
}

export function createBatchBuilder(
  store: EventStore,
  spec: FeatureSpec,
  doctor: DoctorOptions = {},
): BatchBuilder {
  const width = specWidth(spec);
  const { columnOfCategory, missingCategories } = mapColumns(store, spec, doctor.eraseCategories ?? []);
  const asOfDay = spec.asOf === 'latest' ? defaultAsOfDay(store.maxDay) : dayFromIso(spec.asOf);
  const windows = buildWindows(asOfDay, spec.months, spec.days);
  const yearly = new SequenceAccumulator(1, width, spec.transform);
  const monthly = new SequenceAccumulator(spec.months, width, spec.transform);
  const daily = new SequenceAccumulator(spec.days, width, spec.transform);
  const keepPurchases = !doctor.erasePurchases;
  const keepClicks = !doctor.eraseClicks;
  const { userStart, day, category, action, count } = store;

  function addUser(u: number): void {
    const end = userStart[u + 1];
    const { yearStart, monthStart, dayStart, monthStepOfDay } = windows;
    for (let i = firstEventFrom(day, userStart[u], end, windows.earliest); i < end; i++) {
      const d = day[i];
      if (d >= asOfDay) break;
      const col = columnOfCategory[category[i]];
      if (col < 0) continue;
      const v = count[i];
      if (action[i] === ACTION_CODE.purchase) {
        if (!keepPurchases) continue;
        if (d >= yearStart) yearly.add(col, v);
        if (d >= monthStart) monthly.add(monthStepOfDay[d - monthStart] * width + col, v);
      } else if (keepClicks && d >= dayStart) daily.add((d - dayStart) * width + col, v);
    }
  }

  function build(users: Int32Array, labels?: Float32Array): FeatureBatch {
    if (labels && labels.length !== users.length)
      throw new Error(`labels (${labels.length}) must match users (${users.length}).`);
    for (let b = 0; b < users.length; b++) {
      const u = users[b];
      if (!(u >= 0 && u < store.userIds.length)) throw new Error(`User index ${u} is not in the store.`);
      addUser(u);
      yearly.flushUser(b);
      monthly.flushUser(b);
      daily.flushUser(b);
    }
    const n = users.length;
    return {
      users: users.slice(),
      yearly: yearly.finish(n),
      monthly: monthly.finish(n),
      daily: daily.finish(n),
      labels: labels ? labels.slice() : new Float32Array(n),
    };
  }

  return { spec, width, asOfDay, missingCategories, columnOfCategory, build };
}

function mapColumns(store: EventStore, spec: FeatureSpec, erased: readonly string[]) {
  const width = specWidth(spec);
  const columnOfCategory = new Int32Array(store.categoryIds.length).fill(spec.otherBucket ? width - 1 : -1);
  const indexOfId = new Map<string, number>();
  store.categoryIds.forEach((id, c) => indexOfId.set(id, c));
  const missingCategories: string[] = [];
  spec.vocabulary.forEach((id, col) => {
    const c = indexOfId.get(id);
    if (c === undefined) missingCategories.push(id);
    else columnOfCategory[c] = col;
  });
  // Masked categories feed nothing, not even the "other" column: the model must not see them at all.
  for (const c of resolveCategoryNames(store, [...spec.maskedCategories, ...erased]).indices)
    columnOfCategory[c] = -1;
  return { columnOfCategory, missingCategories };
}

function buildWindows(asOfDay: number, months: number, days: number): Windows {
  const bounds = monthBoundaries(asOfDay, months);
  const monthStart = bounds[months];
  const monthStepOfDay = new Int32Array(Math.max(0, asOfDay - monthStart));
  for (let i = 0; i < months; i++)
    for (let d = bounds[i + 1]; d < bounds[i]; d++) monthStepOfDay[d - monthStart] = months - 1 - i;
  const yearStart = subtractMonths(asOfDay, 12);
  const dayStart = asOfDay - days;
  return {
    asOfDay,
    yearStart,
    monthStart,
    dayStart,
    earliest: Math.min(yearStart, monthStart, dayStart),
    monthStepOfDay,
  };
}

/** First index in [start, end) whose day is ≥ from (days are sorted within a user). */
function firstEventFrom(day: Int32Array, start: number, end: number, from: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (day[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
