import { describe, expect, it } from 'vitest';
import { comparePaired } from './paired';
import { syntheticScores } from './testData';

describe('comparePaired', () => {
  it('names no winner for identical score vectors: every difference exactly 0', () => {
    const { scores, labels } = syntheticScores(300, 0.3, 1, 2);
    const c = comparePaired(scores, Float64Array.from(scores), labels, { resamples: 1000 });
    for (const d of Object.values(c.differences)) {
      expect(d.value).toBe(0);
      expect(d.ci95).toEqual([0, 0]);
    }
    expect(c.verdict.winner).toBeNull();
    expect(c.verdict.message).toMatch(/cannot tell A and B apart/);
    expect(Object.values(c.winners).every((w) => w === null)).toBe(true);
  });

  it('names no winner on 40 validation users when two similar models differ by noise', () => {
    // the case the issue saw: about 20 + 20 validation users, two models of the same quality
    const { scores: base, labels } = syntheticScores(40, 0.5, 2.5, 40);
    const { scores: noiseA } = syntheticScores(40, 0.5, 0, 41);
    const { scores: noiseB } = syntheticScores(40, 0.5, 0, 42);
    const a = Float64Array.from(base, (s, i) => s + 0.15 * noiseA[i]);
    const b = Float64Array.from(base, (s, i) => s + 0.15 * noiseB[i]);
    const c = comparePaired(a, b, labels, { names: { a: 'shallow', b: 'dual' } });
    expect(c.auc.difference.value).not.toBe(0);
    expect(c.verdict.winner).toBeNull();
    expect(c.verdict.message).toMatch(/cannot tell shallow and dual apart/);
  });

  it('names the better model when the interval excludes zero, with the paired bootstrap agreeing', () => {
    const { scores: good, labels } = syntheticScores(1500, 0.3, 2, 51);
    const { scores: noise } = syntheticScores(1500, 0.3, 0, 52);
    const weak = Float64Array.from(good, (s, i) => 0.3 * s + 0.7 * noise[i]);
    const c = comparePaired(weak, good, labels, { names: { a: 'lstm', b: 'dual' }, resamples: 1000 });
    expect(c.verdict.winner).toBe('b');
    expect(c.verdict.message).toMatch(/^dual ranks better/);
    expect(c.differences.rocAuc.ci95[1]).toBeLessThan(0);
    expect(c.winners.prAuc).toBe('b');
    expect(c.differences.prAuc.ci95[1]).toBeLessThan(0);
  });
});
