// The flat column reader against hyparquet's own decoding, cell by cell, on files real writers make: DuckDB's
// defaults (data pages V1, dictionaries, plain strings), its V2 format (delta encodings), many row groups, nulls,
// typed ids beyond 2^53, every timestamp unit, dates before 1970; and a chunk that switches from dictionary to
// plain encoding midway. Columns of other types must still be read, by hyparquet.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSwitchingParquet } from '../../test/switchingParquet';
import {
  cellText,
  groupCellText,
  openParquet,
  PARQUET_PARSERS,
  readParquetRows,
  streamParquetRecords,
} from './parquetRecords';
import { sourceFromBytes } from './source';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-parquet-columns-'));
let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  connection?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = `SELECT
    CASE WHEN i % 7 = 0 THEN NULL ELSE 'u' || (i * 7919 % 5000) END AS user_id,
    ['kids.toys', 'catégorie.été', ' spaced ', '', NULL][i % 5 + 1] AS code,
    CAST(2053013555631882655 + i % 9 AS BIGINT) AS category_id,
    CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(i AS BIGINT) * 1000000007 - 9007199254740000 END AS big,
    CAST(i % 5 AS INTEGER) AS count,
    i / 3.0 AS price,
    CAST(i / 7 AS FLOAT) AS ratio,
    CASE WHEN i % 11 = 0 THEN TIMESTAMP '1969-12-31 23:59:59.5'
      ELSE TIMESTAMP '2024-03-01 23:59:59' + to_seconds(i * 3599) END AS t_us,
    CAST(TIMESTAMP '2024-03-01 00:00:00' + to_seconds(i * 61) AS TIMESTAMP_MS) AS t_ms,
    CAST(TIMESTAMP '2024-03-01 00:00:00' + to_seconds(i * 61) AS TIMESTAMP_NS) AS t_ns,
    CAST(DATE '1969-12-25' + CAST(i % 400 AS INTEGER) AS DATE) AS d,
    CAST(i AS DECIMAL(10, 2)) AS amount
  FROM range(5000) t(i)`;

async function duckParquet(name: string, options: string): Promise<Uint8Array> {
  const path = join(dir, name);
  await connection.run(`COPY (${ROWS}) TO '${path}' (FORMAT parquet${options})`);
  return new Uint8Array(readFileSync(path));
}

/**
 * Every cell's text as hyparquet decodes it (with the lab's parsers), and as the import reads it (flat columns where
 * it can), with how each column was read; and the first rows as the sniff reads them.
 */
async function readBothWays(name: string, bytes: Uint8Array) {
  const parquet = await openParquet(sourceFromBytes(name, bytes));
  const objects = await parquetReadObjects({
    file: bytes.slice().buffer,
    compressors,
    parsers: PARQUET_PARSERS,
  });
  const hyparquet = objects.map((o) => parquet.header.map((h) => cellText(o[h])));
  const all = parquet.header.map((_, j) => j);
  const flat: string[][] = [];
  const kinds = new Map<string, Set<string>>(parquet.header.map((h) => [h, new Set<string>()]));
  await streamParquetRecords(
    parquet,
    all,
    () => undefined,
    { size: bytes.length },
    (columns, n) => {
      columns.forEach((c, j) => kinds.get(parquet.header[j])!.add(c!.kind));
      for (let r = 0; r < n; r++) flat.push(columns.map((c) => groupCellText(c!, r)));
    },
  );
  const head = await readParquetRows(parquet, 0, 1_600, all);
  const kindOf = Object.fromEntries([...kinds].map(([h, k]) => [h, [...k].join(',')]));
  return { hyparquet, flat, head, kindOf, groups: parquet.metadata.row_groups.length };
}

