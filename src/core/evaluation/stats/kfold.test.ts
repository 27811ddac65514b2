import { describe, expect, it } from 'vitest';
import { assignStratifiedFolds, collectOutOfFoldScores } from './kfold';
import { summariseCurves, summariseRepeatedMetrics, summariseRepeats } from './repeats';

describe('assignStratifiedFolds', () => {
  it('deals each class evenly over 5 folds, reproducibly from the seed', () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 26 positives, 77 negatives
    const folds = assignStratifiedFolds(labels, { seed: 4 });
    for (let f = 0; f < 5; f++) {
      const rows = [...folds.keys()].filter((i) => folds[i] === f);
      const pos = rows.filter((i) => labels[i] === 1).length;
      expect(pos === 5 || pos === 6).toBe(true);
      expect(rows.length === 20 || rows.length === 21).toBe(true);
    }
    expect(Array.from(assignStratifiedFolds(labels, { seed: 4 }))).toEqual(Array.from(folds));
    expect(Array.from(assignStratifiedFolds(labels, { seed: 5 }))).not.toEqual(Array.from(folds));
    expect(() => assignStratifiedFolds([1, 0], { k: 3 })).toThrow(/cannot fill/);
  });

  it('scores every user exactly once, from a fold that did not train on it', async () => {
    const labels = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const seen = new Set<number>();
    const { scores } = await collectOutOfFoldScores(
      labels,
      async ({ train, test }) => {
        const trained = new Set(train);
        test.forEach((row) => {
          expect(trained.has(row)).toBe(false);
          expect(seen.has(row)).toBe(false);
          seen.add(row);
        });
        return Float32Array.from(test, (row) => row / 100);
      },
      { k: 4, seed: 2 },
    );
    expect(seen.size).toBe(30);
    expect(Array.from(scores)).toEqual(labels.map((_, i) => Math.fround(i / 100)));
  });
});

describe('summarising repeats', () => {
  it('gives mean ± sample sd, leaving out undefined values', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32 / 7) = 2.13809
    const s = summariseRepeats([2, 4, 4, 4, 5, 5, 7, 9, NaN]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.n).toBe(8);
    expect(summariseRepeats([0.9]).sd).toBeNaN();
    const m = summariseRepeatedMetrics([{ auc: 0.9, f1: 0.5 }, { auc: 0.8 }, { auc: 0.7, f1: 0.7 }]);
    expect(m.auc.mean).toBeCloseTo(0.8, 12);
    expect(m.auc.sd).toBeCloseTo(0.1, 12);
    expect(m.f1.n).toBe(2);
    const band = summariseCurves([
      [1, 0.5, 0.4],
      [0.9, 0.7],
    ]);
    expect(band.map((p) => p.n)).toEqual([2, 2, 1]);
    expect(band[1].mean).toBeCloseTo(0.6, 12);
  });
});
