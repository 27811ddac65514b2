// Time parsing for the import: each form has a specialised parser (character codes and integer arithmetic, no
// Date.parse) that turns a value into a UTC day number, or NaN. Which forms a column holds is decided in timeColumn.ts.

import type { TimeFormat } from './importTypes';

const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Value of `len` ASCII digits at `at`, or -1 when any of them is not a digit. */
function readDigits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Digit value of the character at i, or a large number when it is not a digit. Callers check the length first. */
function digit(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) >>> 0;
}

/** Day of the date written at `at` as YYYY-MM-DD (with dashes) or YYYYMMDD, NaN when invalid. Hot: no loops. */
function readDate(s: string, at: number, withDashes: boolean): number {
  const mAt = at + (withDashes ? 5 : 4);
  const dAt = mAt + (withDashes ? 3 : 2);
  const y0 = digit(s, at);
  const y1 = digit(s, at + 1);
  const y2 = digit(s, at + 2);
  const y3 = digit(s, at + 3);
  const m0 = digit(s, mAt);
  const m1 = digit(s, mAt + 1);
  const d0 = digit(s, dAt);
  const d1 = digit(s, dAt + 1);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return NaN;
  if (withDashes && (s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45)) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m))) return NaN;
  return dayFromCivil(y, m, d);
}

function parseIsoDate(s: string): number {
  return s.length === 10 ? readDate(s, 0, true) : NaN;
}

function parseYyyymmdd(s: string): number {
  return s.length === 8 ? readDate(s, 0, false) : NaN;
}

/** Minutes east of UTC from a suffix like Z, +05:30, -0800 or " UTC"; NaN when the suffix is not an offset. */
function readOffsetMinutes(s: string, at: number): number {
  const rest = s.length - at;
  if (rest === 0) return 0;
  const c = s.charCodeAt(at);
  if (rest === 1 && (c === 90 || c === 122)) return 0; // Z
  if (s.endsWith(' UTC') && rest === 4) return 0;
  if (c !== 43 && c !== 45) return NaN; // + or -
  const h = readDigits(s, at + 1, 2);
  const colon = s.charCodeAt(at + 3) === 58 ? 1 : 0;
  const m = rest === 3 ? 0 : readDigits(s, at + 3 + colon, 2);
  if (h < 0 || m < 0 || (rest !== 3 && rest !== 5 + colon)) return NaN;
  return (c === 45 ? -1 : 1) * (h * 60 + m);
}

/** YYYY-MM-DD{T| }HH:MM[:SS[.fff]][Z|±HH[:MM]| UTC] → UTC day. */
function parseDateTime(s: string, separator: number): number {
  if (s.length < 16 || s.charCodeAt(10) !== separator) return NaN;
  const day = readDate(s, 0, true);
  const h = readDigits(s, 11, 2);
  const min = readDigits(s, 14, 2);
  if (day !== day || h < 0 || h > 23 || min < 0 || min > 59 || s.charCodeAt(13) !== 58) return NaN;
  let at = 16;
  if (s.charCodeAt(at) === 58) {
    if (readDigits(s, at + 1, 2) < 0) return NaN;
    at += 3;
    if (s.charCodeAt(at) === 46) {
      at++;
      while (at < s.length && s.charCodeAt(at) >= 48 && s.charCodeAt(at) <= 57) at++;
    }
  }
  const offset = readOffsetMinutes(s, at);
  if (offset !== offset) return NaN;
  if (offset === 0) return day;
  return day + Math.floor((h * 60 + min - offset) / 1440);
}

function parseIsoDateTime(s: string): number {
  return parseDateTime(s, 84); // 'T'
}

function parseSqlDateTime(s: string): number {
  return parseDateTime(s, 32); // ' '
}

/** Unsigned decimal integer (an optional fraction is dropped), or NaN. */
function readInteger(s: string): number {
  const n = s.length;
  if (n === 0 || n > 16) return NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) v = v * 10 + c;
    else if (c === -2 && i > 0)
      return readDigits(s, i + 1, n - i - 1) < 0 ? NaN : v; // '.'
    else return NaN;
  }
  return v;
}

// Numbers outside 1990..2100 are refused so a column may mix seconds, milliseconds and compact dates: each
// number is read by the one form that puts it in that range (their digit counts differ: 8, 9-10, 12-13).
function plausible(day: number): number {
  return day >= MIN_PLAUSIBLE_DAY && day <= MAX_PLAUSIBLE_DAY ? day : NaN;
}

function parseUnixSeconds(s: string): number {
  return plausible(Math.floor(readInteger(s) / SECONDS_PER_DAY));
}

