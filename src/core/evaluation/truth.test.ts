import { describe, expect, it } from 'vitest';
import type { TruthTable } from '../events/types';
import { LABEL } from '../labels/types';
import { evaluateAgainstTruth } from './truth';

const userIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const scores = Float32Array.from([0.9, 0.8, 0.3, 0.7, 0.2, 0.6, 0.1, 0.95]);
const { positive: P, negative: N, unlabelled: U, conflict: C } = LABEL;
const ruleLabels = Uint8Array.from([P, U, U, N, N, U, C, P]);

const truth: TruthTable = {
  userIds: ['a', 'b', 'c', 'd', 'f', 'e', 'zz', 'g'],
  labels: Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0]),
  stages: ['pregnant', 'pregnant', 'pregnant', 'recent mother', 'recent mother', 'other', 'pregnant', null],
};

describe('evaluateAgainstTruth', () => {
  const r = evaluateAgainstTruth({ userIds, scores, truth, ruleLabels, threshold: 0.5 });

  it('counts truth users missing from the data instead of dropping them silently', () => {
    expect(r.matched).toBe(7);
    expect(r.missing).toBe(1);
    expect(r.missingExamples).toEqual(['zz']);
  });

  it('computes metrics over the matched truth users', () => {
    expect([r.metrics.tp, r.metrics.fn, r.metrics.fp, r.metrics.tn]).toEqual([2, 1, 2, 2]);
    expect(r.metrics.rocAuc).toBeCloseTo(10 / 12, 12);
    expect(r.metrics.recall).toBeCloseTo(2 / 3, 12);
  });

  it('breaks tag rates down by stage, in file order, with users lacking a stage grouped', () => {
    expect(r.byStage).toEqual([
      { stage: 'pregnant', users: 3, tagged: 2, tagRate: 2 / 3, truthLabel: 1 },
      { stage: 'recent mother', users: 2, tagged: 2, tagRate: 1, truthLabel: 0 },
      { stage: 'other', users: 1, tagged: 0, tagRate: 0, truthLabel: 0 },
      { stage: '(no stage)', users: 1, tagged: 0, tagRate: 0, truthLabel: 0 },
    ]);
  });

  it('measures recall on truly positive users the rules left unlabelled', () => {
    expect(r.unlabelledPositives).toEqual({ users: 2, tagged: 1, recall: 0.5 });
  });

  it('measures agreement with the rule labels over every rule-labelled user, conflicts excluded', () => {
    expect(r.ruleAgreement).toEqual({ users: 4, agree: 3, rate: 0.75 });
  });

  it('gives no stage breakdown without stages and marks a stage holding both labels as mixed', () => {
    const noStages = evaluateAgainstTruth({ userIds, scores, truth: { ...truth, stages: null }, ruleLabels });
    expect(noStages.byStage).toEqual([]);
    const mixed = evaluateAgainstTruth({
      userIds,
      scores,
      ruleLabels,
      truth: { userIds: ['a', 'd'], labels: Uint8Array.from([1, 0]), stages: ['x', 'x'] },
    });
    expect(mixed.byStage).toEqual([{ stage: 'x', users: 2, tagged: 2, tagRate: 1, truthLabel: 'mixed' }]);
    expect(mixed.unlabelledPositives.recall).toBeNaN();
  });

  it('refuses scores that do not cover every user', () => {
    expect(() => evaluateAgainstTruth({ userIds, scores: scores.subarray(0, 3), truth, ruleLabels })).toThrow(
      /one score and one rule label per user: got 3 scores/,
    );
  });
});
