// The model inputs as sparse rows `user_id,kind,period,category,count` from the lab's own engine (the batch builder
// with raw counts), the same rows `sql features` computes in a warehouse, so the two can be diffed and the streaming
// scorer can read either. Period 0 is the most recent month (purchases) or day (clicks).

import type { EventStore } from '../events/types';
import { createBatchBuilder } from './batch';
import type { FeatureSpec, SparseSequence } from './types';

export const FEATURE_ROWS_HEADER = 'user_id,kind,period,category,count';
/** The category of every non-vocabulary column when the spec has an "other" bucket. */
export const OTHER_CATEGORY = '__other__';

export type FeatureKind = 'purchase' | 'click';

export interface FeatureRow {
  userId: string;
  kind: FeatureKind;
  period: number;
  category: string;
  count: number;
}

/** Purchase periods in the rows: the spec's months, at least 12 (the shallow model's yearly total sums them). */
export function purchasePeriods(spec: FeatureSpec): number {
  return Math.max(spec.months, 12);
}

const BATCH_USERS = 512;

/** Every user's rows in store order, each user's rows by kind, period, category; `asOf` overrides the spec's. */
export function forEachFeatureRow(
  store: EventStore,
  spec: FeatureSpec,
  visit: (row: FeatureRow) => void,
  options: { asOf?: string } = {},
): void {
  const raw: FeatureSpec = {
    ...spec,
    transform: 'none',
    months: purchasePeriods(spec),
    asOf: options.asOf ?? spec.asOf,
  };
  const builder = createBatchBuilder(store, raw);
  const categoryOfColumn = [...spec.vocabulary, ...(spec.otherBucket ? [OTHER_CATEGORY] : [])];
  const users = Int32Array.from({ length: store.userIds.length }, (_, i) => i);
  for (let start = 0; start < users.length; start += BATCH_USERS) {
    const part = users.subarray(start, Math.min(users.length, start + BATCH_USERS));
    const batch = builder.build(part);
    const perUser: FeatureRow[][] = Array.from({ length: part.length }, () => []);
    const collect = (seq: SparseSequence, kind: FeatureKind): void => {
      for (let k = 0; k < seq.values.length; k++) {
        const b = (seq.rows[k] / seq.steps) | 0;
        const t = seq.rows[k] - b * seq.steps;
        perUser[b].push({
          userId: store.userIds[part[b]],
          kind,
          period: seq.steps - 1 - t,
          category: categoryOfColumn[seq.cols[k]],
          count: seq.values[k],
        });
      }
    };
    collect(batch.daily, 'click');
    collect(batch.monthly, 'purchase');
    for (const rows of perUser) rows.sort(compareRows).forEach(visit);
  }
}

function compareRows(a: FeatureRow, b: FeatureRow): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.period !== b.period) return a.period - b.period;
  return a.category < b.category ? -1 : a.category > b.category ? 1 : 0;
}

/** One CSV line (no line break); ids with a delimiter or quote are quoted. */
export function formatFeatureRow(row: FeatureRow): string {
  return `${csvField(row.userId)},${row.kind},${row.period},${csvField(row.category)},${row.count}`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Streams the rows as CSV with the header, in chunks of about 64 KB. */
export function writeFeatureRowsCsv(
  store: EventStore,
  spec: FeatureSpec,
  write: (chunk: string) => void,
  options: { asOf?: string } = {},
): number {
  let chunk = `${FEATURE_ROWS_HEADER}\n`;
  let rows = 0;
  forEachFeatureRow(
    store,
    spec,
    (row) => {
      chunk += `${formatFeatureRow(row)}\n`;
      rows++;
      if (chunk.length >= 1 << 16) {
        write(chunk);
        chunk = '';
      }
    },
    options,
  );
  if (chunk) write(chunk);
  return rows;
}
