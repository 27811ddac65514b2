// Parquet (from a warehouse) read with hyparquet, a pure-JS reader that runs in the page, the worker and Node:
// one row group at a time, only the mapped columns, turned into the same text records a CSV gives, so sniffing,
// mapping, bad-row reports and the hot loop are shared. Typed values keep their meaning: 64-bit integer ids become
// their exact decimal digits (never a rounded double), timestamps their Unix milliseconds, dates their ISO day.

import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
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
}

/** True when the bytes start with Parquet's magic "PAR1". */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

// Timestamps as Unix milliseconds (read by the unix-ms form), dates as ISO days: no Date object per row.
const PARSERS = {
  timestampFromMilliseconds: (ms: bigint) => String(ms),
  timestampFromMicroseconds: (us: bigint) => String(us / 1000n),
  timestampFromNanoseconds: (ns: bigint) => String(ns / 1000000n),
  dateFromDays: (days: number) => isoFromDay(days),
};

export async function openParquet(source: ImportSource): Promise<ParquetFile> {
  const slice = source.slice;
  if (!slice) throw new Error('this source cannot be read by random access, which Parquet needs');
  const file: AsyncBuffer = {
    byteLength: source.size,
    slice: (start, end) => slice(start, end ?? source.size),
  };
  const metadata = await parquetMetadataAsync(file);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  return { file, metadata, header, rows: Number(metadata.num_rows) };
}

function cellText(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/** Rows [rowStart, rowEnd) as text records; columns not in `columns` are left empty. */
export async function readParquetRows(
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
    onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
      const out = texts.get(columnName);
      if (!out) return;
      const from = Math.max(0, rowStart - chunkStart);
      const to = Math.min(columnData.length, rowEnd - chunkStart);
      for (let k = from; k < to; k++) out[chunkStart + k - rowStart] = cellText(columnData[k]);
    },
  });
  const template = new Array<string>(parquet.header.length).fill('');
  const cols = columns.map((j) => texts.get(parquet.header[j])!);
  const rows = new Array<string[]>(n);
  for (let r = 0; r < n; r++) {
    const row = template.slice();
    for (let k = 0; k < columns.length; k++) row[columns[k]] = cols[k][r];
    rows[r] = row;
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
  for (const group of parquet.metadata.row_groups) {
    throwIfAborted(options.signal);
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await readParquetRows(parquet, rowStart, rowEnd, columns);
    sink(rows, rowStart + 2);
    rowStart = rowEnd;
    options.onBytes?.(Math.round((options.size * rowStart) / Math.max(1, parquet.rows)));
  }
}
