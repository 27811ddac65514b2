import { describe, expect, it } from 'vitest';
import { histogramBins } from './histogram';

describe('histogramBins', () => {
  it('counts every finite value once in equal-width bins, the maximum in the last bin', () => {
    const bins = histogramBins(Float32Array.from([0, 0.1, 0.2, 0.5, 0.99, 1, Number.NaN]), 4);
    expect(bins).toEqual({ min: 0, max: 1, counts: [3, 0, 1, 2] });
  });

  it('gives one bin for a constant sample and none for an empty one', () => {
    expect(histogramBins([2, 2, 2], 10)).toEqual({ min: 2, max: 2, counts: [3] });
    expect(histogramBins([], 10)).toEqual({ min: 0, max: 0, counts: [] });
  });
});
