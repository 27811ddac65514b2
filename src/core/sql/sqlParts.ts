// Pieces both generated queries share: the canonical events with their category match keys, the as-of date, and
// the category-entry matcher (id, exact name, or dotted prefix "maternity.*"), matched as the lab does: trimmed and
// case-insensitive, a name falling back to the id where the table has none.

import { dayFromIso, isoFromDay } from '../time';
import { sqlDate, sqlString, sqlTable, type SqlDialect } from './dialect';

export interface SqlSource {
  dialect: SqlDialect;
  /** the canonical events table or view; default "events" */
  table?: string;
  /** whether the table has a category_name column; default true */
  categoryNames?: boolean;
}

/** The `canonical` CTE: only purchases and clicks, a count of 1 where none is given, and the two match keys. */
export function canonicalEventsCte(source: SqlSource): string {
  const { dialect } = source;
  const q = dialect.quote;
  const id = `CAST(${q('category')} AS ${dialect.stringType})`;
  const name = source.categoryNames === false ? id : `COALESCE(${q('category_name')}, ${id})`;
  return `canonical AS (
  -- The canonical events; other actions (cart, fav…) are not evidence, as in the lab.
  SELECT
    user_id,
    ${q('action')} AS action,
    ${id} AS category,
    COALESCE(CAST(${q('count')} AS DOUBLE), 1) AS n,
    ${q('time')} AS t,
    lower(trim(${id})) AS id_key,
    lower(trim(${name})) AS name_key
  FROM ${sqlTable(dialect, source.table ?? 'events')}
  WHERE ${q('action')} IN ('purchase', 'click')
)`;
}

/** Checks a YYYY-MM-DD date; throws with the expected form. */
export function checkIsoDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || isoFromDay(safeDay(iso)) !== iso)
    throw new Error(`The as-of date "${iso}" is not a date (expected YYYY-MM-DD).`);
  return iso;
}

function safeDay(iso: string): number {
  try {
    return dayFromIso(iso);
  } catch {
    return Number.NaN;
  }
}

/** The `as_of` CTE: one row, one DATE column `day`. */
export function asOfCte(dialect: SqlDialect, asOf: string | undefined): string {
  if (asOf !== undefined)
    return `as_of AS (
  -- The as-of date, given: windows end the day before it.
  SELECT ${sqlDate(asOf)} AS day
)`;
  return `as_of AS (
  -- Default as-of date: the UTC day after the latest event (set the session time zone to UTC).
  SELECT ${dialect.dayAfter('CAST(MAX(t) AS DATE)')} AS day
  FROM canonical
)`;
}

/**
 * A boolean over the canonical columns for a rule's category entries: ids and exact names by IN lists, each
 * "name.*" prefix as "the name itself or any name under it". An empty list matches nothing.
 */
export function categoryMatch(dialect: SqlDialect, entries: readonly string[], alias = ''): string {
  const keys = [...new Set(entries.map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0))];
  const exact = keys.filter((k) => !k.endsWith('.*'));
  const prefixes = keys.filter((k) => k.endsWith('.*')).map((k) => k.slice(0, -2));
  const lit = (v: string): string => sqlString(dialect, v);
  const parts: string[] = [];
  if (exact.length > 0) {
    const list = exact.map(lit).join(', ');
    parts.push(`${alias}id_key IN (${list})`, `${alias}name_key IN (${list})`);
  }
  for (const p of prefixes)
    parts.push(
      `${alias}name_key = ${lit(p)}`,
      `substr(${alias}name_key, 1, ${p.length + 1}) = ${lit(`${p}.`)}`,
    );
  return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
}

/** A SQL comment line; line breaks in user text cannot end the comment early. */
export function comment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}
