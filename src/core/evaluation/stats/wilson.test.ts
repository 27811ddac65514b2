import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  // Newcombe RG (1998), Two-sided confidence intervals for the single proportion, Stat Med 17:857–872, Table I,
  // method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('matches Newcombe 1998 Table I for %i/%i', (x, n, lo, hi) => {
    const w = wilsonInterval(x, n);
    expect(w.value).toBeCloseTo(x / n, 12);
    expect(w.ci95[0]).toBeCloseTo(lo, 4);
    expect(w.ci95[1]).toBeCloseTo(hi, 4);
  });

  it('is symmetric: x of n mirrors n − x of n', () => {
    const a = wilsonInterval(3, 17);
    const b = wilsonInterval(14, 17);
    expect(a.ci95[0]).toBeCloseTo(1 - b.ci95[1], 12);
    expect(a.ci95[1]).toBeCloseTo(1 - b.ci95[0], 12);
    expect(wilsonInterval(20, 20).ci95[1]).toBe(1);
  });

  it('is undefined without trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0).value).toBeNaN();
    expect(() => wilsonInterval(5, 4)).toThrow(/successes/);
  });
});
