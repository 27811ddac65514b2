// How large an ROC AUC difference a validation set of n+ positives and n− negatives can resolve.
//
// Method: Hanley & McNeil's (1982) variance of an AUC near the observed value A,
//   var(A) = [A(1−A) + (n+ − 1)(Q1 − A²) + (n− − 1)(Q2 − A²)] / (n+ n−),  Q1 = A/(2−A),  Q2 = 2A²/(1+A),
// and for two models on the same users (Hanley & McNeil 1983) var(A1 − A2) = 2 var(A)(1 − r), r the correlation
// of the two AUC estimates. The resolvable difference is the half-width of the 95% interval of the difference,
// 1.96·sqrt(var(A1 − A2)): a smaller observed difference cannot exclude zero. r = 0 (the default) is the cautious
// choice; paired models usually correlate (r ≈ 0.3–0.7), which narrows it by sqrt(1 − r).

import { Z95 } from './normal';

export interface ResolvableDifference {
  /** smallest AUC difference whose 95% interval can exclude zero */
  difference: number;
  /** Hanley–McNeil standard error of one AUC near the observed value */
  seAuc: number;
  method: string;
}

export function hanleyMcNeilSe(auc: number, positives: number, negatives: number): number {
  if (!(positives > 0 && negatives > 0)) return NaN;
  const a2 = auc * auc;
  const q1 = auc / (2 - auc);
  const q2 = (2 * a2) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - a2) + (negatives - 1) * (q2 - a2)) / (positives * negatives);
  return Math.sqrt(Math.max(0, variance));
}

/**
 * The AUC kept at least 1/(2·min(n+, n−)) away from 0 and 1: there the Hanley–McNeil (and DeLong) variance vanishes,
 * yet an observed perfect ranking on a small set says little about how close to perfect the model really is. The
 * margin is the AUC lost by one misordered pair counted in the smaller class' terms.
 */
export function nearestResolvableAuc(auc: number, positives: number, negatives: number): number {
  const margin = 1 / (2 * Math.max(1, Math.min(positives, negatives)));
  return Math.min(Math.max(auc, margin), 1 - margin);
}

/**
 * The resolvable AUC difference for n+ / n− at an AUC near `auc` (kept off 1 by nearestResolvableAuc).
 */
export function resolvableAucDifference(
  positives: number,
  negatives: number,
  auc: number,
  correlation = 0,
): ResolvableDifference {
  const a = nearestResolvableAuc(Math.max(auc, 0.5), positives, negatives);
  const seAuc = hanleyMcNeilSe(a, positives, negatives);
  const difference = Z95 * Math.sqrt(2 * seAuc * seAuc * (1 - correlation));
  return {
    difference,
    seAuc,
    method: `Hanley–McNeil variance at AUC ${a.toFixed(3)} for ${positives} positives / ${negatives} negatives, two models with correlation ${correlation}; 95% half-width of the difference`,
  };
}
