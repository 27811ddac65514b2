import { describe, expect, it } from 'vitest';
import { computeRocAuc } from '../metrics';
import { computePlacements, delongAuc, pairedDelong } from './delong';
import { directPlacements, hanleyMcNeilCt, sampleVariance, syntheticScores } from './testData';

describe('delongAuc', () => {
  it('gives the published AUC of the Hanley & McNeil (1982) CT example and its DeLong SE', () => {
    const { scores, labels } = hanleyMcNeilCt();
    const auc = delongAuc(scores, labels);
    // Hanley & McNeil report 0.893; DeLong's SE 0.030724 computed independently from the definition in Python
    // (O(m·n) placements from the definition, sample variances); the interval is AUC ± 1.959964·SE.
    expect(auc.value).toBeCloseTo(0.8932, 4);
    expect(auc.se).toBeCloseTo(0.030724, 5);
    expect(auc.ci95[0]).toBeCloseTo(0.83295, 4);
    expect(auc.ci95[1]).toBeCloseTo(0.95339, 4);
    expect(auc.positives).toBe(51);
    expect(auc.negatives).toBe(58);
  });

  it('equals the O(m·n) placements from the definition, with ties, on a seeded set', () => {
    const { scores, labels } = syntheticScores(400, 0.3, 1.2, 11, 2);
    const fast = computePlacements(scores, labels);
    const direct = directPlacements(scores, labels);
    expect(Array.from(fast.positive)).toEqual(direct.positive.map((v) => expect.closeTo(v, 12)));
    expect(Array.from(fast.negative)).toEqual(direct.negative.map((v) => expect.closeTo(v, 12)));
    const auc = delongAuc(scores, labels);
    const se = Math.sqrt(
      sampleVariance(direct.positive) / direct.positive.length +
        sampleVariance(direct.negative) / direct.negative.length,
    );
    expect(auc.se).toBeCloseTo(se, 12);
    expect(auc.value).toBeCloseTo(computeRocAuc(scores, labels), 12);
  });

  it('puts NaN scores below every other score, as the point metrics do', () => {
    const scores = [0.9, NaN, 0.2, 0.4];
    const labels = [1, 1, 0, 0];
    expect(delongAuc(scores, labels).value).toBeCloseTo(computeRocAuc(scores, labels), 12);
  });

  it('does not collapse to a zero-width interval when every pair is ordered alike (AUC 1.000 on 40 users)', () => {
    const scores = Array.from({ length: 40 }, (_, i) => i / 40);
    const labels = scores.map((_, i) => (i >= 20 ? 1 : 0));
    const auc = delongAuc(scores, labels);
    expect(auc.value).toBe(1);
    expect(auc.seMethod).toBe('hanley-mcneil');
    // Hanley–McNeil SE at AUC 1 − 1/40 = 0.975 for 20 / 20, computed independently (Python): sqrt(0.264302 / 400) = 0.025705
    expect(auc.se).toBeCloseTo(0.025705, 5);
    expect(auc.ci95[0]).toBeCloseTo(1 - 1.959964 * 0.025705, 5);
    expect(auc.ci95[1]).toBe(1);
    expect(delongAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]).ci95[0]).toBeLessThan(0.5);
  });

  it('is undefined with one class', () => {
    expect(delongAuc([0.1, 0.2], [1, 1]).value).toBeNaN();
  });
});

describe('pairedDelong', () => {
  it('gives exactly zero difference, a zero-width interval and p = 1 for identical score vectors', () => {
    const { scores, labels } = syntheticScores(300, 0.4, 1, 5);
    const t = pairedDelong(scores, Float64Array.from(scores), labels);
    expect(t.difference.value).toBe(0);
    expect(t.difference.ci95).toEqual([0, 0]);
    expect(t.pValue).toBe(1);
  });

  it("equals DeLong's var(A) + var(B) − 2 cov(A, B) from the O(m·n) placements", () => {
    const { scores: a, labels } = syntheticScores(250, 0.35, 1.0, 21);
    const { scores: noise } = syntheticScores(250, 0.35, 0, 22);
    const b = Float64Array.from(a, (s, i) => 0.6 * s + 0.4 * noise[i]);
    const pa = directPlacements(a, labels);
    const pb = directPlacements(b, labels);
    const cov = (x: number[], y: number[]) => {
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const my = y.reduce((s, v) => s + v, 0) / y.length;
      return x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / (x.length - 1);
    };
    const m = pa.positive.length;
    const n = pa.negative.length;
    const variance =
      (sampleVariance(pa.positive) + sampleVariance(pb.positive) - 2 * cov(pa.positive, pb.positive)) / m +
      (sampleVariance(pa.negative) + sampleVariance(pb.negative) - 2 * cov(pa.negative, pb.negative)) / n;
    const t = pairedDelong(a, b, labels);
    expect(t.se).toBeCloseTo(Math.sqrt(variance), 12);
    expect(t.z).toBeCloseTo(t.difference.value / Math.sqrt(variance), 10);
    expect(t.correlation).toBeGreaterThan(0);
    expect(t.correlation).toBeLessThan(1);
  });

  it('finds a real difference on many users and a p-value from the normal tail', () => {
    const { scores: good, labels } = syntheticScores(2000, 0.3, 2, 31);
    const { scores: weak } = syntheticScores(2000, 0.3, 0, 32);
    const bad = Float64Array.from(good, (s, i) => 0.3 * s + 0.7 * weak[i]);
    const t = pairedDelong(good, bad, labels);
    expect(t.difference.value).toBeGreaterThan(0.05);
    expect(t.difference.ci95[0]).toBeGreaterThan(0);
    expect(t.pValue).toBeLessThan(1e-6);
  });
});
