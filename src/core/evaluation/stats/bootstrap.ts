// Seeded bootstrap over users, stratified by class: each resample draws n+ positives from the positives and n−
// negatives from the negatives, with replacement.
//
// Why stratified: the validation split is itself stratified, so the class sizes are fixed by design rather than
// random; holding them fixed also means every resample has both classes, so AUC, PR AUC and recall are always
// defined (an unstratified resample of a small set can lose every positive and has to be dropped, biasing the
// interval). Intervals are percentile intervals (2.5% and 97.5%, linear interpolation as R's quantile type 7).

import { createRandom } from '../../random';
import {
  measureWeighted,
  METRIC_COUNT,
  METRIC_NAMES,
  type MetricName,
  type RankedUsers,
} from './weightedMetrics';

export interface BootstrapOptions {
  /** resamples; at least 1000 for a 95% percentile interval (default 2000) */
  resamples?: number;
  seed?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_BOOTSTRAP_SEED = 20140101;

/** Per resample, per metric: values[b * METRIC_COUNT + metricIndex]. */
export interface BootstrapDraws {
  resamples: number;
  values: Float64Array;
}

function rowsByClass(positive: Uint8Array, cls: number): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < positive.length; i++) if (positive[i] === cls) rows.push(i);
  return Int32Array.from(rows);
}

/**
 * Draws the resamples once and measures every ranking in `rankings` on each, so paired comparisons see the very same
 * users per resample. All rankings must share the labels (same users, same order).
 */
export function drawBootstrap(rankings: RankedUsers[], options: BootstrapOptions = {}): BootstrapDraws[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new Error(`Bootstrap resamples must be a whole number ≥ 1, got ${resamples}.`);
  const random = createRandom(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const n = rankings[0].positive.length;
  const strata = [rowsByClass(rankings[0].positive, 1), rowsByClass(rankings[0].positive, 0)];
  const weights = new Int32Array(n);
  const draws = rankings.map(() => ({ resamples, values: new Float64Array(resamples * METRIC_COUNT) }));
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (const rows of strata)
      for (let k = 0; k < rows.length; k++) weights[rows[Math.floor(random() * rows.length)]]++;
    rankings.forEach((r, i) => measureWeighted(r, weights, draws[i].values, b * METRIC_COUNT));
  }
  return draws;
}

/** The q-quantile of ascending values, R's type 7 (linear between order statistics). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** 95% percentile interval of one metric's resampled values (NaN draws left out: e.g. F1 with no positives). */
export function percentileInterval(values: ArrayLike<number>): [number, number] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  const sorted = Float64Array.from(kept).sort();
  return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
}

/** One metric's resampled values, optionally minus another ranking's (paired differences). */
export function metricColumn(
  draws: BootstrapDraws,
  metric: MetricName,
  minus?: BootstrapDraws,
): Float64Array {
  const m = METRIC_NAMES.indexOf(metric);
  return Float64Array.from({ length: draws.resamples }, (_, b) => {
    const v = draws.values[b * METRIC_COUNT + m];
    return minus ? v - minus.values[b * METRIC_COUNT + m] : v;
  });
}
