// Binary-classification metrics at one threshold plus the threshold-free ROC AUC and average precision.
//
// Conventions (the UI and JSON rely on them):
// - A user is tagged when score >= threshold (a score exactly on the threshold is positive). NaN scores are never
//   tagged and rank below every other score.
// - Labels are positive when > 0.5.
// - Undefined values are NaN, never a made-up number: rocAuc when either class has no members; prAuc and recall when
//   there are no positives; accuracy when there are no users. JSON.stringify writes NaN as null, so stored and
//   exported metrics hold null there; the UI shows null / NaN as "—" with the tooltip "undefined: the evaluated users
//   hold only one class". `reviveBinaryMetrics` turns the nulls back into NaN after JSON.parse.
// - Precision with no tagged users is 0, not NaN (the scikit-learn zero_division=0 convention): a model that tags
//   nobody has found nothing, and ranking tables still get a number. F1 is 0 when precision + recall is 0.

import type { BinaryMetrics } from './types';
import { isPositiveLabel, rankScores, type RankedScores } from './rankedScores';

interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

function countConfusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const tagged = scores[i] >= threshold;
    if (isPositiveLabel(labels[i])) {
      if (tagged) c.tp++;
      else c.fn++;
    } else if (tagged) c.fp++;
    else c.tn++;
  }
  return c;
}

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random positive outscores a random negative, ties
 * counting one half. Counting per tie group is exactly U / (P·N) with average ranks, without materialising ranks.
 */
export function rocAucFromRanked(r: RankedScores): number {
  if (r.positives === 0 || r.negatives === 0) return NaN;
  let u = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < r.groups; k++) {
    const dp = r.tp[k] - prevTp;
    const dn = r.fp[k] - prevFp;
    u += dp * (r.negatives - r.fp[k]) + 0.5 * dp * dn;
    prevTp = r.tp[k];
    prevFp = r.fp[k];
  }
  return u / (r.positives * r.negatives);
}

/**
 * Average precision (PR AUC, step-wise): Σ over tie groups of (recall gained) × (precision at that group), tied
 * scores entering together, as scikit-learn's average_precision_score. NaN without positives.
 */
export function averagePrecisionFromRanked(r: RankedScores): number {
  if (r.positives === 0) return NaN;
  let ap = 0;
  let prevTp = 0;
  for (let k = 0; k < r.groups; k++) {
    const dp = r.tp[k] - prevTp;
    if (dp > 0) ap += (dp / r.positives) * (r.tp[k] / (r.tp[k] + r.fp[k]));
    prevTp = r.tp[k];
  }
  return ap;
}

export function computeRocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return rocAucFromRanked(rankScores(scores, labels));
}

export function computeAveragePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return averagePrecisionFromRanked(rankScores(scores, labels));
}

/** All BinaryMetrics of scores against 1/0 labels at a threshold (see the conventions at the top of this file). */
export function computeBinaryMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): BinaryMetrics {
  const ranked = rankScores(scores, labels);
  const { tp, fp, tn, fn } = countConfusion(scores, labels, threshold);
  const n = tp + fp + tn + fn;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? NaN : tp / (tp + fn);
  const f1 = Number.isNaN(recall)
    ? NaN
    : precision + recall === 0
      ? 0
      : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    accuracy: n === 0 ? NaN : (tp + tn) / n,
    precision,
    recall,
    f1,
    rocAuc: rocAucFromRanked(ranked),
    prAuc: averagePrecisionFromRanked(ranked),
    tp,
    fp,
    tn,
    fn,
    n,
  };
}

const METRIC_NUMBER_KEYS = ['threshold', 'accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc'] as const;

/** After JSON.parse: turns the nulls JSON wrote for NaN back into NaN, so arithmetic and formatting stay uniform. */
export function reviveBinaryMetrics(value: unknown): BinaryMetrics {
  const m = { ...(value as Record<string, unknown>) };
  for (const key of METRIC_NUMBER_KEYS) if (m[key] === null || m[key] === undefined) m[key] = NaN;
  return m as unknown as BinaryMetrics;
}
