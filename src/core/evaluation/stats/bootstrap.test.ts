import { describe, expect, it } from 'vitest';
import { computeBinaryMetrics } from '../metrics';
import { drawBootstrap, metricColumn, percentileInterval, quantileSorted } from './bootstrap';
import { estimateMetrics } from './metricIntervals';
import { syntheticScores } from './testData';
import { measureWeighted, METRIC_COUNT, METRIC_NAMES, rankUsers } from './weightedMetrics';

function asRecord(values: Float64Array) {
  return Object.fromEntries(METRIC_NAMES.map((name, i) => [name, values[i]]));
}

function pointMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number) {
  const m = computeBinaryMetrics(scores, labels, threshold);
  return {
    rocAuc: m.rocAuc,
    prAuc: m.prAuc,
    accuracy: m.accuracy,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
  };
}

describe('measureWeighted', () => {
  it('equals computeBinaryMetrics with every weight 1, ties and NaN scores included', () => {
    const { scores, labels } = syntheticScores(300, 0.3, 1.2, 3, 1);
    scores[7] = NaN;
    for (const threshold of [0.5, 0.6, 0.7]) {
      const out = new Float64Array(METRIC_COUNT);
      measureWeighted(rankUsers(scores, labels, threshold), new Int32Array(300).fill(1), out);
      const expected = pointMetrics(scores, labels, threshold);
      for (const name of METRIC_NAMES) expect(asRecord(out)[name]).toBeCloseTo(expected[name], 12);
    }
  });

  it('equals computeBinaryMetrics on the resample built out, user by user, from the draw counts', () => {
    const { scores, labels } = syntheticScores(120, 0.4, 1, 8, 2);
    const counts = Int32Array.from({ length: 120 }, (_, i) => (i * 7) % 4);
    const s: number[] = [];
    const y: number[] = [];
    counts.forEach((c, i) => {
      for (let k = 0; k < c; k++) {
        s.push(scores[i]);
        y.push(labels[i]);
      }
    });
    const out = new Float64Array(METRIC_COUNT);
    measureWeighted(rankUsers(scores, labels, 0.5), counts, out);
    const expected = pointMetrics(s, y, 0.5);
    for (const name of METRIC_NAMES) expect(asRecord(out)[name]).toBeCloseTo(expected[name], 12);
  });
});

describe('the stratified bootstrap', () => {
  it('keeps the class sizes of every resample and is reproducible from its seed', () => {
    const { scores, labels } = syntheticScores(200, 0.25, 1, 4);
    const ranked = rankUsers(scores, labels, 0.5);
    const [a] = drawBootstrap([ranked], { resamples: 50, seed: 9 });
    const [b] = drawBootstrap([ranked], { resamples: 50, seed: 9 });
    const [c] = drawBootstrap([ranked], { resamples: 50, seed: 10 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.values)).not.toEqual(Array.from(c.values));
    // recall is always defined: every resample has positives
    expect(metricColumn(a, 'recall').every((v) => !Number.isNaN(v))).toBe(true);
  });

  it('gives intervals as wide as the closed-form binomial spread of accuracy and recall', () => {
    // Under stratified resampling recall is a binomial proportion over the n+ positives and accuracy a sum of two
    // independent ones: var(acc) = [n+ r(1−r) + n− s(1−s)] / n², r the recall and s the specificity. The 95%
    // percentile interval must match ±1.96 sd within the bootstrap's Monte Carlo error (2000 resamples: ~5%).
    const { scores, labels } = syntheticScores(1500, 0.3, 1.5, 12);
    const m = computeBinaryMetrics(scores, labels, 0.5);
    const nPos = m.tp + m.fn;
    const nNeg = m.tn + m.fp;
    const r = m.tp / nPos;
    const s = m.tn / nNeg;
    const sdAcc = Math.sqrt(nPos * r * (1 - r) + nNeg * s * (1 - s)) / m.n;
    const sdRecall = Math.sqrt((r * (1 - r)) / nPos);
    const e = estimateMetrics(scores, labels, { resamples: 2000, seed: 1 });
    const width = (name: 'accuracy' | 'recall') => e.metrics[name].ci95[1] - e.metrics[name].ci95[0];
    expect(width('accuracy') / (2 * 1.959964 * sdAcc)).toBeCloseTo(1, 1);
    expect(width('recall') / (2 * 1.959964 * sdRecall)).toBeCloseTo(1, 1);
    expect(e.metrics.accuracy.value).toBeCloseTo(m.accuracy, 12);
    expect(e.resamples).toBe(2000);
  });

  it('reports ROC AUC with the DeLong interval and the point values of computeBinaryMetrics', () => {
    const { scores, labels } = syntheticScores(400, 0.3, 1, 6);
    const e = estimateMetrics(scores, labels, { resamples: 1000 });
    const m = computeBinaryMetrics(scores, labels, 0.5);
    expect(e.metrics.rocAuc.value).toBeCloseTo(m.rocAuc, 12);
    expect(e.metrics.prAuc.value).toBeCloseTo(m.prAuc, 12);
    for (const name of METRIC_NAMES) {
      const { value, ci95 } = e.metrics[name];
      expect(ci95[0]).toBeLessThanOrEqual(value);
      expect(ci95[1]).toBeGreaterThanOrEqual(value);
    }
    expect(e.positives + e.negatives).toBe(400);
  });
});

describe('percentile helpers', () => {
  it("interpolate as R's quantile(type = 7) and skip NaN", () => {
    // R: quantile(1:10, c(0.025, 0.975)) → 1.225, 9.775
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.025)).toBeCloseTo(1.225, 12);
    expect(percentileInterval([10, NaN, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([
      expect.closeTo(1.225, 12),
      expect.closeTo(9.775, 12),
    ]);
  });
});
