// Parquet as warehouses write it, made in the test by DuckDB's own writer: every common codec (hyparquet alone reads
// only Snappy), and nested columns (lists, structs) beside or instead of the event fields.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from './importDataset';
import { sniffSource } from './sniff';
import { sourceFromBytes } from './source';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-parquet-codecs-'));
let connection: DuckDBConnection;

// 40 users, 3 events each: a purchase with a 19-digit category id, a click, and a cart (not evidence).
const EVENTS = `SELECT 'u' || (i // 3) AS user_id,
    CAST(2053013555631882655 + (i % 5) AS BIGINT) AS category_id,
    TIMESTAMP '2024-03-01 10:00:00' + to_days(CAST(i AS INTEGER)) AS event_time,
    ['purchase', 'view', 'cart'][(i % 3) + 1] AS event_type
  FROM range(120) t(i)`;

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  connection?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function writeParquet(name: string, select: string, codec: string): Promise<Uint8Array> {
  const path = join(dir, name);
  await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION ${codec})`);
  return new Uint8Array(readFileSync(path));
}

async function importBytes(name: string, bytes: Uint8Array) {
  return importDataset([{ source: sourceFromBytes(name, bytes) }]);
}

describe('Parquet codecs', () => {
  it.each(['zstd', 'gzip', 'brotli', 'snappy', 'uncompressed'])(
    'imports a file compressed with %s: every event, ids exact',
    async (codec) => {
      const { dataset, report } = await importBytes(
        `events-${codec}.parquet`,
        await writeParquet(`e-${codec}.parquet`, EVENTS, codec),
      );
      expect(report.files[0].error).toBeNull();
      expect(report.events).toBe(80);
      expect(report.actions).toEqual({ purchase: 40, click: 40 });
      expect(dataset?.store.userIds.length).toBe(40);
      expect(dataset?.store.categoryIds.slice().sort()).toContain('2053013555631882659');
    },
  );
});

describe('nested Parquet columns', () => {
  it('imports the events beside a list and a struct column it does not need, showing them as JSON text', async () => {
    const select = `SELECT *, ['a', 'b'] AS tags, {'brand': 'acme', 'price': 9.5} AS product FROM (${EVENTS})`;
    const bytes = await writeParquet('beside.parquet', select, 'zstd');
    const sniff = await sniffSource(sourceFromBytes('beside.parquet', bytes));
    expect(sniff.problems).toEqual([]);
    expect(sniff.rows[0].slice(4)).toEqual(['["a","b"]', '{"brand":"acme","price":9.5}']);
    const { report } = await importBytes('beside.parquet', bytes);
    expect(report.events).toBe(80);
  });

  it('refuses a nested column mapped to an event field, naming the column and what to do', async () => {
    const select = `SELECT user_id, {'id': category_id, 'code': 'kids.toys'} AS category, event_time, event_type
      FROM (${EVENTS})`;
    const bytes = await writeParquet('struct.parquet', select, 'zstd');
    const sniff = await sniffSource(sourceFromBytes('struct.parquet', bytes));
    expect(sniff.mapping?.category).toBe(1);
    expect(sniff.needsMapping).toBe(true);
    const message =
      'struct.parquet: column "category" is a nested Parquet struct (several values per row), and each event field needs one plain value per row.';
    expect(sniff.problems.some((p) => p.startsWith(message))).toBe(true);
    const { dataset, report } = await importBytes('struct.parquet', bytes);
    expect(dataset).toBeNull();
    expect(report.files[0].error).toContain('column "category" is a nested Parquet struct');
  });
});
