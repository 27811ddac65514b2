import { describe, expect, it } from 'vitest';
import type { TruthTable } from '../events/types';
import { LABEL } from '../labels/types';
import { pickTruthExamples } from './truthExamples';

const { positive: P, negative: N, unlabelled: U, conflict: C } = LABEL;

describe('pickTruthExamples', () => {
  const userIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const scores = Float32Array.from([0.9, 0.8, 0.3, 0.7, 0.2, 0.6, 0.1, 0.95]);
  const ruleLabels = Uint8Array.from([P, U, U, N, N, U, C, P]);
  const truth: TruthTable = {
    userIds: ['a', 'b', 'c', 'd', 'f', 'e', 'zz', 'g'],
    labels: Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0]),
    stages: ['pregnant', 'pregnant', 'pregnant', 'recent mother', 'recent mother', 'other', 'pregnant', null],
  };

  it('puts each truth user in the cell an analyst asks about, with score and stage', () => {
    const r = pickTruthExamples({ userIds, scores, truth, ruleLabels, threshold: 0.5 });
    // a is truly positive but labelled by the rules; h is not in the truth file; zz is not in the data
    expect(r.foundOutsideRules).toEqual([{ userId: 'b', score: scores[1], stage: 'pregnant' }]);
    expect(r.missedOutsideRules).toEqual([{ userId: 'c', score: scores[2], stage: 'pregnant' }]);
    expect(r.falselyTagged.map((e) => [e.userId, e.stage])).toEqual([
      ['d', 'recent mother'],
      ['f', 'recent mother'],
    ]);
  });

  it('follows the threshold', () => {
    const r = pickTruthExamples({ userIds, scores, truth, ruleLabels, threshold: 0.85 });
    expect(r.foundOutsideRules).toEqual([]);
    expect(r.missedOutsideRules.map((e) => e.userId)).toEqual(['c', 'b']);
    expect(r.falselyTagged).toEqual([]);
  });

  it('keeps the most telling few per cell and leaves out users without a score', () => {
    const n = 12;
    const ids = Array.from({ length: n }, (_, i) => `u${i}`);
    const s = Float32Array.from(ids, (_, i) => (i === 11 ? NaN : i / n));
    const many: TruthTable = { userIds: ids, labels: new Uint8Array(n).fill(1), stages: null };
    const r = pickTruthExamples(
      { userIds: ids, scores: s, truth: many, ruleLabels: new Uint8Array(n).fill(U), threshold: 0.5 },
      3,
    );
    // tagged: u6..u10 (u11 has no score), highest first; missed: u0..u5, lowest first
    expect(r.foundOutsideRules.map((e) => e.userId)).toEqual(['u10', 'u9', 'u8']);
    expect(r.missedOutsideRules.map((e) => e.userId)).toEqual(['u0', 'u1', 'u2']);
    expect(r.foundOutsideRules[0].stage).toBeNull();
  });
});
