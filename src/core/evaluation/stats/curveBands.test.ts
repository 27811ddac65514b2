import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random';
import { prCurve, rocCurve } from '../curves';
import { prBand, rocBand } from './curveBands';

/** Positives score N(shift, 1), negatives N(0, 1) squashed to (0, 1): a binormal ROC with a known shape. */
function binormal(positives: number, negatives: number, shift: number, seed: number) {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < positives + negatives; i++) {
    const positive = i < positives;
    scores.push(1 / (1 + Math.exp(-(normal() + (positive ? shift : 0)))));
    labels.push(positive ? 1 : 0);
  }
  return { scores, labels };
}

/** y of a piecewise-linear curve at x (the top of a vertical step). */
function linearAt(xs: number[], ys: number[], x: number): number {
  let best = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === x) best = Math.max(best, ys[i]);
    if (i > 0 && xs[i - 1] < x && xs[i] > x)
      return ys[i - 1] + ((x - xs[i - 1]) / (xs[i] - xs[i - 1])) * (ys[i] - ys[i - 1]);
  }
  return best;
}

describe('bootstrap bands around the ROC and PR curves', () => {
  it('has no width where every resample agrees: a perfect ranking', () => {
    const scores = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1];
    const labels = [1, 1, 1, 0, 0, 0];
    const roc = rocBand(scores, labels);
    expect(roc.x).toHaveLength(51);
    expect(roc.resamples).toBe(1000);
    roc.x.forEach((_, j) => expect([roc.lo[j], roc.hi[j]]).toEqual([1, 1]));
    const pr = prBand(scores, labels);
    pr.x.forEach((_, j) => expect([pr.lo[j], pr.hi[j]]).toEqual([1, 1]));
  });

  it('holds the curve itself, is seeded, and narrows as 1/√n with four times the users', () => {
    const small = binormal(100, 300, 1, 7);
    const roc = rocBand(small.scores, small.labels);
    const curve = rocCurve(small.scores, small.labels, Infinity);
    roc.x.forEach((x, j) => {
      const y = linearAt(curve.fpr, curve.tpr, x);
      expect(roc.lo[j]).toBeLessThanOrEqual(y + 1e-12);
      expect(roc.hi[j]).toBeGreaterThanOrEqual(y - 1e-12);
    });
    expect(rocBand(small.scores, small.labels)).toEqual(roc);
    expect(rocBand(small.scores, small.labels, { seed: 2 })).not.toEqual(roc);
    const large = binormal(400, 1200, 1, 8);
    const wide = rocBand(large.scores, large.labels);
    const mid = roc.x.indexOf(0.3);
    const ratio = (wide.hi[mid] - wide.lo[mid]) / (roc.hi[mid] - roc.lo[mid]);
    // the binormal TPR at FPR 0.3 is Φ(1 − 0.524) = 0.683 (0.524 = Φ⁻¹(0.7)); its spread falls as 1/√n: ratio ≈ 0.5
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
    expect((wide.lo[mid] + wide.hi[mid]) / 2).toBeCloseTo(0.683, 1);
  });

  it('reads precision step-wise at each recall, and has no band without both classes', () => {
    const data = binormal(60, 240, 1.5, 3);
    const pr = prBand(data.scores, data.labels);
    const curve = prCurve(data.scores, data.labels, Infinity);
    const inside = pr.x.filter((r, j) => {
      let k = 0;
      while (k + 1 < curve.recall.length && curve.recall[k + 1] <= r) k++;
      while (k > 0 && curve.recall[k - 1] === curve.recall[k]) k--;
      return pr.lo[j] <= curve.precision[k] && curve.precision[k] <= pr.hi[j];
    }).length;
    expect(inside / pr.x.length).toBeGreaterThan(0.9);
    expect(pr.lo[0]).toBe(1);
    expect(rocBand([0.1, 0.2], [1, 1]).x).toEqual([]);
    expect(() => rocBand([0.1, 0.2], [1, 0], { resamples: 200 })).toThrow('at least 1000 resamples');
  });
});
