// Model inputs rebuilt from sparse rows (`user_id,kind,period,category,count`, from `features` or `sql features`)
// instead of the event store: the same FeatureBatch the batch builder gives, so the scorer is the same.

import { SequenceAccumulator } from './accumulator';
import { OTHER_CATEGORY, type FeatureKind } from './sparseRows';
import { specWidth } from './spec';
import type { FeatureBatch, FeatureSpec } from './types';

export interface RowsBatchBuilder {
  /** adds one row to the user being built */
  add(kind: FeatureKind, period: number, category: string, count: number): void;
  /** closes the current user as batch row b */
  endUser(b: number): void;
  /** the batch of the users closed so far, in order; the builder starts a new batch */
  finish(users: number): FeatureBatch;
}

const YEAR_MONTHS = 12;

export function createRowsBatchBuilder(spec: FeatureSpec): RowsBatchBuilder {
  const width = specWidth(spec);
  const columnOf = new Map<string, number>();
  spec.vocabulary.forEach((id, col) => columnOf.set(id, col));
  const masked = new Set(spec.maskedCategories);
  const other = spec.otherBucket ? width - 1 : -1;
  const yearly = new SequenceAccumulator(1, width, spec.transform);
  const monthly = new SequenceAccumulator(spec.months, width, spec.transform);
  const daily = new SequenceAccumulator(spec.days, width, spec.transform);

  function column(category: string): number {
    const col = columnOf.get(category);
    if (col !== undefined) return col;
    return masked.has(category) ? -1 : other;
  }

  return {
    add(kind, period, category, count) {
      const col = category === OTHER_CATEGORY ? other : column(category);
      if (col < 0 || count === 0) return;
      if (kind === 'purchase') {
        if (period < YEAR_MONTHS) yearly.add(col, count);
        if (period < spec.months) monthly.add((spec.months - 1 - period) * width + col, count);
      } else if (period < spec.days) daily.add((spec.days - 1 - period) * width + col, count);
    },
    endUser(b) {
      yearly.flushUser(b);
      monthly.flushUser(b);
      daily.flushUser(b);
    },
    finish(users) {
      return {
        users: Int32Array.from({ length: users }, (_, i) => i),
        yearly: yearly.finish(users),
        monthly: monthly.finish(users),
        daily: daily.finish(users),
        labels: new Float32Array(users),
      };
    },
  };
}
