// Source behaviour values → canonical actions (DESIGN.md): purchase and click aliases, everything else skipped
// and reported unless the mapping says otherwise. The lookup caches each distinct raw value once.

import { ACTION_CODE, type Action } from './types';
import { detachString } from './storeBuilder';

export const PURCHASE_ALIASES: readonly string[] = ['buy', 'pay', 'order', 'transaction', 'purchase'];
export const CLICK_ALIASES: readonly string[] = ['pv', 'view', 'clk', 'click', 'browse'];

/** The canonical action of a raw value by the built-in aliases (case-insensitive), or 'skip'. */
export function proposeAction(value: string): Action | 'skip' {
  const v = value.trim().toLowerCase();
  if (PURCHASE_ALIASES.includes(v)) return 'purchase';
  if (CLICK_ALIASES.includes(v)) return 'click';
  return 'skip';
}

// A column with thousands of distinct values is not a behaviour column; stop listing them past this many.
const MAX_OTHER_BEHAVIOURS = 100;
/** ActionLookup.codeOf result for values that are no behaviour at all (blank, or past the list's limit). */
export const UNKNOWN_ACTION = -1;
/** ActionLookup.codeOf results from here on are other behaviours: code - FIRST_OTHER indexes `otherCounts`. */
export const FIRST_OTHER = 2;

/** Per-file lookup from raw action value to ACTION_CODE, UNKNOWN_ACTION or FIRST_OTHER + k, caching each raw value. */
export class ActionLookup {
  private readonly codes = new Map<string, number>();
  private readonly firstValues: string[] = [];
  private readonly firstCodes: number[] = [];
  private readonly explicit = new Map<string, Action | 'skip'>();
  private readonly otherIndex = new Map<string, number>();
  /** normalised other behaviours and their row counts (the caller increments the counts) */
  readonly otherNames: string[] = [];
  readonly otherCounts: number[] = [];

  constructor(actionMap: Record<string, Action | 'skip'> | undefined) {
    for (const [k, v] of Object.entries(actionMap ?? {})) this.explicit.set(k.trim().toLowerCase(), v);
  }

  codeOf(raw: string): number {
    // Behaviour columns hold a handful of values: comparing short strings beats hashing a fresh one per row.
    const first = this.firstValues;
    for (let i = 0; i < first.length; i++) if (first[i] === raw) return this.firstCodes[i];
    const cached = this.codes.get(raw);
    if (cached !== undefined) return cached;
    const code = this.decide(raw);
    const copy = detachString(raw);
    if (first.length < 8) {
      first.push(copy);
      this.firstCodes.push(code);
    } else if (this.codes.size < 10_000) this.codes.set(copy, code);
    return code;
  }

  /** codeOf for text[start, end), compared in place against the first values seen (no string cut per row). */
  codeOfRange(text: string, start: number, end: number): number {
    const first = this.firstValues;
    const n = end - start;
    for (let i = 0; i < first.length; i++) {
      const v = first[i];
      if (v.length !== n) continue;
      let k = 0;
      while (k < n && v.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === n) return this.firstCodes[i];
    }
    return this.codeOf(text.substring(start, end));
  }

  /** codeOf for a value given as UTF-8 bytes: ASCII compared in place against the first values seen. */
  codeOfBytes(bytes: Uint8Array, text: (bytes: Uint8Array) => string): number {
    const first = this.firstValues;
    const n = bytes.length;
    for (let i = 0; i < first.length; i++) {
      const v = first[i];
      if (v.length !== n) continue;
      let k = 0;
      while (k < n && bytes[k] < 0x80 && v.charCodeAt(k) === bytes[k]) k++;
      if (k === n) return this.firstCodes[i];
    }
    return this.codeOf(text(bytes));
  }

  /** Other behaviours with their row counts, as the report lists them. */
  others(): Record<string, number> {
    return Object.fromEntries(this.otherNames.map((n, i) => [n, this.otherCounts[i]]));
  }

  private decide(raw: string): number {
    const key = raw.trim().toLowerCase();
    if (key === '') return UNKNOWN_ACTION;
    const action = this.explicit.get(key) ?? proposeAction(key);
    if (action !== 'skip') return ACTION_CODE[action];
    let k = this.otherIndex.get(key);
    if (k === undefined) {
      if (this.otherNames.length >= MAX_OTHER_BEHAVIOURS) return UNKNOWN_ACTION;
      k = this.otherNames.length;
      this.otherIndex.set(key, k);
      this.otherNames.push(key);
      this.otherCounts.push(0);
    }
    return FIRST_OTHER + k;
  }
}
