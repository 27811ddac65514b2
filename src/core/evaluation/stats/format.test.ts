import { describe, expect, it } from 'vitest';
import { estimateToJson, formatEstimate } from './format';

describe('formatEstimate', () => {
  it('writes a value with its interval, and a dash where undefined', () => {
    expect(formatEstimate({ value: 0.92312, ci95: [0.8914, 0.95101] })).toBe('0.923 [0.891, 0.951]');
    expect(formatEstimate({ value: NaN, ci95: [NaN, NaN] })).toBe('—');
    expect(estimateToJson({ value: NaN, ci95: [0.1, NaN] })).toEqual({ value: null, ci95: [0.1, null] });
  });
});
