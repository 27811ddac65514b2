// 95% bands around the ROC and precision–recall curves: the same seeded bootstrap over users, stratified by class, as
// the metric intervals (bootstrap.ts). Each resample's curve is read off at a fixed grid (ROC: the true positive rate
// at each false positive rate, linear between the curve's points, the top of a vertical step where it has one — the
// "vertical averaging" of Fawcett 2006; PR: the precision at each recall as the step-wise curve draws it, the top
// of a vertical drop), and the
// band is the 2.5% and 97.5% percentile of those values at each grid point. Pointwise, not simultaneous: at any one
// rate, 95% of resampled curves fall inside.

import { createRandom } from '../../random';
import { isPositiveLabel } from '../rankedScores';
import { DEFAULT_BOOTSTRAP_SEED, quantileSorted } from './bootstrap';

export interface CurveBand {
  /** the grid: false positive rate (ROC) or recall (PR) */
  x: number[];
  lo: number[];
  hi: number[];
  resamples: number;
}

export interface CurveBandOptions {
  /** at least 1000 (default 1000) */
  resamples?: number;
  seed?: number;
  /** grid points from 0 to 1 (default 51) */
  points?: number;
}

export const DEFAULT_BAND_RESAMPLES = 1000;
export const BAND_METHOD =
  'Pointwise 95% band: stratified bootstrap over users (percentile interval at each false positive rate or recall)';

/** Users in tie groups of equal score, highest first: group index per user, and the number of groups. */
function tieGroups(scores: ArrayLike<number>): { group: Int32Array; groups: number } {
  const key = (i: number) => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => key(b) - key(a));
  const group = new Int32Array(scores.length);
  let g = -1;
  let last = NaN;
  for (const i of order) {
    if (key(i) !== last) {
      g++;
      last = key(i);
    }
    group[i] = g;
  }
  return { group, groups: g + 1 };
}

type Reader = (
  tp: Float64Array,
  fp: Float64Array,
  p: number,
  n: number,
  x: number[],
  out: Float64Array,
) => void;

/** TPR at each FPR of the grid, from cumulative counts per group (the curve starts at (0, 0)). */
const readRoc: Reader = (tp, fp, p, n, x, out) => {
  let k = -1; // last curve point with fpr < x[j]
  for (let j = 0; j < x.length; j++) {
    const fprAt = (i: number) => (i < 0 ? 0 : fp[i] / n);
    const tprAt = (i: number) => (i < 0 ? 0 : tp[i] / p);
    while (k + 1 < tp.length && fprAt(k + 1) < x[j]) k++;
    let m = k + 1;
    if (m < tp.length && fprAt(m) === x[j]) {
      while (m + 1 < tp.length && fprAt(m + 1) === x[j]) m++;
      out[j] = tprAt(m);
    } else if (m >= tp.length) out[j] = 1;
    else {
      const x0 = fprAt(k);
      const x1 = fprAt(m);
      out[j] = tprAt(k) + ((x[j] - x0) / (x1 - x0)) * (tprAt(m) - tprAt(k));
    }
  }
};

/**
 * Precision at each recall of the grid as the step-wise curve draws it: that of the last curve point at or below the
 * recall, the top of a vertical drop where several points share that recall; recall 0 reads 1 (the curve's start).
 */
const readPr: Reader = (tp, fp, p, _n, x, out) => {
  let k = -1;
  for (let j = 0; j < x.length; j++) {
    while (k + 1 < tp.length && tp[k + 1] / p <= x[j]) k++;
    let top = k;
    while (top > 0 && tp[top - 1] === tp[top]) top--;
    out[j] = top < 0 || tp[top] === 0 ? 1 : tp[top] / (tp[top] + fp[top]);
  }
};

function band(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  read: Reader,
  o: CurveBandOptions,
): CurveBand {
  if (scores.length !== labels.length)
    throw new Error(`Got ${scores.length} scores but ${labels.length} labels: they must pair one to one.`);
  const resamples = o.resamples ?? DEFAULT_BAND_RESAMPLES;
  if (!(Number.isInteger(resamples) && resamples >= 1000))
    throw new Error(`A 95% band needs at least 1000 resamples, got ${resamples}.`);
  const points = o.points ?? 51;
  const x = Array.from({ length: points }, (_, j) => j / (points - 1));
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (isPositiveLabel(labels[i]) ? positives : negatives).push(i);
  if (positives.length === 0 || negatives.length === 0) return { x: [], lo: [], hi: [], resamples: 0 };
  const { group, groups } = tieGroups(scores);
  const random = createRandom(o.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const tp = new Float64Array(groups);
  const fp = new Float64Array(groups);
  const values = new Float64Array(resamples * points);
  const row = new Float64Array(points);
  for (let b = 0; b < resamples; b++) {
    tp.fill(0);
    fp.fill(0);
    for (let k = 0; k < positives.length; k++)
      tp[group[positives[Math.floor(random() * positives.length)]]]++;
    for (let k = 0; k < negatives.length; k++)
      fp[group[negatives[Math.floor(random() * negatives.length)]]]++;
    for (let g = 1; g < groups; g++) {
      tp[g] += tp[g - 1];
      fp[g] += fp[g - 1];
    }
    read(tp, fp, positives.length, negatives.length, x, row);
    values.set(row, b * points);
  }
  const lo: number[] = [];
  const hi: number[] = [];
  const column = new Float64Array(resamples);
  for (let j = 0; j < points; j++) {
    for (let b = 0; b < resamples; b++) column[b] = values[b * points + j];
    column.sort();
    lo.push(quantileSorted(column, 0.025));
    hi.push(quantileSorted(column, 0.975));
  }
  return { x, lo, hi, resamples };
}

export function rocBand(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  o: CurveBandOptions = {},
): CurveBand {
  return band(scores, labels, readRoc, o);
}

export function prBand(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  o: CurveBandOptions = {},
): CurveBand {
  return band(scores, labels, readPr, o);
}
