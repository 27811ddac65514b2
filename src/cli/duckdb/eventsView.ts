// The input files as DuckDB sees them: each file sniffed by the lab's own importer (layout, columns, time form,
// actions), then read by DuckDB's CSV or Parquet reader and mapped onto the canonical columns the generated SQL
// expects (user_id, category, category_name, time, action, count). Names follow the lab: a dictionary file wins,
// else the most frequent name written beside the id in the events.

import { CLICK_ALIASES, PURCHASE_ALIASES, findCategoryColumns, sniffSource } from '../../core/events';
import type { ColumnMapping, SourceSniff } from '../../core/events';
import { InputError } from '../args';
import { expandInputPaths } from '../inputPaths';
import { sourceFromPath } from '../nodeSource';
import { rawTimeSql } from './rawTimeSql';

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

interface SniffedFile {
  path: string;
  sniff: SourceSniff;
}

/** A file as a DuckDB table expression whose columns are c0, c1, … in file order, every value as text. */
function readerSql({ path, sniff }: SniffedFile): string {
  if (sniff.format === 'parquet') {
    const columns = sniff.header.map((h, j) => `CAST(${ident(h)} AS VARCHAR) AS c${j}`);
    return `(SELECT ${columns.join(', ')} FROM read_parquet(${lit(path)}))`;
  }
  const columns = sniff.header.map((_, j) => `'c${j}': 'VARCHAR'`).join(', ');
  const encoding = sniff.encoding === 'windows-1252' ? ", encoding = 'latin-1'" : '';
  // Rows with too few fields get NULLs (then skipped, as the lab skips them); malformed rows are skipped.
  return `read_csv(${lit(path)}, delim = ${lit(sniff.delimiter)}, quote = '"', escape = '"',
    header = false, skip = ${sniff.hasHeader ? 1 : 0}, columns = {${columns}},
    null_padding = true, ignore_errors = true${encoding})`;
}

function actionSql(mapping: ColumnMapping): string {
  if (mapping.action === null) return lit(mapping.fixedAction ?? 'purchase');
  const key = `lower(trim(c${mapping.action}))`;
  const explicit = Object.entries(mapping.actionMap ?? {}).map(
    ([value, action]) =>
      `WHEN ${key} = ${lit(value.trim().toLowerCase())} THEN ${action === 'skip' ? 'NULL' : lit(action)}`,
  );
  const list = (values: readonly string[]): string => values.map(lit).join(', ');
  return `CASE
      ${explicit.join('\n      ')}
      WHEN ${key} IN (${list(PURCHASE_ALIASES)}) THEN 'purchase'
      WHEN ${key} IN (${list(CLICK_ALIASES)}) THEN 'click'
    END`;
}

/** One events file as canonical rows; rows the lab would skip (empty ids, bad times or counts) are left out. */
function eventsSelect(file: SniffedFile): string {
  const m = file.sniff.mapping;
  if (!m) throw new InputError(`${file.path}: no event columns found. ${file.sniff.problems.join(' ')}`);
  const name =
    m.categoryName != null && m.categoryName >= 0 ? `NULLIF(trim(c${m.categoryName}), '')` : 'NULL';
  const count = m.count === null ? '1' : `COALESCE(TRY_CAST(NULLIF(trim(c${m.count}), '') AS DOUBLE), 1)`;
  const countOk =
    m.count === null ? 'TRUE' : `(trim(c${m.count}) = '' OR TRY_CAST(trim(c${m.count}) AS DOUBLE) > 0)`;
  return `SELECT * FROM (
    SELECT trim(c${m.user}) AS user_id, trim(c${m.category}) AS category, ${name} AS raw_name,
      ${rawTimeSql(`c${m.time}`, m.dateOrder ?? 'day-first')} AS "time",
      ${actionSql(m)} AS action, ${count} AS "count"
    FROM ${readerSql(file)}
    WHERE ${countOk}
  ) WHERE user_id <> '' AND category <> '' AND "time" IS NOT NULL AND action IS NOT NULL`;
}

