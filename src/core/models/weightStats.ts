// Summary statistics and a bounded, reproducible sample of one weight tensor, for the per-layer weight histograms.
// Pure: takes the flat values and the shape, so it runs in the worker, under Vitest and in the CLI alike.

import { createRandom } from '../random';

export interface WeightStats {
  shape: number[];
  count: number;
  mean: number;
  /** population standard deviation */
  std: number;
  min: number;
  max: number;
  /** at most `maxSample` values, taken at an even stride from a seeded offset (all values when they fit) */
  sample: Float32Array;
}

export interface WeightSampleOptions {
  /** upper bound on the sample length; default 5,000 */
  maxSample?: number;
  /** picks the first sampled index, so the same tensor always gives the same sample; default 1 */
  seed?: number;
}

export const DEFAULT_WEIGHT_SAMPLE = 5000;

/** Mean, std, min and max of the values (accumulated in double precision; NaN stats for an empty tensor). */
function computeMoments(values: Float32Array) {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = values.length;
  const mean = n > 0 ? sum / n : NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: n > 0 ? Math.sqrt(squares / n) : NaN, min: n > 0 ? min : NaN, max: n > 0 ? max : NaN };
}

/** Every `stride`-th value starting at a seeded offset inside the first stride, capped at `maxSample` values. */
export function sampleEvenly(values: Float32Array, maxSample: number, seed: number): Float32Array {
  const limit = Math.max(0, Math.floor(maxSample));
  if (values.length <= limit) return values.slice();
  const stride = Math.ceil(values.length / limit);
  const offset = Math.floor(createRandom(seed)() * stride);
  const length = Math.min(limit, Math.ceil((values.length - offset) / stride));
  const sample = new Float32Array(length);
  for (let i = 0; i < length; i++) sample[i] = values[offset + i * stride];
  return sample;
}

/** The stats and sample of one weight tensor; throws when the shape does not describe the values. */
export function summariseWeightTensor(
  values: Float32Array,
  shape: readonly number[],
  options: WeightSampleOptions = {},
): WeightStats {
  const expected = shape.reduce((product, d) => product * d, 1);
  if (expected !== values.length) {
    throw new Error(
      `A weight of shape [${shape.join(', ')}] needs ${expected} values, got ${values.length}.`,
    );
  }
  const sample = sampleEvenly(values, options.maxSample ?? DEFAULT_WEIGHT_SAMPLE, options.seed ?? 1);
  return { shape: [...shape], count: values.length, ...computeMoments(values), sample };
}
