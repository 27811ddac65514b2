import { describe, expect, it } from 'vitest';
import { evaluateAgainstTruth } from './truth';
import { estimateTruthIntervals } from './truthIntervals';
import { LABEL } from '../labels/types';

describe('estimateTruthIntervals', () => {
  const userIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const input = {
    userIds,
    scores: Float32Array.from([0.9, 0.8, 0.3, 0.7, 0.2, 0.1, 0.6, 0.4]),
    ruleLabels: Uint8Array.from(
      [1, 0, 0, 2, 2, 0, 1, 2].map((v) => [LABEL.unlabelled, LABEL.positive, LABEL.negative][v]),
    ),
    truth: {
      userIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'zz'],
      labels: Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0, 1]),
      stages: ['p', 'p', 'p', 'w', 'w', 'w', 'p', 'w', 'p'],
    },
  };

  it('gives Wilson intervals on stage tag rates and truth metrics over the matched users', () => {
    const evaluation = evaluateAgainstTruth(input);
    const t = estimateTruthIntervals(input, evaluation, { resamples: 1000, seed: 3 });
    expect(t.metrics.users).toBe(8);
    expect(t.metrics.metrics.rocAuc.value).toBeCloseTo(evaluation.metrics.rocAuc, 12);
    expect(t.metrics.metrics.accuracy.value).toBeCloseTo(evaluation.metrics.accuracy, 12);
    const p = t.byStage.find((s) => s.stage === 'p');
    // 3 of 4 pregnant users tagged at 0.5: Wilson 95% [0.3006, 0.9544] (closed form, z = 1.959964)
    expect(p?.tagged).toBe(3);
    expect(p?.tagRate.value).toBe(0.75);
    expect(p?.tagRate.ci95[0]).toBeCloseTo(0.3006, 4);
    expect(p?.tagRate.ci95[1]).toBeCloseTo(0.9544, 4);
    expect(t.ruleAgreement.value).toBeCloseTo(evaluation.ruleAgreement.rate, 12);
  });
});
