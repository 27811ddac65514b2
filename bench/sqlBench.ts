// Labelling through the generated SQL on embedded DuckDB against the lab's own engine, on the same demo events:
// the query time only (the table is loaded first), beside evaluateRules on the event store.

import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { evaluateRules } from '../src/core/labels/evaluate';
import { DEMO_RULES } from '../src/core/labels/parseRules';
import { buildLabelsSql, sqlDialect } from '../src/core/sql';
import { generateDemo, writeDemoEventsCsv } from '../src/core/synthetic';

export interface SqlBenchRow {
  engine: 'lab' | 'duckdb';
  users: number;
  events: number;
  seconds: number;
  eventsPerSec: number;
}

export async function runSqlBench(options: {
  users: number;
  log: (line: string) => void;
}): Promise<SqlBenchRow[]> {
  const world = generateDemo({ users: options.users, seed: 42 });
  const events = world.store.day.length;
  const folder = mkdtempSync(join(tmpdir(), 'tag-lab-sqlbench-'));
  try {
    const fd = openSync(join(folder, 'events.csv'), 'w');
    try {
      writeDemoEventsCsv(world, (c) => void writeSync(fd, c));
    } finally {
      closeSync(fd);
    }
    writeFileSync(
      join(folder, 'categories.csv'),
      world.categories.map((c) => `${c.id},${c.name}`).join('\n'),
    );
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE events AS
      SELECT e.user_id, e.category_id AS category, k.name AS category_name, e."time", e.action, e."count"
      FROM read_csv('${join(folder, 'events.csv')}') e
      LEFT JOIN read_csv('${join(folder, 'categories.csv')}', header = false, names = ['category_id', 'name']) k
      USING (category_id)`);
    options.log(`sql: ${events.toLocaleString('en-US')} events loaded into DuckDB`);
    const sql = buildLabelsSql(DEMO_RULES, { dialect: sqlDialect('duckdb') });
    const duck = await timed(async () => void (await connection.runAndReadAll(sql)));
    const lab = await timed(async () => void evaluateRules(world.store, DEMO_RULES));
    connection.closeSync();
    const row = (engine: SqlBenchRow['engine'], seconds: number): SqlBenchRow => ({
      engine,
      users: options.users,
      events,
      seconds,
      eventsPerSec: events / seconds,
    });
    return [row('lab', lab), row('duckdb', duck)];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Median of three runs, in seconds. */
async function timed(run: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[1];
}

export function formatSqlBench(rows: readonly SqlBenchRow[]): string {
  return rows
    .map((r) =>
      [
        r.engine.padEnd(8),
        `${r.users.toLocaleString('en-US')} users`.padStart(16),
        `${r.events.toLocaleString('en-US')} events`.padStart(20),
        `${r.seconds.toFixed(3)} s`.padStart(9),
        `${(r.eventsPerSec / 1e6).toFixed(1)}M events/s`.padStart(16),
      ].join('  '),
    )
    .join('\n');
}
