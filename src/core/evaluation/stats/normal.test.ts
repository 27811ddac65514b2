import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedPValue, Z95 } from './normal';

describe('the standard normal', () => {
  // reference values: the standard normal table (e.g. Abramowitz & Stegun 26.2), to the fit's 1e-7
  it('has the tabulated cdf and two-sided tails', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(-2)).toBeCloseTo(0.0227501, 6);
    expect(twoSidedPValue(Z95)).toBeCloseTo(0.05, 6);
    expect(twoSidedPValue(2.5758293)).toBeCloseTo(0.01, 6);
    expect(twoSidedPValue(0)).toBe(1);
    expect(twoSidedPValue(-3.2905267)).toBeCloseTo(0.001, 6);
  });
});
