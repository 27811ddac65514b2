// Wilson score intervals for a proportion (e.g. a stage's tag rate): unlike the Wald interval they stay inside
// [0, 1] and keep near-nominal coverage for small counts and rates near 0 or 1 (Newcombe 1998, method 3).

import type { Estimate } from './estimate';
import { Z95 } from './normal';

/** successes / trials with its 95% Wilson score interval; NaN everywhere when there are no trials. */
export function wilsonInterval(successes: number, trials: number, z = Z95): Estimate {
  if (!(trials > 0)) return { value: NaN, ci95: [NaN, NaN] };
  if (successes < 0 || successes > trials)
    throw new Error(`Wilson interval needs 0 ≤ successes ≤ trials, got ${successes} of ${trials}.`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials);
  const denominator = 1 + z2 / trials;
  // exact ends at 0 and n, where rounding would otherwise leave 1e-17 instead of 0
  const lo = successes === 0 ? 0 : (centre - spread) / denominator;
  const hi = successes === trials ? 1 : (centre + spread) / denominator;
  return { value: p, ci95: [lo, hi] };
}
