import { describe, expect, it } from 'vitest';
import { sampleEvenly, summariseWeightTensor } from './weightStats';

describe('summariseWeightTensor', () => {
  it('gives the exact mean, population std, min and max of a tiny tensor', () => {
    const stats = summariseWeightTensor(new Float32Array([1, 2, 3, 4, -2, 4]), [2, 3]);
    expect(stats.count).toBe(6);
    expect(stats.shape).toEqual([2, 3]);
    expect(stats.mean).toBe(2);
    // squared deviations 1, 0, 1, 4, 16, 4 → 26 / 6
    expect(stats.std).toBeCloseTo(Math.sqrt(26 / 6), 12);
    expect(stats.min).toBe(-2);
    expect(stats.max).toBe(4);
  });

  it('keeps every value as the sample when the tensor fits, as a copy', () => {
    const values = new Float32Array([0.5, -0.25, 0.75]);
    const stats = summariseWeightTensor(values, [3]);
    expect([...stats.sample]).toEqual([0.5, -0.25, 0.75]);
    expect(stats.sample.buffer).not.toBe(values.buffer);
  });

  it('rejects a shape that does not match the number of values', () => {
    expect(() => summariseWeightTensor(new Float32Array(5), [2, 3])).toThrow(/needs 6 values, got 5/);
  });
});

describe('sampleEvenly', () => {
  const values = Float32Array.from({ length: 10_007 }, (_, i) => i);

  it('is bounded by the cap and takes values at an even stride', () => {
    const sample = sampleEvenly(values, 1000, 3);
    expect(sample.length).toBeLessThanOrEqual(1000);
    expect(sample.length).toBeGreaterThan(900);
    const stride = sample[1] - sample[0];
    expect(stride).toBe(11);
    for (let i = 1; i < sample.length; i++) expect(sample[i] - sample[i - 1]).toBe(stride);
    expect(sample[0]).toBeLessThan(stride);
  });

  it('gives the same sample for the same seed and can differ for another seed', () => {
    expect([...sampleEvenly(values, 500, 7)]).toEqual([...sampleEvenly(values, 500, 7)]);
    const offsets = new Set([1, 2, 3, 4, 5, 6].map((seed) => sampleEvenly(values, 500, seed)[0]));
    expect(offsets.size).toBeGreaterThan(1);
  });
});
