import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeSwitchingParquet } from '../../test/switchingParquet';
import { importDataset } from './importDataset';
import { sourceFromBytes, sourceFromText } from './source';
import type { ImportResult } from './importTypes';

// The import reads quote-free CSV text in place and Parquet rows from their decoded columns; papaparse's records
// are the reference. A quoted user id sends every row through papaparse, so the same rows with and without quotes
// must give the same store and the same report, bad rows, row numbers and all.

const HEADER = ['user_id', 'category', 'time', 'action', 'count', 'category_code'];

/** Row i of a file that holds every kind of good and bad row the import tells apart; null is a blank line. */
function messyRow(i: number): string[] | null {
  const user = `u${i % 997}`;
  const category = `c${i % 41}`;
  const time = `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`;
  const name = i % 41 === 7 ? 'catégorie.été' : `cat.${i % 41}`;
  const base = [user, category, time, i % 3 ? 'view' : 'buy', String(1 + (i % 4)), name];
  const swap = (j: number, v: string) => base.map((x, k) => (k === j ? v : x));
  switch (i % 19) {
    case 1:
      return swap(0, ` ${user} `);
    case 2:
      return swap(0, '');
    case 3:
      return swap(1, '  ');
    case 4:
      return swap(2, 'yesterday');
    case 5:
      return swap(2, '1709366400');
    case 6:
      return swap(3, '');
    case 7:
      return swap(3, 'cart');
    case 8:
      return swap(4, '0');
    case 9:
      return swap(4, '-1');
    case 10:
      return swap(4, 'x');
    case 11:
      return swap(4, '');
    case 12:
      return swap(4, '1.5');
    case 13:
      return [user, category];
    case 14:
      return null;
    case 15:
      return swap(5, ' ');
    case 16:
      return swap(2, ' 2024-03-02 ');
    case 17:
      return swap(3, 'PV');
    default:
      return base;
  }
}

function messyCsv(rows: number, options: { quoteUsers: boolean; newline: string; skip?: number[] }): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    if (options.skip?.includes(i % 19)) continue;
    const r = messyRow(i);
    lines.push(r === null ? '' : r.map((v, j) => (j === 0 && options.quoteUsers ? `"${v}"` : v)).join(','));
  }
  return lines.join(options.newline); // the last row has no newline after it
}

const comparable = ({ dataset, report }: ImportResult) => ({
  store: dataset?.store,
  // The same rows of differently named files: compare the examples without the file name.
  skipped: Object.fromEntries(
    Object.entries(report.skipped).map(([reason, s]) => [
      reason,
      { ...s, examples: s.examples.map(({ row, values }) => ({ row, values })) },
    ]),
  ),
  actions: report.actions,
  events: report.events,
  categoryNames: report.categoryNames,
  timeForms: report.files[0].timeForms,
  rows: report.files[0].rows,
});

async function importCsv(text: string, chunkSize = 65_536): Promise<ImportResult> {
  return importDataset([{ source: sourceFromText('messy.csv', text, chunkSize) }]);
}

describe('reading rows in place', () => {
  // Over 1 MB of text, so the rows span several parse batches and many chunk boundaries.
  const ROWS = 40_000;

  it('gives the same store and report as papaparse for every kind of row, across batches', async () => {
    const inPlace = await importCsv(messyCsv(ROWS, { quoteUsers: false, newline: '\n' }), 7_777);
    const parsed = await importCsv(messyCsv(ROWS, { quoteUsers: true, newline: '\n' }));
    expect(inPlace.dataset!.store.category.length).toBeGreaterThan(15_000);
    expect(Object.keys(inPlace.report.skipped).sort()).toEqual(
      [
        'bad-count',
        'bad-time',
        'empty-category',
        'empty-user',
        'negative-count',
        'too-few-fields',
        'unknown-action',
        'zero-count',
      ].sort(),
    );
    expect(inPlace.report.files[0].timeForms).toMatchObject({ 'unix-s': expect.any(Number) });
    expect(comparable(inPlace)).toEqual(comparable(parsed));
  });

  it('reads CRLF text the same way, and a file quoted only from its middle on', async () => {
    const crlf = await importCsv(messyCsv(5_000, { quoteUsers: false, newline: '\r\n' }));
    const crlfParsed = await importCsv(messyCsv(5_000, { quoteUsers: true, newline: '\r\n' }));
    expect(comparable(crlf)).toEqual(comparable(crlfParsed));
    const plain = messyCsv(5_000, { quoteUsers: false, newline: '\n' }).split('\n');
    const quoted = messyCsv(5_000, { quoteUsers: true, newline: '\n' }).split('\n');
    const half = [...plain.slice(0, 2_500), ...quoted.slice(2_500)].join('\n');
    expect(comparable(await importCsv(half))).toEqual(comparable(await importCsv(plain.join('\n'))));
  });

  it('reads Parquet rows from their columns as the same rows of a CSV', async () => {
    // Parquet has no blank lines and no short rows, so those two kinds are left out of both files.
    const text = messyCsv(6_000, { quoteUsers: false, newline: '\n', skip: [13, 14] });
    const rows = text
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const buffer = parquetWriteBuffer({
      columnData: HEADER.map((name, j) => ({ name, data: rows.map((r) => r[j]), type: 'STRING' as const })),
      rowGroupSize: 2_000,
    });
    const parquet = await importDataset([
      { source: sourceFromBytes('messy.parquet', new Uint8Array(buffer)) },
    ]);
    expect(parquet.report.files[0].error).toBeNull();
    expect(comparable(parquet)).toEqual(comparable(await importCsv(text)));
  });

  // Parquet has no blank lines and no short rows, so those two kinds are left out of these files.
  const parquetText = messyCsv(6_000, { quoteUsers: false, newline: '\n', skip: [13, 14] });
  const parquetRows = parquetText
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

  it.each([
    ['defaults, many row groups', ', ROW_GROUP_SIZE 2048'],
    ['V2 (delta encodings), many row groups', ', PARQUET_VERSION V2, ROW_GROUP_SIZE 2048'],
  ])(
    'reads Parquet written by DuckDB (%s, empty cells as nulls) as the same rows of a CSV',
    async (_, options) => {
      const dir = mkdtempSync(join(tmpdir(), 'tag-lab-in-place-'));
      const connection = await (await DuckDBInstance.create(':memory:')).connect();
      try {
        writeFileSync(join(dir, 'messy.csv'), parquetText);
        const path = join(dir, 'messy.parquet');
        await connection.run(
          `COPY (SELECT * FROM read_csv('${join(dir, 'messy.csv')}', header = true, all_varchar = true, quote = ''))
          TO '${path}' (FORMAT parquet${options})`,
        );
        const bytes = new Uint8Array(readFileSync(path));
        const parquet = await importDataset([{ source: sourceFromBytes('messy.parquet', bytes) }]);
        expect(parquet.report.files[0].error).toBeNull();
        expect(comparable(parquet)).toEqual(comparable(await importCsv(parquetText)));
      } finally {
        connection.closeSync();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('reads a Parquet chunk that switches from dictionary to plain encoding midway as the same rows of a CSV', async () => {
    const bytes = writeSwitchingParquet(
      HEADER.map((name, j) => ({ name, values: parquetRows.map((r) => (r[j] === '' ? null : r[j])) })),
      2_222,
      700,
    );
    const parquet = await importDataset([{ source: sourceFromBytes('switching.parquet', bytes) }]);
    expect(parquet.report.files[0].error).toBeNull();
    expect(comparable(parquet)).toEqual(comparable(await importCsv(parquetText)));
  });
});
