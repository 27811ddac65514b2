// Parquet (from a warehouse) read with hyparquet, a pure-JS reader that runs in the page, the worker and Node:
// one row group at a time, only the mapped columns, flat columns decoded by parquetColumns (hyparquet's page pieces,
// no object per row), the rest by hyparquet's parquetRead. The event import reads the columns themselves
// (groupCells); everyone else gets the same text records a CSV gives, so sniffing, mapping and bad-row reports are
// shared. Typed values keep their meaning: 64-bit integer ids become their exact decimal digits (never a rounded
// double), timestamps and dates their UTC day as an ISO date (the store keeps days).

import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { AsyncBuffer, ColumnMetaData, FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { isoFromDay } from '../time';
import { throwIfAborted } from './abort';
import type { RecordSink } from './csvStream';
import type { ImportSource } from './importTypes';
import { canReadFlat, readFlatColumn, type GroupColumn } from './parquetColumns';

export interface ParquetFile {
  file: AsyncBuffer;
  metadata: FileMetaData;
  /** top-level column names, in file order */
  header: string[];
  /** their schema elements */
  elements: SchemaElement[];
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

export function isoDay(day: number): string {
  let iso = isoDays.get(day);
  if (iso === undefined) isoDays.set(day, (iso = isoFromDay(day)));
  return iso;
}

const utf8 = new TextDecoder();
const SHORT_TEXT = 32;

/**
 * A string cell's text, as hyparquet's own parser gives it. Ids and codes are short ASCII, and for them one
 * TextDecoder call per value cost more than the rest of the Parquet read: plain ASCII is turned into text directly.
 */
export function stringFromBytes(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const n = bytes.length;
  if (n > SHORT_TEXT) return utf8.decode(bytes);
  for (let i = 0; i < n; i++) if (bytes[i] > 0x7f) return utf8.decode(bytes);
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

// No Date object, no BigInt-to-text and no TextDecoder call per row. The flat column reader gives the same texts.
export const PARQUET_PARSERS = {
  stringFromBytes,
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
  const elements = columns.map((c) => c.element);
  return { file, metadata, header, elements, rows: Number(metadata.num_rows), nested };
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

/** A decoded Parquet value as the text a CSV would hold. */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  // Nested values (lists, structs) are shown as JSON text in the preview, never as "[object Object]".
  if (typeof v === 'object' && !(v instanceof Date))
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** Decoded values of a row group's columns, by column index (undefined: not read); cellText gives their text. */
type ColumnValues = readonly (ArrayLike<unknown> | undefined)[];

/** The columns of a row group, by column index (undefined: not read); groupCellText gives a cell's text. */
export type GroupColumns = readonly (GroupColumn | undefined)[];

/**
 * Receives rows [0, rows) of a row group as columns instead of text records, so a reader that needs only a few
 * cells per row makes no row arrays. `firstRecord` numbers row 0 as streamParquetRecords would.
 */
export type ColumnSink = (columns: GroupColumns, rows: number, firstRecord: number) => void;

/** The text a CSV would hold in row r of a column: the same text cellText gives for hyparquet's own value. */
export function groupCellText(column: GroupColumn, r: number): string {
  if (column.kind === 'values') return cellText(column.values[r]);
  if (column.kind === 'text') {
    const e = column.ids[r];
    return e < 0 ? '' : stringFromBytes(column.bytes.subarray(column.offsets[e], column.offsets[e + 1]))!;
  }
  if (column.nulls?.[r]) return '';
  const v = column.values[r];
  if (column.days) return isoDay(v);
  return column.exact && !Number.isSafeInteger(v) ? String(column.exact[r]) : String(v);
}

// Column chunks closer than this are read in one piece: one read instead of several, a few bytes more.
const MAX_GAP = 1 << 16;

/** The bytes of each [start, end) range, neighbours read together (one await, one file read for a row group). */
async function readRanges(
  file: AsyncBuffer,
  ranges: readonly { start: number; end: number }[],
): Promise<Uint8Array[]> {
  const order = ranges.map((_, k) => k).sort((a, b) => ranges[a].start - ranges[b].start);
  const out = new Array<Uint8Array>(ranges.length);
  for (let i = 0; i < order.length;) {
    let end = ranges[order[i]].end;
    let last = i;
    while (last + 1 < order.length && ranges[order[last + 1]].start - end <= MAX_GAP)
      end = Math.max(end, ranges[order[++last]].end);
    const from = ranges[order[i]].start;
    const bytes = new Uint8Array(await file.slice(from, end));
    for (let k = i; k <= last; k++) {
      const r = ranges[order[k]];
      out[order[k]] = bytes.subarray(r.start - from, r.end - from);
    }
    i = last + 1;
  }
  return out;
}

/**
 * Row group `g` (starting at row `groupStart`, `rows` rows), only `columns`, and of them only the pages that hold
 * rows [0, limit): each flat column of a common type and encoding decoded by readFlatColumn, the rest by hyparquet.
 */
async function readGroupColumns(
  parquet: ParquetFile,
  g: number,
  groupStart: number,
  columns: readonly number[],
  limit?: number,
): Promise<GroupColumns> {
  const rows = Number(parquet.metadata.row_groups[g].num_rows);
  const byName = new Map<string, GroupColumn>();
  const rest: number[] = [];
  const flat: { j: number; meta: ColumnMetaData; maxDefinition: number; start: number; end: number }[] = [];
  for (const j of columns) {
    const name = parquet.header[j];
    if (flat.some((f) => parquet.header[f.j] === name) || rest.some((k) => parquet.header[k] === name))
      continue;
    const element = parquet.elements[j];
    const chunk = parquet.metadata.row_groups[g].columns.find((c) => c.meta_data?.path_in_schema[0] === name);
    const meta = chunk?.meta_data;
    // hyparquet's rule: every level but the root that is not REQUIRED adds one.
    const maxDefinition = element.repetition_type === 'REQUIRED' ? 0 : 1;
    if (!meta || chunk.file_path || !canReadFlat(element, meta, maxDefinition)) rest.push(j);
    else {
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      flat.push({ j, meta, maxDefinition, start, end: start + Number(meta.total_compressed_size) });
    }
  }
  const chunks = await readRanges(parquet.file, flat);
  flat.forEach(({ j, meta, maxDefinition }, k) => {
    const read = { rows, limit: limit ?? rows, maxDefinition, compressors };
    byName.set(parquet.header[j], readFlatColumn(chunks[k], parquet.elements[j], meta, read));
  });
  if (rest.length > 0) {
    const values = await readColumnValues(parquet, groupStart, groupStart + (limit ?? rows), rest);
    for (const j of rest) byName.set(parquet.header[j], { kind: 'values', values: values[j]! });
  }
  // A name the header holds twice reads the same values for both columns, as it always has.
  return parquet.header.map((name, j) => (columns.includes(j) ? byName.get(name) : undefined));
}

/** Decoded values of rows [rowStart, rowEnd) of `columns`, one array per column index (hyparquet's own when whole). */
async function readColumnValues(
  parquet: ParquetFile,
  rowStart: number,
  rowEnd: number,
  columns: readonly number[],
): Promise<ColumnValues> {
  const n = rowEnd - rowStart;
  const names = [...new Set(columns.map((j) => parquet.header[j]))];
  const byName = new Map<string, ArrayLike<unknown>>();
  const pieced = new Set<string>();
  await parquetRead({
    file: parquet.file,
    metadata: parquet.metadata,
    columns: names,
    rowStart,
    rowEnd,
    parsers: PARQUET_PARSERS,
    // hyparquet alone reads Snappy and uncompressed pages; warehouses also write ZSTD, GZIP, Brotli and LZ4.
    compressors,
    onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
      if (!names.includes(columnName)) return;
      const first = byName.get(columnName);
      if (chunkStart === rowStart && columnData.length === n && first === undefined) {
        byName.set(columnName, columnData);
        return;
      }
      // A column that comes in pieces (pages, or a group wider than the rows asked for) is copied together.
      let whole = first as unknown[] | undefined;
      if (!pieced.has(columnName)) {
        whole = new Array<unknown>(n).fill(null);
        if (first) for (let k = 0; k < n; k++) whole[k] = first[k];
        byName.set(columnName, whole);
        pieced.add(columnName);
      }
      const from = Math.max(0, rowStart - chunkStart);
      const to = Math.min(columnData.length, rowEnd - chunkStart);
      for (let k = from; k < to; k++) whole![chunkStart + k - rowStart] = columnData[k];
    },
  });
  // A name the header holds twice reads the same values for both columns, as it always has.
  return parquet.header.map((name, j) => (columns.includes(j) ? byName.get(name) : undefined));
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
  const n = rowEnd - rowStart;
  const width = reuse.length ? reuse[0].length : parquet.header.length;
  const rows = reuse.length >= n ? reuse.slice(0, n) : reuse.concat(new Array<string[]>(n - reuse.length));
  let groupStart = 0;
  for (const [g, group] of parquet.metadata.row_groups.entries()) {
    const groupEnd = groupStart + Number(group.num_rows);
    if (groupEnd > rowStart && groupStart < rowEnd) {
      const cells = await readGroupColumns(
        parquet,
        g,
        groupStart,
        columns,
        Math.min(rowEnd, groupEnd) - groupStart,
      );
      for (let i = Math.max(rowStart, groupStart); i < Math.min(rowEnd, groupEnd); i++) {
        const row = rows[i - rowStart] ?? (rows[i - rowStart] = new Array<string>(width).fill(''));
        for (const j of columns) row[j] = groupCellText(cells[j]!, i - groupStart);
      }
    }
    groupStart = groupEnd;
  }
  return rows;
}

/**
 * Streams the file's rows group by group to `sink`, numbered as a CSV with a header row would be; to `byColumn`
 * instead, as columns (readGroupColumns), when given.
 */
export async function streamParquetRecords(
  parquet: ParquetFile,
  columns: readonly number[],
  sink: RecordSink,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void; size: number },
  byColumn?: ColumnSink,
): Promise<void> {
  let rowStart = 0;
  let rows: string[][] = [];
  for (const [g, group] of parquet.metadata.row_groups.entries()) {
    throwIfAborted(options.signal);
    const rowEnd = rowStart + Number(group.num_rows);
    if (byColumn) {
      byColumn(await readGroupColumns(parquet, g, rowStart, columns), rowEnd - rowStart, rowStart + 2);
    } else {
      rows = await readParquetRows(parquet, rowStart, rowEnd, columns, rows);
      sink(rows, rowStart + 2);
    }
    rowStart = rowEnd;
    options.onBytes?.(Math.round((options.size * rowStart) / Math.max(1, parquet.rows)));
  }
}
