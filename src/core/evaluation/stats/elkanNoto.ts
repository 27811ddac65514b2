// How much do the rules miss: Elkan & Noto's (2008) estimator of c = P(labelled | positive) from a classifier g
// trained to separate the labelled positives from everyone else, and the positives it implies among the rest.
//
// e1: c ≈ mean g(x) over labelled positives (held-out scores: a model scoring its own training users overstates c).
// Positives among the unlabelled: Σ over unlabelled users of P(y = 1 | x, s = 0) = ((1 − c)/c) · g/(1 − g), each
// capped at 1; and the count form n_labelled · (1 − c)/c (total positives n_labelled / c).

import { Z95 } from './normal';
import type { Estimate } from './estimate';
import { clampInterval } from './estimate';

export const RANDOM_LABELLING_CAVEAT =
  'Assumes the labelled positives are a random sample of all positives (selected completely at random). Rules over ' +
  'features break this: they catch the positives that buy the rule categories, so the estimate says how many ' +
  'positives look like the caught ones, not how many the rules miss elsewhere. Compare with the truth when loaded.';

export interface ElkanNotoInput {
  /** g(x): P(labelled | x) from a labelled-positive vs everyone-else model, ideally out-of-fold */
  scores: ArrayLike<number>;
  /** 1 for the users the rules label positive */
  labelled: ArrayLike<number>;
  /** 1 for the users to estimate positives among (e.g. the rule-unlabelled); default: every non-labelled user */
  pool?: ArrayLike<number>;
  /** optional truth, 1 / 0 per user (NaN where unknown): then the result also holds the truth's answer */
  truth?: ArrayLike<number>;
}

export interface ElkanNotoEstimate {
  /** c = P(labelled | positive): the share of true positives the rules catch, with a normal 95% interval */
  labelFrequency: Estimate;
  labelledPositives: number;
  poolUsers: number;
  /** Σ P(y = 1 | x, s = 0) over the pool */
  poolPositives: number;
  /** n_labelled · (1 − c) / c */
  poolPositivesFromCount: number;
  /** the truth's answer, when truth is given: c among truth positives, and truth positives in the pool */
  truth: { labelFrequency: number; poolPositives: number; truthUsers: number } | null;
  caveat: string;
}

function truthAnswer(input: ElkanNotoInput, inPool: (i: number) => boolean) {
  const truth = input.truth;
  if (!truth) return null;
  let positives = 0;
  let caught = 0;
  let pool = 0;
  let users = 0;
  for (let i = 0; i < truth.length; i++) {
    if (Number.isNaN(truth[i])) continue;
    users++;
    if (truth[i] < 0.5) continue;
    positives++;
    if (input.labelled[i] > 0.5) caught++;
    else if (inPool(i)) pool++;
  }
  return { labelFrequency: caught / positives, poolPositives: pool, truthUsers: users };
}

export function estimateLabelFrequency(input: ElkanNotoInput): ElkanNotoEstimate {
  const { scores, labelled } = input;
  if (scores.length !== labelled.length)
    throw new Error(
      `Elkan–Noto needs one score per user: ${scores.length} scores, ${labelled.length} users.`,
    );
  const inPool = (i: number) => (input.pool ? input.pool[i] > 0.5 : labelled[i] <= 0.5);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labelled[i] <= 0.5) continue;
    n++;
    sum += scores[i];
    sumSq += scores[i] * scores[i];
  }
  const c = sum / n;
  const se = n > 1 ? Math.sqrt((sumSq - n * c * c) / (n - 1) / n) : NaN;
  let poolUsers = 0;
  let poolPositives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!inPool(i)) continue;
    poolUsers++;
    const g = Math.min(scores[i], 1 - 1e-12);
    poolPositives += Math.min(1, ((1 - c) / c) * (g / (1 - g)));
  }
  return {
    labelFrequency: { value: c, ci95: clampInterval(c - Z95 * se, c + Z95 * se, 0, 1) },
    labelledPositives: n,
    poolUsers,
    poolPositives,
    poolPositivesFromCount: (n * (1 - c)) / c,
    truth: truthAnswer(input, inPool),
    caveat: RANDOM_LABELLING_CAVEAT,
  };
}
