import { describe, expect, it } from 'vitest';
import { hanleyMcNeilSe, resolvableAucDifference } from './resolvable';

describe('resolvableAucDifference', () => {
  it("reproduces Hanley & McNeil's (1982) SE of 0.032 for their CT example (A = 0.893, 51 / 58)", () => {
    expect(hanleyMcNeilSe(0.893, 51, 58)).toBeCloseTo(0.0325, 4);
  });

  it('is 1.96·sqrt(2·(1 − r))·SE, and shrinks as the validation set grows', () => {
    const small = resolvableAucDifference(20, 20, 0.9);
    expect(small.difference).toBeCloseTo(1.959964 * Math.SQRT2 * hanleyMcNeilSe(0.9, 20, 20), 6);
    const paired = resolvableAucDifference(20, 20, 0.9, 0.5);
    expect(paired.difference).toBeCloseTo(small.difference * Math.sqrt(0.5), 10);
    expect(resolvableAucDifference(200, 200, 0.9).difference).toBeLessThan(small.difference / 3);
  });

  it('does not claim a perfect AUC on 40 users resolves tiny differences', () => {
    // at AUC 1 the variance vanishes: the cap keeps the answer honest (0.025 was the 1.000 vs 0.975)
    const r = resolvableAucDifference(20, 20, 1);
    expect(r.difference).toBeGreaterThan(0.025);
    expect(r.method).toMatch(/Hanley–McNeil/);
  });
});
