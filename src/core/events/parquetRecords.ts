// Parquet (from a warehouse) read with hyparquet, a pure-JS reader that runs in the page, the worker and Node:
// one row group at a time, only the mapped columns, turned into the same text records a CSV gives, so sniffing,
// mapping, bad-row reports and the hot loop are shared. Typed values keep their meaning: 64-bit integer ids become
// their exact decimal digits (never a rounded double), timestamps and dates their UTC day as an ISO date (the store
// keeps days; one cached string per day instead of a number turned into text on every row).

import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { AsyncBuffer, FileMetaData, SchemaTree } from 'hyparquet';
import { isoFromDay } from '../time';
import { throwIfAborted } from './abort';
import type { RecordSink } from './csvStream';
import type { ImportSource } from './importTypes';

export interface ParquetFile {
  file: AsyncBuffer;
  metadata: FileMetaData;
  /** top-level column names, in file order */
  header: string[];
  rows: number;
  /** top-level columns that hold a list, map or struct per row, by index: none maps onto an event field */
  nested: Map<number, 'list' | 'map' | 'struct'>;
}

/** True when the bytes start with Parquet's magic "PAR1". */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

const MS_PER_DAY = 86_400_000;
const isoDays = new Map<number, string>();

function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) isoDays.set(day, (iso = isoFromDay(day)));
  return iso;
}

// No Date object and no BigInt-to-text per row.
const PARSERS = {
  timestampFromMilliseconds: (ms: bigint) => isoDay(Math.floor(Number(ms) / MS_PER_DAY)),
  timestampFromMicroseconds: (us: bigint) => isoDay(Math.floor(Number(us) / (MS_PER_DAY * 1000))),
  timestampFromNanoseconds: (ns: bigint) => isoDay(Math.floor(Number(ns) / (MS_PER_DAY * 1e6))),
  dateFromDays: isoDay,
};

export async function openParquet(source: ImportSource): Promise<ParquetFile> {
  const slice = source.slice;
  if (!slice) throw new Error('this source cannot be read by random access, which Parquet needs');
  const file: AsyncBuffer = {
    byteLength: source.size,
    slice: (start, end) => slice(start, end ?? source.size),
  };
  const metadata = await parquetMetadataAsync(file);
  const columns = parquetSchema(metadata).children;
  const header = columns.map((c) => c.element.name);
  const nested = new Map<number, 'list' | 'map' | 'struct'>();
  columns.forEach((c, j) => {
    const kind = nestedKind(c);
    if (kind) nested.set(j, kind);
  });
  return { file, metadata, header, rows: Number(metadata.num_rows), nested };
}

function nestedKind(column: SchemaTree): 'list' | 'map' | 'struct' | null {
  const e = column.element;
  if (e.repetition_type === 'REPEATED' || e.converted_type === 'LIST' || e.logical_type?.type === 'LIST')
    return 'list';
  if (e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP')
    return 'map';
  return column.children.length > 0 ? 'struct' : null;
}

/**
 * Why mapped columns cannot be read, or null: an event field needs one plain value per row, and a nested column
 * holds a list, map or struct. Names the column and says what to do.
 */
export function nestedColumnProblem(
  name: string,
  parquet: ParquetFile,
  columns: readonly (number | null | undefined)[],
): string | null {
  const j = columns.find((c): c is number => typeof c === 'number' && parquet.nested.has(c));
  if (j === undefined) return null;
  const column = parquet.header[j];
  return (
    `${name}: column "${column}" is a nested Parquet ${parquet.nested.get(j)} (several values per row), and ` +
    `each event field needs one plain value per row. Map another column, or flatten it where the file is made ` +
    `(for a struct: SELECT ${column}.field AS …; for a list: one row per element).`
  );
}

function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  // Nested values (lists, structs) are shown as JSON text in the preview, never as "[object Object]".
  if (typeof v === 'object' && !(v instanceof Date))
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** Column texts of rows [rowStart, rowEnd), one array per requested column. */
async function readColumnTexts(
  parquet: ParquetFile,
  rowStart: number,
  rowEnd: number,
  columns: readonly number[],
): Promise<string[][]> {
  const n = rowEnd - rowStart;
  const names = columns.map((j) => parquet.header[j]);
  const texts = new Map<string, string[]>(names.map((name) => [name, new Array<string>(n).fill('')]));
  await parquetRead({
    file: parquet.file,
    metadata: parquet.metadata,
    columns: names,
    rowStart,
    rowEnd,
    parsers: PARSERS,
    // hyparquet alone reads Snappy and uncompressed pages; warehouses also write ZSTD, GZIP, Brotli and LZ4.
    compressors,
    onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
      const out = texts.get(columnName);
      if (!out) return;
      const from = Math.max(0, rowStart - chunkStart);
      const to = Math.min(columnData.length, rowEnd - chunkStart);
      for (let k = from; k < to; k++) out[chunkStart + k - rowStart] = cellText(columnData[k]);
    },
  });
  return names.map((name) => texts.get(name)!);
}

/**
 * Rows [rowStart, rowEnd) as text records; columns not in `columns` are left empty. `reuse` lends row arrays from
 * the previous group (the importers copy what they keep), so a 10-million-row file allocates rows once per group size.
 */
export async function readParquetRows(
  parquet: ParquetFile,
  rowStart: number,
  rowEnd: number,
  columns: readonly number[],
  reuse: string[][] = [],
): Promise<string[][]> {
  const cols = await readColumnTexts(parquet, rowStart, rowEnd, columns);
  const n = rowEnd - rowStart;
  const width = reuse.length ? reuse[0].length : parquet.header.length;
  const rows = reuse.length >= n ? reuse.slice(0, n) : reuse.concat(new Array<string[]>(n - reuse.length));
  for (let r = 0; r < n; r++) {
    const row = rows[r] ?? (rows[r] = new Array<string>(width).fill(''));
    for (let k = 0; k < columns.length; k++) row[columns[k]] = cols[k][r];
  }
  return rows;
}

/** Streams the file's rows group by group to `sink`, numbered as a CSV with a header row would be. */
export async function streamParquetRecords(
  parquet: ParquetFile,
  columns: readonly number[],
  sink: RecordSink,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void; size: number },
): Promise<void> {
  let rowStart = 0;
  let rows: string[][] = [];
  for (const group of parquet.metadata.row_groups) {
    throwIfAborted(options.signal);
    const rowEnd = rowStart + Number(group.num_rows);
    rows = await readParquetRows(parquet, rowStart, rowEnd, columns, rows);
    sink(rows, rowStart + 2);
    rowStart = rowEnd;
    options.onBytes?.(Math.round((options.size * rowStart) / Math.max(1, parquet.rows)));
  }
}