describe('flat Parquet columns', () => {
  it.each([
    ['DuckDB defaults', ''],
    ['DuckDB V2 (delta encodings), many row groups', ', PARQUET_VERSION V2, ROW_GROUP_SIZE 1000'],
    ['DuckDB zstd, many row groups', ', COMPRESSION zstd, ROW_GROUP_SIZE 2048'],
  ])('read every cell of %s as hyparquet does', async (label, options) => {
    const { hyparquet, flat, head, kindOf, groups } = await readBothWays(
      `${label}.parquet`,
      await duckParquet(`${label}.parquet`, options),
    );
    expect(hyparquet.length).toBe(5000);
    expect(flat).toEqual(hyparquet);
    expect(head).toEqual(hyparquet.slice(0, 1_600));
    if (options.includes('ROW_GROUP_SIZE')) expect(groups).toBeGreaterThan(2);
    // Spot checks that hold whichever way the cells were read.
    expect(hyparquet[1].slice(0, 4)).toEqual([
      'u2919',
      'catégorie.été',
      '2053013555631882656',
      '-9007198254739993',
    ]);
    expect(hyparquet[0][1]).toBe('kids.toys');
    expect(hyparquet[4][1]).toBe('');
    expect(hyparquet[0][7]).toBe('1969-12-31');
    // The event fields' usual types are read by the flat reader; a decimal is left to hyparquet.
    expect(kindOf).toMatchObject({
      user_id: 'text',
      code: 'text',
      category_id: 'number',
      big: 'number',
      count: 'number',
      t_us: 'number',
      t_ms: 'number',
      t_ns: 'number',
      d: 'number',
      amount: 'values',
    });
  });

  it('reads delta-encoded strings and integers as hyparquet-writer writes them, with nulls, required columns and small pages', async () => {
    const n = 4_000;
    const users = Array.from({ length: n }, (_, i) =>
      i % 6 === 0 ? null : `user-${1_000_000 + ((i * 37) % 900)}`,
    );
    const buffer = parquetWriteBuffer({
      rowGroupSize: 1_500,
      pageSize: 2_000,
      columnData: [
        { name: 'user_id', data: users, type: 'STRING', encoding: 'DELTA_BYTE_ARRAY' },
        {
          name: 'code',
          data: users.map((u) => u && `${u}é`),
          type: 'STRING',
          encoding: 'DELTA_LENGTH_BYTE_ARRAY',
        },
        {
          name: 'time',
          data: Array.from({ length: n }, (_, i) =>
            i % 10 === 3 ? null : new Date(Date.UTC(2024, 0, 1) + i * 7_777_000),
          ),
          type: 'TIMESTAMP',
          encoding: 'DELTA_BINARY_PACKED',
        },
        {
          name: 'count',
          data: Int32Array.from({ length: n }, (_, i) => (i % 4) - 1),
          type: 'INT32',
          encoding: 'DELTA_BINARY_PACKED',
          nullable: false,
        },
        // Required columns carry no definition levels.
        {
          name: 'session',
          data: Array.from({ length: n }, (_, i) => `s${i % 50}`),
          type: 'STRING',
          nullable: false,
        },
      ],
    });
    const { hyparquet, flat, head, kindOf, groups } = await readBothWays(
      'delta.parquet',
      new Uint8Array(buffer),
    );
    expect(groups).toBe(3);
    expect(hyparquet[1]).toEqual(['user-1000037', 'user-1000037é', '2024-01-01', '0', 's1']);
    expect(hyparquet[3][2]).toBe('');
    expect(flat).toEqual(hyparquet);
    expect(head).toEqual(hyparquet.slice(0, 1_600));
    expect(kindOf).toEqual({
      user_id: 'text',
      code: 'text',
      time: 'number',
      count: 'number',
      session: 'text',
    });
  });

  it('reads a chunk that switches from dictionary to plain encoding midway, with nulls on both sides', async () => {
    const values = (f: (i: number) => string | null) => Array.from({ length: 3_000 }, (_, i) => f(i));
    const bytes = writeSwitchingParquet(
      [
        { name: 'user_id', values: values((i) => (i % 9 === 0 ? null : `u${(i * 31) % 700}`)) },
        { name: 'category', values: values((i) => (i % 17 === 0 ? null : `c${i % 40}é`)) },
      ],
      1_300,
      500,
    );
    const { hyparquet, flat, head, kindOf } = await readBothWays('switching.parquet', bytes);
    expect(hyparquet[1]).toEqual(['u31', 'c1é']);
    expect(hyparquet[2_999]).toEqual([`u${(2_999 * 31) % 700}`, `c${2_999 % 40}é`]);
    expect(hyparquet[0]).toEqual(['', '']);
    expect(flat).toEqual(hyparquet);
    expect(head).toEqual(hyparquet.slice(0, 1_600));
    expect(kindOf).toEqual({ user_id: 'text', category: 'text' });
  });
});
