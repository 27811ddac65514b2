// Flat Parquet columns of one row group decoded page by page with hyparquet's own page pieces, but without a value
// object per row: strings as entry numbers into one byte arena (a dictionary page's entries once, then each plainly
// written value), numbers in a Float64Array, timestamps and dates as UTC days. The importer interns or parses each
// distinct entry once. Only the common flat types and encodings are read this way (canReadFlat says which); any
// other column is read through hyparquet's parquetRead as before.

import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import type { ColumnMetaData, Compressors, PageHeader, SchemaElement } from 'hyparquet';
import {
  ChunkBuilder,
  cursorOf,
  readDeltaNumbers,
  readPlainNumbers,
  TEXT_ENCODINGS,
  type Cursor,
  type NumberForm,
  type NumberReading,
  type Reading,
} from './parquetChunk';

/** A string column: row r holds entry ids[r] (-1: null), whose UTF-8 bytes are bytes[offsets[e], offsets[e + 1]). */
export interface TextColumn {
  kind: 'text';
  ids: Int32Array;
  bytes: Uint8Array;
  offsets: Int32Array;
  entries: number;
}

/** A number column; `days`: values are UTC days (timestamps, dates); `exact`: the 64-bit integers themselves. */
export interface NumberColumn {
  kind: 'number';
  values: Float64Array;
  nulls: Uint8Array | null;
  days: boolean;
  exact: BigInt64Array | null;
}

/** A column this reader left to hyparquet: its decoded values (cellText gives their text). */
export interface ValuesColumn {
  kind: 'values';
  values: ArrayLike<unknown>;
}

export type FlatColumn = TextColumn | NumberColumn;
export type GroupColumn = FlatColumn | ValuesColumn;

