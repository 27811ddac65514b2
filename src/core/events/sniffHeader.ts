// Reading the shape of a file's head: which delimiter it uses, whether its first row is a header, which role the
// file plays (events, category dictionary, truth) and, for side files, which columns hold what.

import Papa from 'papaparse';
import { classifyTime } from './timeFormats';
import {
  CATEGORY_ID_ALIASES,
  FIELD_ALIASES,
  LABEL_ALIASES,
  NAME_ALIASES,
  STAGE_ALIASES,
  findByAliases,
  looksLikeHeaderName,
  normaliseHeader,
} from './columns';
import type { FileRole } from './importTypes';

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter of a text: the candidate that splits the first lines into the same number (>1) of fields. */
export function detectDelimiter(text: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter: d, preview: 30, skipEmptyLines: true }).data;
    if (rows.length === 0) continue;
    const fields = rows[0].length;
    if (fields < 2) continue;
    const consistent = rows.filter((r) => r.length === fields).length / rows.length;
    const score = consistent * 100 + Math.min(fields, 50);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function isNumberLike(s: string): boolean {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(s);
}

function isTypedValue(s: string): boolean {
  return isNumberLike(s) || classifyTime(s) !== null;
}

/**
 * Whether the first row is a header: it names a known field, or one of its cells is text where the rows below
 * hold numbers or times in that column, or (a lone row) none of its cells is a number or time.
 */
export function detectHeader(rows: readonly string[][]): boolean {
  if (rows.length === 0) return false;
  const first = rows[0];
  if (first.some(looksLikeHeaderName)) return true;
  const rest = rows.slice(1);
  if (rest.length === 0) return !first.some(isTypedValue);
  return first.some((cell, j) => {
    if (isTypedValue(cell)) return false;
    const below = rest.map((r) => r[j] ?? '').filter((v) => v.trim() !== '');
    return below.length > 0 && below.filter(isTypedValue).length >= 0.8 * below.length;
  });
}

const NUMERIC_TIME = new Set(['unix-s', 'unix-ms', 'yyyymmdd']);

/**
 * Whether some column of the rows holds times: written dates (ISO, `YYYY-MM-DD HH:MM:SS`, slashed) in any file of
 * three or more columns; numeric times (Unix seconds…) only past three columns, since a dictionary's ids can look
 * like them. A category dictionary holds no times, so such a file is events whatever its header says.
 */
function hasTimeColumn(rows: readonly (readonly string[])[], width: number): boolean {
  if (width < 3 || rows.length === 0) return false;
  for (let j = 0; j < width; j++) {
    const values = rows.map((r) => (r[j] ?? '').trim()).filter((v) => v !== '');
    if (values.length === 0) continue;
    const forms = values.map(classifyTime);
    const timed = forms.filter((f) => f !== null && (width > 3 || !NUMERIC_TIME.has(f))).length;
    if (timed >= 0.8 * values.length) return true;
  }
  return false;
}

/**
 * Role from the header, the data rows (a column of times makes it events) and the file name as a tie-breaker;
 * header-less files are told apart by name only.
 */
export function detectRole(
  name: string,
  header: readonly string[] | null,
  rows: readonly (readonly string[])[] = [],
): FileRole {
  const byName: FileRole | null = /categor|dictionar/i.test(name)
    ? 'categories'
    : /truth|label/i.test(name)
      ? 'truth'
      : null;
  if (!header) return byName ?? 'events';
  const n = header.map(normaliseHeader);
  const user = findByAliases(n, FIELD_ALIASES.user);
  const time = findByAliases(n, FIELD_ALIASES.time);
  if (time >= 0) return 'events';
  if (user >= 0 && findByAliases(n, LABEL_ALIASES) >= 0) return 'truth';
  const named = findByAliases(n, NAME_ALIASES) >= 0 || findByAliases(n, CATEGORY_ID_ALIASES) >= 0;
  if (user < 0 && named && header.length >= 2 && !hasTimeColumn(rows, header.length)) return 'categories';
  return byName ?? 'events';
}

export interface CategoryColumns {
  id: number;
  name: number;
}

export interface TruthColumns {
  user: number;
  label: number;
  stage: number;
}

export function findCategoryColumns(header: readonly string[] | null, width: number): CategoryColumns | null {
  if (width < 2) return null;
  if (!header) return { id: 0, name: 1 };
  const n = header.map(normaliseHeader);
  let id = findByAliases(n, CATEGORY_ID_ALIASES);
  if (id < 0) id = 0;
  let name = findByAliases(n, NAME_ALIASES, id);
  if (name < 0) name = id === 0 ? 1 : 0;
  return { id, name };
}

export function findTruthColumns(header: readonly string[] | null, width: number): TruthColumns | null {
  if (width < 2) return null;
  if (!header) return { user: 0, label: 1, stage: width > 2 ? 2 : -1 };
  const n = header.map(normaliseHeader);
  const user = findByAliases(n, FIELD_ALIASES.user);
  const label = findByAliases(n, LABEL_ALIASES, user);
  if (user < 0 || label < 0) return null;
  return { user, label, stage: findByAliases(n, STAGE_ALIASES) };
}
