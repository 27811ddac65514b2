// Reading single cells of an event row for the import's hot loop: trimming only when needed, counts from their
// digits, and the same checks done in place on a range of the file's text.

import type { SkipReason } from './importTypes';

/** Trims only when the value has surrounding spaces (most do not, and trim is not free). */
export function clean(s: string): string {
  const n = s.length;
  return n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32) ? s : s.trim();
}

/** True when text[start, end) is non-empty and clean() would keep it as it is. */
export function isTidy(text: string, start: number, end: number): boolean {
  return start < end && text.charCodeAt(start) > 32 && text.charCodeAt(end - 1) > 32;
}

const COUNT_BAD = -1;
const COUNT_NEGATIVE = -2;
const COUNT_ZERO = -3;

/** A count cell as a positive number; empty means 1. Returns a COUNT_* code (negative) for bad values. */
export function parseCount(raw: string): number {
  const n = raw.length;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return parseCountSlow(raw);
    v = v * 10 + c;
  }
  return n === 0 ? 1 : v === 0 ? COUNT_ZERO : v;
}

function parseCountSlow(raw: string): number {
  const s = raw.trim();
  if (s === '') return 1;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return COUNT_BAD;
  const v = Number(s);
  return !Number.isFinite(v) ? COUNT_BAD : v < 0 ? COUNT_NEGATIVE : v === 0 ? COUNT_ZERO : v;
}

/** What parseCount's negative codes mean in the report. */
export const COUNT_REASON: Record<number, SkipReason> = {
  [COUNT_BAD]: 'bad-count',
  [COUNT_NEGATIVE]: 'negative-count',
  [COUNT_ZERO]: 'zero-count',
};

/** A count cell text[start, end) read in place when it is plain digits and not zero; -1 for anything else. */
export function countInPlace(text: string, start: number, end: number): number {
  if (start === end) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v === 0 ? -1 : v;
}
