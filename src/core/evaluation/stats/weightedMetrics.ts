// Metrics of one bootstrap resample without building it: users are ranked by score once, and a resample is a count
// per user (how often it was drawn), so every metric is one O(n) walk over the fixed order with those weights.
// With every weight 1 the results equal computeBinaryMetrics exactly (tested), conventions included.

export const METRIC_NAMES = ['rocAuc', 'prAuc', 'accuracy', 'precision', 'recall', 'f1'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export const METRIC_COUNT = METRIC_NAMES.length;

export interface RankedUsers {
  /** user rows, highest score first; NaN scores last */
  order: Int32Array;
  /** tie groups: group g spans order[groupStart[g]] .. order[groupStart[g + 1] − 1] */
  groupStart: Int32Array;
  /** how many of `order` score at or above the threshold (they come first) */
  tagged: number;
  /** 1 for a positive label, per user row */
  positive: Uint8Array;
}

const key = (s: number) => (Number.isNaN(s) ? -Infinity : s);

export function rankUsers(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): RankedUsers {
  if (scores.length !== labels.length)
    throw new Error(`Got ${scores.length} scores but ${labels.length} labels: they must pair one to one.`);
  const n = scores.length;
  const keys = Float64Array.from({ length: n }, (_, i) => key(scores[i]));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    keys[a] > keys[b] ? -1 : keys[a] < keys[b] ? 1 : a - b,
  );
  const starts: number[] = [];
  let tagged = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || keys[order[k]] !== keys[order[k - 1]]) starts.push(k);
    if (scores[order[k]] >= threshold) tagged++;
  }
  starts.push(n);
  const positive = Uint8Array.from({ length: n }, (_, i) => (labels[i] > 0.5 ? 1 : 0));
  return { order, groupStart: Int32Array.from(starts), tagged, positive };
}

/**
 * Writes the METRIC_NAMES values for user weights `w` (draw counts) into out[offset ..]. ROC AUC is the weighted
 * Mann–Whitney statistic, PR AUC scikit-learn's step-wise average precision, the rest at the ranking's threshold.
 */
export function measureWeighted(r: RankedUsers, w: ArrayLike<number>, out: Float64Array, offset = 0): void {
  let total = 0;
  let positives = 0;
  for (let i = 0; i < w.length; i++) {
    total += w[i];
    if (r.positive[i]) positives += w[i];
  }
  const negatives = total - positives;
  let tp = 0;
  let fp = 0;
  let u = 0;
  let ap = 0;
  let taggedTp = 0;
  let taggedFp = 0;
  for (let g = 0; g + 1 < r.groupStart.length; g++) {
    let dp = 0;
    let dn = 0;
    for (let k = r.groupStart[g]; k < r.groupStart[g + 1]; k++) {
      const user = r.order[k];
      if (r.positive[user]) dp += w[user];
      else dn += w[user];
      if (k < r.tagged) {
        if (r.positive[user]) taggedTp += w[user];
        else taggedFp += w[user];
      }
    }
    tp += dp;
    fp += dn;
    u += dp * (negatives - fp) + 0.5 * dp * dn;
    if (dp > 0) ap += (dp / positives) * (tp / (tp + fp));
  }
  const tn = negatives - taggedFp;
  const precision = taggedTp + taggedFp === 0 ? 0 : taggedTp / (taggedTp + taggedFp);
  const recall = positives === 0 ? NaN : taggedTp / positives;
  out[offset] = positives === 0 || negatives === 0 ? NaN : u / (positives * negatives);
  out[offset + 1] = positives === 0 ? NaN : ap;
  out[offset + 2] = total === 0 ? NaN : (taggedTp + tn) / total;
  out[offset + 3] = precision;
  out[offset + 4] = recall;
  out[offset + 5] = Number.isNaN(recall)
    ? NaN
    : precision + recall === 0
      ? 0
      : (2 * precision * recall) / (precision + recall);
}