const MS_PER_DAY = 86_400_000;
const DAY_OF: Record<'MILLIS' | 'MICROS' | 'NANOS', (v: number) => number> = {
  MILLIS: (ms) => Math.floor(ms / MS_PER_DAY),
  MICROS: (us) => Math.floor(us / (MS_PER_DAY * 1000)),
  NANOS: (ns) => Math.floor(ns / (MS_PER_DAY * 1e6)),
};
// Levels (RLE, BIT_PACKED), dictionaries, plain values, and the delta encodings DuckDB's V2 files use.
const LEVELS_AND_DICTIONARY = ['RLE', 'BIT_PACKED', 'PLAIN', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY'];
const READABLE: Record<'text' | NumberForm, Set<string>> = {
  text: new Set([...LEVELS_AND_DICTIONARY, 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY']),
  int32: new Set([...LEVELS_AND_DICTIONARY, 'DELTA_BINARY_PACKED']),
  int64: new Set([...LEVELS_AND_DICTIONARY, 'DELTA_BINARY_PACKED']),
  float: new Set(LEVELS_AND_DICTIONARY),
  double: new Set(LEVELS_AND_DICTIONARY),
};

/**
 * How a column's values are read, mirroring what hyparquet's convert() would make of them (so the text of every
 * cell is the same either way), or null when this reader leaves the column to hyparquet.
 */
function readingOf(e: SchemaElement): Reading | null {
  const c = e.converted_type;
  const l = e.logical_type;
  if (e.repetition_type === 'REPEATED' || (e.num_children ?? 0) > 0) return null;
  if (e.type === 'BYTE_ARRAY') {
    const textual = (!c || c === 'UTF8' || c === 'ENUM') && (!l || l.type === 'STRING' || l.type === 'ENUM');
    return textual ? { kind: 'text' } : null;
  }
  if (c === 'DECIMAL' || c === 'UINT_32' || c === 'UINT_64' || l?.type === 'FLOAT16') return null;
  if (l?.type === 'INTEGER' && !l.isSigned && l.bitWidth >= 32) return null;
  const number = (form: NumberForm, toDay: NumberReading['toDay'] = null): NumberReading => ({
    kind: 'number',
    form,
    toDay,
    exact: form === 'int64' && !toDay,
  });
  if (e.type === 'INT32') return number('int32', c === 'DATE' ? (d) => d : null);
  if (e.type === 'INT64') {
    if (c === 'TIMESTAMP_MILLIS') return number('int64', DAY_OF.MILLIS);
    if (c === 'TIMESTAMP_MICROS') return number('int64', DAY_OF.MICROS);
    if (l?.type === 'TIMESTAMP') return number('int64', DAY_OF[l.unit]);
    return number('int64');
  }
  if (e.type === 'FLOAT') return number('float');
  if (e.type === 'DOUBLE') return number('double');
  return null;
}

/** True when this reader decodes the column chunk (its type and every encoding it uses). */
export function canReadFlat(element: SchemaElement, meta: ColumnMetaData, maxDefinition: number): boolean {
  const reading = readingOf(element);
  if (!reading || maxDefinition > 1 || meta.path_in_schema.length !== 1) return false;
  const readable = READABLE[reading.kind === 'text' ? 'text' : reading.form];
  return meta.encodings.every((e) => readable.has(e));
}

function readDictionaryPage(b: ChunkBuilder, c: Cursor, count: number): void {
  const reading = b.reading;
  if (reading.kind === 'text') {
    b.dictionary = { first: b.addPlain(c, count), values: null, exact: null };
    return;
  }
  const values = new Float64Array(count);
  const exact = reading.exact ? new BigInt64Array(count) : null;
  readPlainNumbers(c, reading, count, values, exact, 0);
  b.dictionary = { first: 0, values, exact };
}

/** Definition levels of a flat column: 1 where the row holds a value, 0 for null. */
function readDefinitions(c: Cursor, rows: number, byteLength?: number): Uint8Array {
  const levels = new Uint8Array(rows);
  readRleBitPackedHybrid(c, 1, levels, byteLength);
  return levels;
}

/** Writes the page's `present` values (read from `c` by `encoding`) to rows [row, row + levels.length). */
function readValues(
  b: ChunkBuilder,
  c: Cursor,
  encoding: string,
  rows: number,
  row: number,
  levels: Uint8Array | null,
): void {
  let present = rows;
  if (levels) for (let k = 0; k < rows; k++) present -= 1 - levels[k];
  const dictionaryEncoded = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
  const reading = b.reading;
  // Text: entry numbers; numbers: the values (or, dictionary encoded, the dictionary indices).
  let keys: Int32Array | Float64Array;
  let exact: BigInt64Array | null = null;
  if (dictionaryEncoded) {
    const dictionary = b.dictionary;
    if (!dictionary) throw new Error('parquet dictionary-encoded page without a dictionary page');
    const width = c.view.getUint8(c.offset++);
    const indices = new Int32Array(present);
    if (width) readRleBitPackedHybrid(c, width, indices, c.view.byteLength - c.offset);
    if (reading.kind === 'text') {
      for (let k = 0; k < present; k++) indices[k] += dictionary.first;
      keys = indices;
    } else {
      const values = new Float64Array(present);
      for (let k = 0; k < present; k++) values[k] = dictionary.values![indices[k]];
      if (dictionary.exact) {
        exact = new BigInt64Array(present);
        for (let k = 0; k < present; k++) exact[k] = dictionary.exact[indices[k]];
      }
      keys = values;
    }
  } else if (reading.kind === 'text') {
    const add = TEXT_ENCODINGS[encoding];
    if (!add) throw new Error(`parquet encoding ${encoding} is not read by the flat column reader`);
    const first = add.call(b, c, present);
    keys = new Int32Array(present);
    for (let k = 0; k < present; k++) keys[k] = first + k;
  } else if (encoding === 'PLAIN' || encoding === 'DELTA_BINARY_PACKED') {
    keys = new Float64Array(present);
    exact = reading.exact ? new BigInt64Array(present) : null;
    if (encoding === 'PLAIN') readPlainNumbers(c, reading, present, keys, exact, 0);
    else readDeltaNumbers(c, reading, present, keys, exact);
  } else throw new Error(`parquet encoding ${encoding} is not read by the flat column reader`);
  scatter(b, keys, exact, row, rows, levels);
}

/** Puts the page's values on their rows, nulls where the definition level says so. */
function scatter(
  b: ChunkBuilder,
  keys: Int32Array | Float64Array,
  exact: BigInt64Array | null,
  row: number,
  rows: number,
  levels: Uint8Array | null,
): void {
  const text = b.reading.kind === 'text';
  const out: { [i: number]: number; set(a: ArrayLike<number>, at: number): void } = text ? b.ids : b.values;
  if (!levels) {
    out.set(keys, row);
    if (exact) b.exact!.set(exact, row);
    return;
  }
  let k = 0;
  for (let r = 0; r < rows; r++) {
    if (levels[r]) {
      out[row + r] = keys[k];
      if (exact) b.exact![row + r] = exact[k];
      k++;
    } else if (text) out[row + r] = -1;
    else (b.nulls ??= new Uint8Array(b.rows))[row + r] = 1;
  }
}

/** How much of a column chunk to read: its rows, the pages up to row `limit`, its levels and codecs. */
export interface ChunkReading {
  rows: number;
  limit: number;
  /** 1 for an optional column, 0 for a required one */
  maxDefinition: number;
  compressors: Compressors;
}

/** Decodes one column chunk (its bytes from the dictionary page or first data page on). */
export function readFlatColumn(
  chunk: Uint8Array,
  element: SchemaElement,
  meta: ColumnMetaData,
  { rows, limit, maxDefinition, compressors }: ChunkReading,
): FlatColumn {
  const reading = readingOf(element);
  if (!reading) throw new Error(`parquet column ${element.name} is not read by the flat column reader`);
  const b = new ChunkBuilder(rows, reading, Number(meta.total_uncompressed_size));
  const file = cursorOf(chunk);
  let row = 0;
  while (row < limit) {
    const header: PageHeader = parquetHeader(file);
    const raw = chunk.subarray(file.offset, file.offset + header.compressed_page_size);
    if (raw.length < header.compressed_page_size)
      throw new Error(`parquet column ${element.name}: a page runs past the end of its column chunk`);
    file.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(raw, header.uncompressed_page_size, meta.codec, compressors);
      readDictionaryPage(b, cursorOf(page), header.dictionary_page_header!.num_values);
    } else if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!;
      const page = cursorOf(decompressPage(raw, header.uncompressed_page_size, meta.codec, compressors));
      const levels = maxDefinition ? readDefinitions(page, daph.num_values) : null;
      readValues(b, page, daph.encoding, daph.num_values, row, levels);
      row += daph.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const v2 = header.data_page_header_v2!;
      // Levels come first and are never compressed; the values after them may be.
      const head = cursorOf(raw);
      head.offset = v2.repetition_levels_byte_length;
      const levels = maxDefinition
        ? readDefinitions(head, v2.num_values, v2.definition_levels_byte_length)
        : null;
      const start = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
      const body = raw.subarray(start);
      const size = header.uncompressed_page_size - start;
      const values = v2.is_compressed === false ? body : decompressPage(body, size, meta.codec, compressors);
      readValues(b, cursorOf(values), v2.encoding, v2.num_values, row, levels);
      row += v2.num_values;
    }
    // Index pages carry nothing a reader needs.
    if (file.offset >= chunk.byteLength && row < limit)
      throw new Error(`parquet column ${element.name} ends after ${row} of ${rows} rows`);
  }
  return b.build();
}
