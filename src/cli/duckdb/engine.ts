// `--engine duckdb` for label, features and score: the input files are read by embedded DuckDB (out of core, so an
// export larger than memory works) and the generated SQL of core/sql runs over them, giving the lab's labels and
// feature rows (checked by cli/duckdb/engine.test.ts on the demo world and a REES46 export).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeaturesSql, buildLabelsSql, sqlDialect } from '../../core/sql';
import type { FeatureSpec } from '../../core/features';
import type { RuleSet } from '../../core/labels';
import { InputError } from '../args';
import { buildEventsView } from './eventsView';
import { loadDuckDb } from './loadDuckDb';
import type { DuckDBConnection } from '@duckdb/node-api';

const dialect = sqlDialect('duckdb');

export interface DuckEngine {
  connection: DuckDBConnection;
  categoryNames: boolean;
  close(): void;
}

/** Opens an in-memory DuckDB (spilling to a temporary folder when it runs out of memory) over the files. */
export async function openDuckEngine(paths: readonly string[]): Promise<DuckEngine> {
  const { DuckDBInstance } = await loadDuckDb();
  const view = await buildEventsView(paths);
  const spill = mkdtempSync(join(tmpdir(), 'tag-lab-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: spill });
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    rmSync(spill, { recursive: true, force: true });
  };
  try {
    // Days are UTC days, as in the lab.
    await connection.run("SET TimeZone = 'UTC'");
    for (const statement of view.statements) await connection.run(statement);
  } catch (e) {
    close();
    throw new InputError(`DuckDB could not read the files: ${(e as Error).message}`);
  }
  return { connection, categoryNames: view.categoryNames, close };
}

export interface DuckLabelCounts {
  positive: number;
  negative: number;
  conflict: number;
  unlabelled: number;
  users: number;
  bothSides: number;
  asOf: string;
}

/** The rule labels counted as the lab counts them (conflicts assigned to a side count on that side). */
export async function countLabelsOnDuck(
  engine: DuckEngine,
  rules: RuleSet,
  asOf?: string,
): Promise<DuckLabelCounts> {
  if (asOf !== undefined && !isRealDate(asOf))
    throw new InputError(`The as-of date "${asOf}" is not a date.`);
  // Run with conflicts kept apart, so bothSides is known whatever the policy; the policy is applied below.
  const sql = buildLabelsSql(
    { ...rules, onConflict: 'drop' },
    { dialect, asOf, categoryNames: engine.categoryNames },
  );
  const reader = await engine.connection.runAndReadAll(`SELECT label, count(*) FROM (${sql}) GROUP BY label`);
  const tally: Record<string, number> = { positive: 0, negative: 0, conflict: 0, unlabelled: 0 };
  for (const [label, n] of reader.getRowsJS()) tally[String(label)] = Number(n);
  const bothSides = tally.conflict;
  if (rules.onConflict === 'positive' || rules.onConflict === 'negative') {
    tally[rules.onConflict] += bothSides;
    tally.conflict = 0;
  }
  const day = await engine.connection.runAndReadAll(
    (asOf ?? rules.asOf)
      ? `SELECT CAST(DATE '${asOf ?? rules.asOf}' AS VARCHAR)`
      : `SELECT CAST(CAST(max("time") AS DATE) + 1 AS VARCHAR) FROM events WHERE action IN ('purchase', 'click')`,
  );
  const users = tally.positive + tally.negative + tally.conflict + tally.unlabelled;
  if (users === 0)
    throw new InputError('Nothing usable: no purchase or click could be read from these files.');
  return {
    positive: tally.positive,
    negative: tally.negative,
    conflict: tally.conflict,
    unlabelled: tally.unlabelled,
    users,
    bothSides,
    asOf: String(day.getRowsJS()[0][0]),
  };
}

/** The features query with counts written as the lab writes them (3, not 3.0). */
function featureRowsSql(engine: DuckEngine, spec: FeatureSpec, asOf?: string): string {
  const sql = buildFeaturesSql(spec, { dialect, asOf, categoryNames: engine.categoryNames });
  return `SELECT user_id, kind, period, category,
    CASE WHEN "count" = trunc("count") AND abs("count") < 1e15 THEN CAST(CAST("count" AS BIGINT) AS VARCHAR)
      ELSE CAST("count" AS VARCHAR) END AS "count"
  FROM (${sql}) ORDER BY user_id, kind, period, category`;
}

/** Writes the sparse feature rows with DuckDB's CSV writer; returns the number of rows. */
export async function writeFeaturesOnDuck(
  engine: DuckEngine,
  spec: FeatureSpec,
  out: string,
  asOf?: string,
): Promise<number> {
  const format = out.endsWith('.parquet') ? 'FORMAT parquet' : "FORMAT csv, HEADER true, DELIMITER ','";
  const result = await engine.connection.run(
    `COPY (${featureRowsSql(engine, spec, asOf)}) TO '${out.replace(/'/g, "''")}' (${format})`,
  );
  return Number(result.rowsChanged);
}

function isRealDate(iso: string): boolean {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && t === t && new Date(t).toISOString().slice(0, 10) === iso;
}

/** Users with at least one purchase or click: the lab's user count. */
export async function countUsersOnDuck(engine: DuckEngine): Promise<number> {
  const reader = await engine.connection.runAndReadAll(
    `SELECT count(DISTINCT user_id) FROM events WHERE action IN ('purchase', 'click')`,
  );
  return Number(reader.getRowsJS()[0][0]);
}
