// The shape every figure with uncertainty takes, in the UI, the records and `--json`.

/** A point estimate and its 95% interval; NaN (null after JSON) where undefined, e.g. AUC with one class. */
export interface Estimate {
  value: number;
  ci95: [number, number];
}

export const UNDEFINED_ESTIMATE: Estimate = { value: NaN, ci95: [NaN, NaN] };

/** Clamps an interval into [lo, hi] (AUC and rates live in [0, 1]; differences in [−1, 1]). */
export function clampInterval(lo: number, hi: number, min: number, max: number): [number, number] {
  return [Math.min(max, Math.max(min, lo)), Math.min(max, Math.max(min, hi))];
}
