import { describe, expect, it } from 'vitest';
import { prCurve, rocCurve, scoreHistogram } from './curves';

const scores = [0.9, 0.8, 0.8, 0.6, 0.5, 0.4, 0.4, 0.1];
const labels = [1, 1, 0, 1, 0, 1, 0, 0];

describe('rocCurve and prCurve', () => {
  it('gives one ROC point per tie group, from (0, 0) to (1, 1)', () => {
    const c = rocCurve(scores, labels);
    expect(c.fpr).toEqual([0, 0, 0.25, 0.25, 0.5, 0.75, 1]);
    expect(c.tpr).toEqual([0, 0.25, 0.5, 0.75, 0.75, 1, 1]);
    expect(c.thresholds).toEqual([Infinity, 0.9, 0.8, 0.6, 0.5, 0.4, 0.1]);
  });

  it('gives the hand-computed precision–recall points', () => {
    const c = prCurve(scores, labels);
    expect(c.recall).toEqual([0, 0.25, 0.5, 0.75, 0.75, 1, 1]);
    const expected = [1, 1, 2 / 3, 3 / 4, 3 / 5, 4 / 7, 4 / 8];
    c.precision.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 12));
  });

  it('returns empty curves when a class has no members', () => {
    expect(rocCurve([0.1, 0.2], [1, 1]).fpr).toEqual([]);
    expect(prCurve([0.1, 0.2], [0, 0]).recall).toEqual([]);
    expect(prCurve([0.1, 0.2], [1, 1]).precision).toEqual([1, 1, 1]);
  });

  it('thins a long curve to at most 200 points, keeping both ends and the order', () => {
    const n = 20_000;
    const s = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const l = Float32Array.from(s, (v, i) => (v + ((i * 31) % 17) / 40 > 0.6 ? 1 : 0));
    const c = rocCurve(s, l);
    expect(c.fpr.length).toBeLessThanOrEqual(200);
    expect(c.fpr.length).toBeGreaterThan(150);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
    for (let i = 1; i < c.fpr.length; i++) {
      expect(c.fpr[i]).toBeGreaterThanOrEqual(c.fpr[i - 1]);
      expect(c.thresholds[i]).toBeLessThan(c.thresholds[i - 1]);
    }
    expect(prCurve(s, l).recall.length).toBeLessThanOrEqual(200);
  });
});

describe('scoreHistogram', () => {
  it('counts each class per bin over [0, 1], with 1 in the last bin and NaN left out', () => {
    const h = scoreHistogram([0, 0.05, 0.5, 0.99, 1, NaN, 0.3], [1, 0, 0, 1, 1, 1, 0], 2);
    expect(h).toEqual([
      { bin0: 0, bin1: 0.5, positives: 1, negatives: 2 },
      { bin0: 0.5, bin1: 1, positives: 2, negatives: 1 },
    ]);
  });

  it('has 20 bins by default', () => {
    const h = scoreHistogram([0.42], [1]);
    expect(h).toHaveLength(20);
    expect(h[8]).toEqual({ bin0: 0.4, bin1: 0.45, positives: 1, negatives: 0 });
  });
});
