import { describe, expect, it } from 'vitest';
import { auditLabels } from './labelAudit';

describe('auditLabels', () => {
  // worked by hand: t1 = mean(0.9, 0.8, 0.7, 0.1) = 0.625; t0 = mean(0.8, 0.9, 0.7, 0.05) = 0.6125
  const labels = [1, 1, 1, 1, 0, 0, 0, 0];
  const scores = [0.9, 0.8, 0.7, 0.1, 0.2, 0.1, 0.3, 0.95];
  const conditions = [['pos#1'], ['pos#1'], ['pos#2'], ['pos#2'], ['neg#1'], ['neg#1'], ['neg#1'], ['neg#1']];

  it('uses the per-class mean thresholds and flags the users whose confident class contradicts the label', () => {
    const a = auditLabels({ labels, scores, conditions, userIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    expect(a.thresholds.positive).toBeCloseTo(0.625, 12);
    expect(a.thresholds.negative).toBeCloseTo(0.6125, 12);
    expect(a.confidentJoint).toEqual([
      [3, 1],
      [1, 3],
    ]);
    // h (negative, 0.95): margin 0.9; d (positive, 0.1): margin 0.8
    expect(a.flagged.map((f) => f.userId)).toEqual(['h', 'd']);
    expect(a.flagged[0].margin).toBeCloseTo(0.9, 12);
    expect(a.noiseRate).toEqual({ positive: 0.25, negative: 0.25 });
    expect(a.byCondition).toEqual([
      { condition: 'pos#2', users: 2, flagged: 1, share: 0.5 },
      { condition: 'neg#1', users: 4, flagged: 1, share: 0.25 },
      { condition: 'pos#1', users: 2, flagged: 0, share: 0 },
    ]);
  });

  it('flags nothing when the scores agree with every label (a model that memorised the rules)', () => {
    const a = auditLabels({ labels, scores: labels.map((y) => (y ? 0.99 : 0.01)) });
    expect(a.flagged).toEqual([]);
    expect(a.noiseRate).toEqual({ positive: 0, negative: 0 });
    expect(a.byCondition).toEqual([]);
  });

  it('leaves users with no confident class out of the joint', () => {
    // t1 = 0.55, t0 = 0.55: a positive at 0.5 passes neither threshold
    const a = auditLabels({ labels: [1, 1, 0, 0], scores: [0.6, 0.5, 0.4, 0.5] });
    expect(a.confidentJoint[1][0] + a.confidentJoint[1][1]).toBe(1);
  });
});
