import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random';
import { estimateLabelFrequency, RANDOM_LABELLING_CAVEAT } from './elkanNoto';

describe('estimateLabelFrequency (Elkan & Noto e1)', () => {
  // A world that meets the estimator's assumptions exactly: positives and negatives have disjoint supports, and a
  // random 30% of positives is labelled. The ideal g(x) = P(s = 1 | x) is then c for every positive and 0 for every
  // negative, so e1 = c and each unlabelled positive contributes exactly 1 (Elkan & Noto 2008, Lemma 1).
  const random = createRandom(12);
  const n = 4000;
  const truth = Float64Array.from({ length: n }, () => (random() < 0.25 ? 1 : 0));
  const labelled = Float64Array.from(truth, (y) => (y && random() < 0.3 ? 1 : 0));
  const scores = Float64Array.from(truth, (y) => (y ? 0.3 : 0));

  it('recovers c and the number of positives among the unlabelled', () => {
    const e = estimateLabelFrequency({ scores, labelled, truth });
    const actualUnlabelledPositives = truth.filter((y, i) => y === 1 && labelled[i] === 0).length;
    expect(e.labelFrequency.value).toBeCloseTo(0.3, 12);
    expect(e.poolPositives).toBeCloseTo(actualUnlabelledPositives, 6);
    expect(e.truth?.poolPositives).toBe(actualUnlabelledPositives);
    // the count form is n_L·(1 − c)/c: it follows the realised labelling only within its sampling error
    expect(e.poolPositivesFromCount).toBeCloseTo((e.labelledPositives * 0.7) / 0.3, 6);
    expect(e.truth?.labelFrequency).toBeCloseTo(
      e.labelledPositives / truth.filter((y) => y === 1).length,
      12,
    );
    expect(e.caveat).toBe(RANDOM_LABELLING_CAVEAT);
    expect(e.caveat).toMatch(/at random/);
  });

  it('gives c a normal-theory interval from the spread of the labelled scores', () => {
    const e = estimateLabelFrequency({ scores: [0.2, 0.4, 0.6, 0, 0], labelled: [1, 1, 1, 0, 0] });
    // mean 0.4, sample sd 0.2, se 0.2 / sqrt(3)
    expect(e.labelFrequency.value).toBeCloseTo(0.4, 12);
    expect(e.labelFrequency.ci95[0]).toBeCloseTo(0.4 - 1.959964 * (0.2 / Math.sqrt(3)), 5);
    expect(e.poolUsers).toBe(2);
    expect(e.truth).toBeNull();
  });
});