function parseUnixMs(s: string): number {
  return plausible(Math.floor(readInteger(s) / MS_PER_DAY));
}

/** Digits of a 1- or 2-digit number at `at` followed by `sep`: [value, next index], or [-1, at]. */
function readShort(s: string, at: number, sep: number): [number, number] {
  const a = digit(s, at);
  if (a > 9) return [-1, at];
  const b = digit(s, at + 1);
  if (b <= 9) return s.charCodeAt(at + 2) === sep ? [a * 10 + b, at + 3] : [-1, at];
  return s.charCodeAt(at + 1) === sep ? [a, at + 2] : [-1, at];
}

/** The two leading numbers of a slashed date (03/04/2024[ 10:30[:00]]), or null. */
export function slashDateParts(s: string): { first: number; second: number; year: number } | null {
  const [first, at1] = readShort(s, 0, 47);
  if (first < 0) return null;
  const [second, at2] = readShort(s, at1, 47);
  if (second < 0) return null;
  const year = readDigits(s, at2, 4);
  if (year < 0) return null;
  const rest = s.length - at2 - 4;
  if (rest !== 0 && !(rest >= 6 && s.charCodeAt(at2 + 4) === 32 && s.charCodeAt(at2 + 7) === 58)) return null;
  return { first, second, year };
}

function parseSlashDate(s: string, dayFirst: boolean): number {
  const p = slashDateParts(s);
  if (!p) return NaN;
  const d = dayFirst ? p.first : p.second;
  const m = dayFirst ? p.second : p.first;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(p.year, m)) return NaN;
  return dayFromCivil(p.year, m, d);
}

export const TIME_PARSERS: Readonly<Record<TimeFormat, (s: string) => number>> = {
  'iso-date': parseIsoDate,
  'iso-datetime': parseIsoDateTime,
  'sql-datetime': parseSqlDateTime,
  yyyymmdd: parseYyyymmdd,
  'unix-s': parseUnixSeconds,
  'unix-ms': parseUnixMs,
  'day-first': (s) => parseSlashDate(s, true),
  'month-first': (s) => parseSlashDate(s, false),
};

export const TIME_FORMAT_LABELS: Readonly<Record<TimeFormat, string>> = {
  'iso-date': 'ISO date (2024-03-15)',
  'iso-datetime': 'ISO date-time (2024-03-15T10:30:00Z)',
  'sql-datetime': 'date and time (2024-03-15 10:30:00)',
  yyyymmdd: 'compact date (20240315)',
  'unix-s': 'Unix seconds (1710498600)',
  'unix-ms': 'Unix milliseconds (1710498600000)',
  'day-first': 'day-first date (15/03/2024)',
  'month-first': 'month-first date (03/15/2024)',
};

// Plausible range for numeric timestamps: 1990 to 2100, so ids and amounts are not taken for times.
const MIN_PLAUSIBLE_DAY = 7305;
const MAX_PLAUSIBLE_DAY = 47482;

/**
 * Which format a single value is written in, or null. Numbers are told apart by their magnitude. A slashed date
 * is 'day-first' unless its first number cannot be a day-first month's day (then 'month-first'); the column decides.
 */
export function classifyTime(value: string): TimeFormat | null {
  const s = value.trim();
  if (parseIsoDate(s) === parseIsoDate(s)) return 'iso-date';
  if (parseIsoDateTime(s) === parseIsoDateTime(s)) return 'iso-datetime';
  if (parseSqlDateTime(s) === parseSqlDateTime(s)) return 'sql-datetime';
  if (parseYyyymmdd(s) >= MIN_PLAUSIBLE_DAY && parseYyyymmdd(s) <= MAX_PLAUSIBLE_DAY) return 'yyyymmdd';
  if (parseSlashDate(s, true) === parseSlashDate(s, true)) return 'day-first';
  if (parseSlashDate(s, false) === parseSlashDate(s, false)) return 'month-first';
  const n = readInteger(s);
  if (n !== n) return null;
  const asSeconds = n / SECONDS_PER_DAY;
  if (asSeconds >= MIN_PLAUSIBLE_DAY && asSeconds <= MAX_PLAUSIBLE_DAY) return 'unix-s';
  const asMs = n / MS_PER_DAY;
  if (asMs >= MIN_PLAUSIBLE_DAY && asMs <= MAX_PLAUSIBLE_DAY) return 'unix-ms';
  return null;
}

/** Parses one value in a known format (trimming surrounding spaces) into a UTC day, NaN when it does not parse. */
export function parseTimeToDay(value: string, format: TimeFormat): number {
  return TIME_PARSERS[format](value.trim());
}
