// Histogram bins for the weight distributions: equal-width bins over the sample's range, computed in one pass.

export interface HistogramBins {
  /** left edge of the first bin */
  min: number;
  /** right edge of the last bin */
  max: number;
  counts: number[];
}

/** Equal-width bins over [min, max] of the finite values (a constant sample gets one bin, min = max). */
export function histogramBins(values: ArrayLike<number>, binCount: number): HistogramBins {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 0, counts: [] };
  if (min === max) return { min, max, counts: [countFinite(values)] };
  const counts = new Array<number>(binCount).fill(0);
  const scale = binCount / (max - min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    // the maximum falls in the last bin, not one past it
    counts[Math.min(binCount - 1, Math.floor((v - min) * scale))]++;
  }
  return { min, max, counts };
}

function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  return n;
}
