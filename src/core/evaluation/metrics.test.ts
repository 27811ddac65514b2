import { describe, expect, it } from 'vitest';
import { computeAveragePrecision, computeBinaryMetrics, computeRocAuc, reviveBinaryMetrics } from './metrics';

// Hand example: positives score 0.9, 0.8, 0.6, 0.4; negatives 0.8, 0.5, 0.4, 0.1 (ties at 0.8 and 0.4).
const scores = [0.9, 0.8, 0.8, 0.6, 0.5, 0.4, 0.4, 0.1];
const labels = [1, 1, 0, 1, 0, 1, 0, 0];

/** Pairwise definition of ROC AUC, to check the tie-group pass against. */
function bruteForceAuc(s: number[], l: number[]): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    if (l[i] !== 1) continue;
    for (let j = 0; j < s.length; j++) {
      if (l[j] !== 0) continue;
      pairs++;
      u += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return u / pairs;
}

describe('computeBinaryMetrics', () => {
  it('counts ties as one half in ROC AUC (average ranks: U = 22 − 10 = 12 of 16 pairs)', () => {
    expect(computeRocAuc(scores, labels)).toBeCloseTo(0.75, 12);
  });

  it('computes average precision step-wise with tied scores entering together', () => {
    expect(computeAveragePrecision(scores, labels)).toBeCloseTo((1 + 2 / 3 + 3 / 4 + 4 / 7) / 4, 12);
  });

  it('gives hand-computed accuracy, precision, recall, F1 and confusion counts at 0.5', () => {
    const m = computeBinaryMetrics(scores, labels);
    expect({ tp: m.tp, fp: m.fp, tn: m.tn, fn: m.fn, n: m.n }).toEqual({ tp: 3, fp: 2, tn: 2, fn: 1, n: 8 });
    expect(m.accuracy).toBeCloseTo(5 / 8, 12);
    expect(m.precision).toBeCloseTo(3 / 5, 12);
    expect(m.recall).toBeCloseTo(3 / 4, 12);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
    expect(m.threshold).toBe(0.5);
  });

  it('tags a score exactly on the threshold, and not one just below it', () => {
    const on = computeBinaryMetrics(scores, labels, 0.5);
    const above = computeBinaryMetrics(scores, labels, 0.5000001);
    expect(on.fp).toBe(2);
    expect(above.fp).toBe(1);
    expect(above.tn).toBe(3);
    const atTie = computeBinaryMetrics(scores, labels, 0.8);
    expect([atTie.tp, atTie.fp]).toEqual([2, 1]);
  });

  it('gives precision 0 and F1 0 when nobody is tagged', () => {
    const m = computeBinaryMetrics(scores, labels, 1.01);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([0, 0, 4, 4]);
    expect(m.precision).toBe(0);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.rocAuc).toBeCloseTo(0.75, 12);
  });

  it('reports ROC AUC as NaN when there are no negatives, while average precision is 1', () => {
    const m = computeBinaryMetrics([0.2, 0.7, 0.9], [1, 1, 1]);
    expect(m.rocAuc).toBeNaN();
    expect(m.prAuc).toBe(1);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.precision).toBe(1);
  });

  it('reports ROC AUC, PR AUC, recall and F1 as NaN when there are no positives', () => {
    const m = computeBinaryMetrics([0.2, 0.7, 0.9], [0, 0, 0]);
    expect(m.rocAuc).toBeNaN();
    expect(m.prAuc).toBeNaN();
    expect(m.recall).toBeNaN();
    expect(m.f1).toBeNaN();
    expect(m.precision).toBe(0);
    expect(m.accuracy).toBeCloseTo(1 / 3, 12);
  });

  it('reports accuracy as NaN for no users at all', () => {
    const m = computeBinaryMetrics([], []);
    expect(m.n).toBe(0);
    expect(m.accuracy).toBeNaN();
    expect(m.rocAuc).toBeNaN();
  });

  it('gives 0.5 for all-tied scores, 1 for perfect and 0 for reversed ranking', () => {
    expect(computeRocAuc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0])).toBe(0.5);
    expect(computeRocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(computeRocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    // all tied: precision is the base rate at the only threshold
    expect(computeAveragePrecision([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 0])).toBe(0.25);
  });

  it('matches the pairwise definition of AUC on many tied scores', () => {
    const s: number[] = [];
    const l: number[] = [];
    for (let i = 0; i < 300; i++) {
      s.push(Math.round(Math.abs(Math.sin(i * 12.9898)) * 10) / 10);
      l.push(Math.cos(i * 78.233) > 0.1 ? 1 : 0);
    }
    expect(computeRocAuc(s, l)).toBeCloseTo(bruteForceAuc(s, l), 12);
  });

  it('ranks NaN scores lowest and never tags them', () => {
    const m = computeBinaryMetrics([NaN, 0.6, 0.4], [0, 1, 0]);
    expect([m.tp, m.fp, m.tn]).toEqual([1, 0, 2]);
    expect(m.rocAuc).toBe(1);
  });

  it('rejects scores and labels of different lengths with a message', () => {
    expect(() => computeBinaryMetrics([0.1, 0.2], [1])).toThrow(/2 scores but 1 labels/);
  });

  it('writes undefined metrics as null in JSON and revives them as NaN', () => {
    const json = JSON.stringify(computeBinaryMetrics([0.2, 0.7], [0, 0]));
    expect(JSON.parse(json).rocAuc).toBeNull();
    const back = reviveBinaryMetrics(JSON.parse(json));
    expect(back.rocAuc).toBeNaN();
    expect(back.precision).toBe(0);
    expect(back.fp).toBe(1);
  });
});
