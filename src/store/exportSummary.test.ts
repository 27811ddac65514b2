import { describe, expect, it } from 'vitest';
import { tagScores } from '../core/bundle';
import { LABEL } from '../core/labels';
import { buildScoreHistogram, countAtLeast, indexScores, summariseAtThreshold } from './exportSummary';

const P = LABEL.positive;
const N = LABEL.negative;
const C = LABEL.conflict;
const U = LABEL.unlabelled;

const scores = Float32Array.from([0.95, 0.2, 0.5, NaN, 0.7, 0.1, 1, 0.49999, 0.0]);
const labels = Uint8Array.from([P, N, U, U, U, C, P, N, U]);

describe('score summary', () => {
  it('counts tagged users by label source at a threshold, a score equal to it counting as tagged', () => {
    const summary = summariseAtThreshold(indexScores(scores, labels), 0.5);
    expect(summary).toEqual({
      threshold: 0.5,
      users: 9,
      tagged: 4,
      unscored: 1,
      bySource: {
        'rule-positive': { users: 2, tagged: 2 },
        'rule-negative': { users: 2, tagged: 0 },
        'rule-conflict': { users: 1, tagged: 0 },
        unlabelled: { users: 3, tagged: 2 },
      },
    });
  });

  it('re-tags at another threshold from the same index and agrees with the CSV tag rule', () => {
    const index = indexScores(scores, labels);
    for (const threshold of [0, 0.05, 0.1, 0.49999, 0.5, 0.69, 0.7, 0.95, 1]) {
      const expected = tagScores(scores, threshold).reduce((n, t) => n + t, 0);
      expect(summariseAtThreshold(index, threshold).tagged).toBe(expected);
    }
    expect(summariseAtThreshold(index, 0.15).bySource['rule-negative'].tagged).toBe(2);
  });

  it('binary search counts scores at or above the threshold at the edges', () => {
    const sorted = Float32Array.from([0.1, 0.5, 0.5, 0.8]);
    expect(countAtLeast(sorted, 0)).toBe(4);
    expect(countAtLeast(sorted, 0.5)).toBe(3);
    expect(countAtLeast(sorted, 0.50001)).toBe(1);
    expect(countAtLeast(sorted, 0.9)).toBe(0);
    expect(countAtLeast(new Float32Array(0), 0.5)).toBe(0);
  });

  it('histogram bins scores by source, a score of 1 in the last bin, NaN nowhere', () => {
    const bars = buildScoreHistogram(indexScores(scores, labels), 10);
    expect(bars).toHaveLength(10);
    expect(bars[0].from).toBe(0);
    expect(bars[9].to).toBe(1);
    expect(bars[9].counts['rule-positive']).toBe(2);
    expect(bars[0].counts.unlabelled).toBe(1);
    expect(bars[1].counts['rule-conflict']).toBe(1);
    expect(bars[4].counts['rule-negative']).toBe(1);
    expect(bars[5].counts.unlabelled).toBe(1);
    const total = bars.reduce((n, b) => n + Object.values(b.counts).reduce((a, c) => a + c, 0), 0);
    expect(total).toBe(8);
  });
});
