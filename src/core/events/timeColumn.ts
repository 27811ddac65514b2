// A time column may mix forms (ISO dates, ISO date-times, SQL date-times, compact dates, Unix seconds or
// milliseconds, slashed dates): the column's most common form is tried first, and a value it cannot read is read
// by the form it has. Only day-first versus month-first is decided once per column, since 03/04/2024 reads both ways.

import { TIME_PARSERS, classifyTime, slashDateParts } from './timeFormats';
import type { DateOrder, TimeFormat } from './importTypes';

export interface TimeColumn {
  /** the form most sample values have: tried first on every row */
  format: TimeFormat;
  /** every form seen in the sample, most common first */
  forms: TimeFormat[];
  /** how slashed dates are read; null when the sample holds none */
  dateOrder: DateOrder | null;
  /** why that order, in words for the report; null when the sample holds no slashed dates */
  dateOrderReason: string | null;
}

const isSlashed = (f: TimeFormat | null): boolean => f === 'day-first' || f === 'month-first';

/** Day-first unless some value's second number cannot be a month; a tie (or no evidence) says so in the reason. */
export function decideDateOrder(values: readonly string[]): { order: DateOrder; reason: string } | null {
  let slashed = 0;
  let dayFirstOnly = 0;
  let monthFirstOnly = 0;
  for (const v of values) {
    const p = slashDateParts(v.trim());
    if (!p) continue;
    slashed++;
    if (p.first > 12 && p.second <= 12) dayFirstOnly++;
    if (p.second > 12 && p.first <= 12) monthFirstOnly++;
  }
  if (slashed === 0) return null;
  if (monthFirstOnly > dayFirstOnly)
    return {
      order: 'month-first',
      reason: `month-first: ${monthFirstOnly} of ${slashed} slashed dates have a second number above 12`,
    };
  if (dayFirstOnly > 0)
    return {
      order: 'day-first',
      reason: `day-first: ${dayFirstOnly} of ${slashed} slashed dates have a first number above 12`,
    };
  return {
    order: 'day-first',
    reason: `day-first assumed: none of ${slashed} slashed dates has a number above 12; choose month-first if wrong`,
  };
}

/**
 * The forms of a column from sample values, provided at least `minShare` of the non-empty values are readable
 * by some form; null otherwise.
 */
export function detectTimeColumn(values: readonly string[], minShare = 0.6): TimeColumn | null {
  const order = decideDateOrder(values);
  const votes = new Map<TimeFormat, number>();
  let nonEmpty = 0;
  let readable = 0;
  for (const v of values) {
    if (v.trim() === '') continue;
    nonEmpty++;
    let f = classifyTime(v);
    if (isSlashed(f)) f = order!.order;
    if (f === null || TIME_PARSERS[f](v.trim()) !== TIME_PARSERS[f](v.trim())) continue;
    readable++;
    votes.set(f, (votes.get(f) ?? 0) + 1);
  }
  if (nonEmpty === 0 || readable === 0 || readable < minShare * nonEmpty) return null;
  const forms = [...votes].sort((a, b) => b[1] - a[1]).map(([f]) => f);
  return {
    format: forms[0],
    forms,
    dateOrder: order?.order ?? null,
    dateOrderReason: order?.reason ?? null,
  };
}

/** The column's most common form, or null when too few values are times (see detectTimeColumn). */
export function detectTimeFormat(values: readonly string[], minShare = 0.6): TimeFormat | null {
  return detectTimeColumn(values, minShare)?.format ?? null;
}

// Tried in this order when the column's own form fails; all but the slashed pair exclude one another.
const FALLBACK_FORMS: readonly TimeFormat[] = [
  'iso-date',
  'iso-datetime',
  'sql-datetime',
  'unix-s',
  'unix-ms',
  'yyyymmdd',
];

/**
 * Reads a value its column's own form could not read: returns the day and sets `formOut[0]` to the form that read
 * it, or NaN. Kept out of the hot loop's fast path, which calls it only on a miss.
 */
export function parseOtherForm(value: string, dateOrder: DateOrder, formOut: TimeFormat[]): number {
  const s = value.trim();
  for (const f of FALLBACK_FORMS) {
    const day = TIME_PARSERS[f](s);
    if (day === day) {
      formOut[0] = f;
      return day;
    }
  }
  const day = TIME_PARSERS[dateOrder](s);
  if (day === day) formOut[0] = dateOrder;
  return day;
}
