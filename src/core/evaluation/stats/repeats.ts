// Repeated runs (k seeds, or k folds) summarised as mean ± sd, and learning curves as a band.

export interface MeanSd {
  mean: number;
  /** sample standard deviation (n − 1); NaN for a single run */
  sd: number;
  n: number;
}

/** Mean ± sd of the finite values (undefined metrics of a run are left out, and n says how many counted). */
export function summariseRepeats(values: readonly number[]): MeanSd {
  const kept = values.filter((v) => Number.isFinite(v));
  const n = kept.length;
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const mean = kept.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? NaN : Math.sqrt(kept.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

/** Per metric name, mean ± sd over the runs that report it. */
export function summariseRepeatedMetrics<K extends string>(
  runs: readonly Partial<Record<K, number>>[],
): Record<K, MeanSd> {
  const names = new Set<K>();
  for (const run of runs) for (const name of Object.keys(run) as K[]) names.add(name);
  const out = {} as Record<K, MeanSd>;
  for (const name of names)
    out[name] = summariseRepeats(runs.map((r) => r[name]).filter((v): v is number => v !== undefined));
  return out;
}

/**
 * A learning-curve band: per epoch, mean ± sd over the runs that reached it (early stopping ends runs at different
 * epochs; `n` says how many runs each point rests on).
 */
export function summariseCurves(curves: readonly (readonly number[])[]): MeanSd[] {
  const length = Math.max(0, ...curves.map((c) => c.length));
  return Array.from({ length }, (_, epoch) =>
    summariseRepeats(curves.filter((c) => c.length > epoch).map((c) => c[epoch])),
  );
}
