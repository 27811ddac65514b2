// One way to write a figure with its interval, for the tables, the CLI and reports: `0.923 [0.891, 0.951]`.

import type { Estimate } from './estimate';

const fixed = (x: number | null, digits: number) => (x === null || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** `0.923 [0.891, 0.951]`; "—" for undefined parts (null after JSON, or NaN). */
export function formatEstimate(e: Estimate, digits = 3): string {
  const [lo, hi] = e.ci95;
  if ((lo === null || Number.isNaN(lo)) && (hi === null || Number.isNaN(hi))) return fixed(e.value, digits);
  return `${fixed(e.value, digits)} [${fixed(lo, digits)}, ${fixed(hi, digits)}]`;
}

/** NaN → null, so `--json` and stored records hold null where a figure is undefined. */
export function estimateToJson(e: Estimate): { value: number | null; ci95: [number | null, number | null] } {
  const n = (x: number) => (Number.isNaN(x) ? null : x);
  return { value: n(e.value), ci95: [n(e.ci95[0]), n(e.ci95[1])] };
}