function dictionarySelect(file: SniffedFile): string {
  const columns = findCategoryColumns(
    file.sniff.hasHeader ? file.sniff.header : null,
    file.sniff.header.length,
  );
  if (!columns) throw new InputError(`${file.path}: ${file.sniff.problems.join(' ')}`);
  return `SELECT trim(c${columns.id}) AS category, NULLIF(trim(c${columns.name}), '') AS name FROM ${readerSql(file)}`;
}

export interface EventsView {
  /** statements that create the view `events` (and its helpers) */
  statements: string[];
  /** whether any file names the categories (the generated SQL then reads category_name) */
  categoryNames: boolean;
  files: { path: string; role: string; layout: string | null }[];
}

/** Sniffs FILE arguments (files, folders, globs) and builds the canonical `events` view over them. */
export async function buildEventsView(args: readonly string[]): Promise<EventsView> {
  const files: SniffedFile[] = [];
  const problems: string[] = [];
  for (const path of expandInputPaths(args)) {
    const sniff = await sniffSource(sourceFromPath(path));
    // As the lab's import: a file it cannot place is reported and left out; the others still count.
    if (sniff.unusable || sniff.problems.length > 0 || (sniff.role === 'events' && !sniff.mapping)) {
      const problem = sniff.problems.join(' ') || `${path}: cannot be read`;
      problems.push(problem);
    } else files.push({ path, sniff });
  }
  const events = files.filter((f) => f.sniff.role === 'events');
  if (events.length === 0)
    throw new InputError(['Nothing usable: none of these files holds events.', ...problems].join('\n'));
  for (const problem of problems) process.stderr.write(`Warning: ${problem}\n`);
  const dictionaries = files.filter((f) => f.sniff.role === 'categories');
  const named = events.some(
    (f) => f.sniff.mapping?.categoryName != null && f.sniff.mapping.categoryName >= 0,
  );
  // Read and parsed once into DuckDB's own compressed columns (spilling to disk past its memory limit): each query
  // after that (the as-of date, the labels, the features) scans those instead of re-parsing the text.
  const statements = [
    `CREATE OR REPLACE TEMP TABLE raw_events AS\n${events.map(eventsSelect).join('\nUNION ALL\n')}`,
  ];
  if (named || dictionaries.length > 0) {
    const fromEvents = named
      ? `SELECT category, arg_max(raw_name, rows) AS name FROM (
          SELECT category, raw_name, count(*) AS rows FROM raw_events WHERE raw_name IS NOT NULL GROUP BY ALL
        ) GROUP BY category`
      : 'SELECT NULL::VARCHAR AS category, NULL::VARCHAR AS name WHERE FALSE';
    const fromDictionary = dictionaries.length
      ? dictionaries.map(dictionarySelect).join('\nUNION ALL\n')
      : 'SELECT NULL::VARCHAR AS category, NULL::VARCHAR AS name WHERE FALSE';
    // One row per category, joined by every query.
    statements.push(`CREATE OR REPLACE TEMP TABLE category_names AS
      SELECT category, COALESCE(any_value(d.name), any_value(e.name)) AS name
      FROM (${fromEvents}) e FULL JOIN (${fromDictionary}) d USING (category)
      GROUP BY category`);
    statements.push(`CREATE OR REPLACE VIEW events AS
      SELECT r.user_id, r.category, n.name AS category_name, r."time", r.action, r."count"
      FROM raw_events r LEFT JOIN category_names n USING (category)`);
  } else
    statements.push(`CREATE OR REPLACE VIEW events AS
      SELECT user_id, category, "time", action, "count" FROM raw_events`);
  return {
    statements,
    categoryNames: named || dictionaries.length > 0,
    files: files.map((f) => ({ path: f.path, role: f.sniff.role, layout: f.sniff.layout })),
  };
}
