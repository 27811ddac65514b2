// Chart data: ROC and precision–recall curves (exact at tied scores, thinned to a few hundred points) and a score
// histogram per class. Plain arrays, ready for recharts.

import { isPositiveLabel, rankScores } from './rankedScores';

/** Charts draw at most about this many points per curve. */
export const MAX_CURVE_POINTS = 200;

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** thresholds[0] is Infinity (nobody tagged); the others are the tie-group scores, decreasing */
  thresholds: number[];
}

export interface PrCurve {
  recall: number[];
  precision: number[];
  /** thresholds[0] is Infinity: the conventional starting point recall 0, precision 1 */
  thresholds: number[];
}

export interface HistogramBin {
  bin0: number;
  bin1: number;
  positives: number;
  negatives: number;
}

/**
 * Keeps the first and last point and, in between, points evenly spaced along the curve's path length (|Δx| + |Δy|),
 * so steep parts keep their shape while long flat runs are thinned.
 */
export function selectCurvePoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints = MAX_CURVE_POINTS,
): number[] {
  const n = x.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  let total = 0;
  for (let i = 1; i < n; i++) total += Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
  const step = total / (maxPoints - 1);
  const keep = [0];
  let travelled = 0;
  let nextMark = step;
  for (let i = 1; i < n - 1; i++) {
    travelled += Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
    if (travelled >= nextMark && keep.length < maxPoints - 1) {
      keep.push(i);
      nextMark = (Math.floor(travelled / step) + 1) * step;
    }
  }
  keep.push(n - 1);
  return keep;
}

function pick(values: ArrayLike<number>, indices: number[]): number[] {
  return indices.map((i) => values[i]);
}

/** ROC curve from (0, 0) to (1, 1), one point per tie group. Empty arrays when either class has no members. */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints = MAX_CURVE_POINTS,
): RocCurve {
  const r = rankScores(scores, labels);
  if (r.positives === 0 || r.negatives === 0) return { fpr: [], tpr: [], thresholds: [] };
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  for (let k = 0; k < r.groups; k++) {
    fpr.push(r.fp[k] / r.negatives);
    tpr.push(r.tp[k] / r.positives);
    thresholds.push(r.score[k]);
  }
  const keep = selectCurvePoints(fpr, tpr, maxPoints);
  return { fpr: pick(fpr, keep), tpr: pick(tpr, keep), thresholds: pick(thresholds, keep) };
}

/** Precision–recall curve, one point per tie group, drawn step-wise. Empty arrays when there are no positives. */
export function prCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints = MAX_CURVE_POINTS,
): PrCurve {
  const r = rankScores(scores, labels);
  if (r.positives === 0) return { recall: [], precision: [], thresholds: [] };
  const recall = [0];
  const precision = [1];
  const thresholds = [Infinity];
  for (let k = 0; k < r.groups; k++) {
    recall.push(r.tp[k] / r.positives);
    precision.push(r.tp[k] / (r.tp[k] + r.fp[k]));
    thresholds.push(r.score[k]);
  }
  const keep = selectCurvePoints(recall, precision, maxPoints);
  return { recall: pick(recall, keep), precision: pick(precision, keep), thresholds: pick(thresholds, keep) };
}

/**
 * Counts of positives and negatives per equal-width bin over [0, 1] (scores are probabilities). Bin i covers
 * [i/bins, (i+1)/bins); a score of exactly 1 falls in the last bin; scores outside [0, 1] are clamped into the end
 * bins and NaN scores are left out.
 */
export function scoreHistogram(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 20,
): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1)
    throw new Error(`Histogram bins must be a whole number ≥ 1, got ${bins}.`);
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    bin0: i / bins,
    bin1: (i + 1) / bins,
    positives: 0,
    negatives: 0,
  }));
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (Number.isNaN(s)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    if (isPositiveLabel(labels[i])) out[b].positives++;
    else out[b].negatives++;
  }
  return out;
}
