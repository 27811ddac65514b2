// ROC AUC with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988), single and paired, in O(n log n).
//
// DeLong's estimator rests on placement values: for a positive x, the share of negatives it outscores (ties count
// one half); for a negative y, the share of positives that outscore it. The AUC is the mean placement of the
// positives, and its variance is var(positive placements)/m + var(negative placements)/n. Sun & Xu (2014) obtain the
// placements from midranks after one sort; counting below / equal by binary search in each class's sorted scores is
// the same quantity (midrank in all − midrank in own class = negatives below + half the tied ones) at the same cost.

import { clampInterval, type Estimate } from './estimate';
import { twoSidedPValue, Z95 } from './normal';
import { hanleyMcNeilSe, nearestResolvableAuc } from './resolvable';

export interface AucEstimate extends Estimate {
  /** DeLong standard error, or the fallback named by seMethod where DeLong's is 0 */
  se: number;
  /**
   * 'delong'; 'hanley-mcneil' when DeLong's variance is 0 (every pair ordered alike, e.g. a perfect AUC 1.000 on
   * 40 users, or one constant score): a zero-width interval would claim certainty that a small set cannot give
   */
  seMethod: 'delong' | 'hanley-mcneil';
  positives: number;
  negatives: number;
}

export interface Placements {
  /** per positive, in input order: share of negatives it outscores, ties one half */
  positive: Float64Array;
  /** per negative, in input order: share of positives that outscore it, ties one half */
  negative: Float64Array;
}

/** NaN scores rank below every other score, as in rankedScores.ts (a NaN score never tags). */
const key = (s: number) => (Number.isNaN(s) ? -Infinity : s);

/** First index whose value is ≥ x (strict = false) or > x (strict = true) in an ascending array. */
function lowerBound(sorted: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (strict && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Placement values of both classes (labels positive when > 0.5). */
export function computePlacements(scores: ArrayLike<number>, labels: ArrayLike<number>): Placements {
  if (scores.length !== labels.length)
    throw new Error(`Got ${scores.length} scores but ${labels.length} labels: they must pair one to one.`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] > 0.5 ? pos : neg).push(key(scores[i]));
  const sortedPos = Float64Array.from(pos).sort();
  const sortedNeg = Float64Array.from(neg).sort();
  const m = pos.length;
  const n = neg.length;
  const positive = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const below = lowerBound(sortedNeg, pos[i], false);
    const tied = lowerBound(sortedNeg, pos[i], true) - below;
    positive[i] = (below + 0.5 * tied) / n;
  }
  const negative = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const atOrBelow = lowerBound(sortedPos, neg[j], true);
    const tied = atOrBelow - lowerBound(sortedPos, neg[j], false);
    negative[j] = (m - atOrBelow + 0.5 * tied) / m;
  }
  return { positive, negative };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance (denominator length − 1), as DeLong and pROC use. */
function sampleVariance(x: Float64Array): number {
  if (x.length < 2) return NaN;
  const mu = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - mu) * (x[i] - mu);
  return s / (x.length - 1);
}

function varianceOfMean(p: Placements): number {
  return sampleVariance(p.positive) / p.positive.length + sampleVariance(p.negative) / p.negative.length;
}

/**
 * ROC AUC with its DeLong 95% interval, AUC ± 1.96·SE clipped to [0, 1] (pROC's ci.auc method "delong").
 * NaN when either class is empty; the interval is NaN when either class has fewer than two users.
 */
export function delongAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): AucEstimate {
  const p = computePlacements(scores, labels);
  const m = p.positive.length;
  const n = p.negative.length;
  if (m === 0 || n === 0)
    return { value: NaN, ci95: [NaN, NaN], se: NaN, seMethod: 'delong', positives: m, negatives: n };
  const value = mean(p.positive);
  const delongSe = Math.sqrt(varianceOfMean(p));
  const degenerate = delongSe === 0;
  const se = degenerate ? hanleyMcNeilSe(nearestResolvableAuc(value, m, n), m, n) : delongSe;
  return {
    value,
    ci95: clampInterval(value - Z95 * se, value + Z95 * se, 0, 1),
    se,
    seMethod: degenerate ? 'hanley-mcneil' : 'delong',
    positives: m,
    negatives: n,
  };
}

export interface PairedAucTest {
  a: AucEstimate;
  b: AucEstimate;
  /** AUC(a) − AUC(b) with its 95% interval; positive means a ranks better */
  difference: Estimate;
  se: number;
  z: number;
  /** two-sided p-value of H0: AUC(a) = AUC(b); 1 when the two score vectors rank every pair alike */
  pValue: number;
  /** DeLong correlation of the two AUC estimates (shared users make it positive, which narrows the interval) */
  correlation: number;
}

function subtract(x: Float64Array, y: Float64Array): Float64Array {
  return Float64Array.from(x, (v, i) => v - y[i]);
}

/**
 * DeLong's paired test of two score vectors on the same users: var(A − B) is the variance of the per-user placement
 * differences, which is exactly DeLong's var(A) + var(B) − 2 cov(A, B).
 */
export function pairedDelong(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  labels: ArrayLike<number>,
): PairedAucTest {
  if (scoresA.length !== scoresB.length)
    throw new Error(`Paired scores must cover the same users: got ${scoresA.length} and ${scoresB.length}.`);
  const pa = computePlacements(scoresA, labels);
  const pb = computePlacements(scoresB, labels);
  const a = delongAuc(scoresA, labels);
  const b = delongAuc(scoresB, labels);
  const diff: Placements = {
    positive: subtract(pa.positive, pb.positive),
    negative: subtract(pa.negative, pb.negative),
  };
  const value = a.value - b.value;
  const se = Math.sqrt(varianceOfMean(diff));
  // identical rankings: the difference is exactly 0 with no spread, and there is nothing to test
  const z = se > 0 ? value / se : value === 0 ? 0 : value > 0 ? Infinity : -Infinity;
  const varA = varianceOfMean(pa);
  const varB = varianceOfMean(pb);
  const covariance = (varA + varB - se * se) / 2;
  return {
    a,
    b,
    difference: { value, ci95: clampInterval(value - Z95 * se, value + Z95 * se, -1, 1) },
    se,
    z,
    pValue: Number.isNaN(value) ? NaN : twoSidedPValue(z),
    correlation: varA > 0 && varB > 0 ? covariance / Math.sqrt(varA * varB) : NaN,
  };
}
