// Flat Parquet columns of one row group decoded page by page with hyparquet's own page pieces, but without a value
// object per row: strings as entry numbers into one byte arena (a dictionary page's entries once, then each plainly
// written value), numbers in a Float64Array, timestamps and dates as UTC days. The importer interns or parses each
// distinct entry once. Only the common flat types and encodings are read this way; anything else returns null and
// is read through hyparquet's parquetRead as before.

import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import type { ColumnMetaData, Compressors, PageHeader, SchemaElement } from 'hyparquet';

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

type NumberForm = 'int32' | 'int64' | 'float' | 'double';
type NumberReading = {
  kind: 'number';
  form: NumberForm;
  toDay: ((v: number) => number) | null;
  exact: boolean;
};
type Reading = { kind: 'text' } | NumberReading;

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

interface Cursor {
  view: DataView;
  offset: number;
}

/** Growing storage of one column chunk's entries (strings) or row values (numbers). */
class ChunkBuilder {
  bytes = new Uint8Array(1 << 12);
  used = 0;
  offsets: Int32Array;
  entries = 0;
  ids: Int32Array;
  values: Float64Array;
  exact: BigInt64Array | null;
  nulls: Uint8Array | null = null;
  /** dictionary entries: text entry numbers (into offsets), or number values */
  dictionary: {
    first: number;
    size: number;
    values: Float64Array | null;
    exact: BigInt64Array | null;
  } | null = null;

  constructor(
    readonly rows: number,
    readonly reading: Reading,
  ) {
    const text = reading.kind === 'text';
    this.offsets = new Int32Array(text ? 1 << 10 : 1);
    this.ids = new Int32Array(text ? rows : 0);
    this.values = new Float64Array(text ? 0 : rows);
    this.exact = reading.kind === 'number' && reading.exact ? new BigInt64Array(rows) : null;
  }

  /** Room for `count` more entries and `bytes` more bytes. */
  private reserve(count: number, bytes: number): void {
    if (this.offsets.length < this.entries + count + 1) {
      const grown = new Int32Array(Math.max(this.offsets.length * 2, this.entries + count + 1));
      grown.set(this.offsets.subarray(0, this.entries + 1));
      this.offsets = grown;
    }
    if (this.used + bytes > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + bytes));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
  }

  /** Appends src[at, at + n) as the next entry (room reserved). */
  private add(src: Uint8Array, at: number, n: number): void {
    const bytes = this.bytes;
    let used = this.used;
    for (let i = 0; i < n; i++) bytes[used++] = src[at + i];
    this.used = used;
    this.offsets[++this.entries] = used;
  }

  /** Appends `count` PLAIN byte arrays (each after its 4-byte length) from `c`; returns the first new entry. */
  addPlain(c: Cursor, count: number): number {
    const first = this.entries;
    const src = bytesOf(c);
    for (let k = 0; k < count; k++) {
      const n = c.view.getUint32(c.offset, true);
      this.reserve(1, n);
      this.add(src, c.offset + 4, n);
      c.offset += 4 + n;
    }
    return first;
  }

  /** Appends `count` DELTA_LENGTH_BYTE_ARRAY values (all lengths, then all bytes); returns the first new entry. */
  addDeltaLength(c: Cursor, count: number): number {
    const first = this.entries;
    const lengths = new Int32Array(count);
    deltaBinaryUnpack(c, count, lengths);
    const src = bytesOf(c);
    let total = 0;
    for (let k = 0; k < count; k++) total += lengths[k];
    this.reserve(count, total);
    for (let k = 0; k < count; k++) {
      this.add(src, c.offset, lengths[k]);
      c.offset += lengths[k];
    }
    return first;
  }

  /** Appends `count` DELTA_BYTE_ARRAY values (each a prefix of the one before plus a suffix). */
  addDeltaBytes(c: Cursor, count: number): number {
    const first = this.entries;
    const prefixes = new Int32Array(count);
    deltaBinaryUnpack(c, count, prefixes);
    const suffixes = new Int32Array(count);
    deltaBinaryUnpack(c, count, suffixes);
    const src = bytesOf(c);
    for (let k = 0; k < count; k++) {
      const prefix = prefixes[k];
      const n = suffixes[k];
      this.reserve(1, prefix + n);
      const bytes = this.bytes;
      const previous = this.offsets[this.entries - 1]; // read only when there is a prefix
      let used = this.used;
      for (let i = 0; i < prefix; i++) bytes[used++] = bytes[previous + i];
      for (let i = 0; i < n; i++) bytes[used++] = src[c.offset + i];
      this.used = used;
      this.offsets[++this.entries] = used;
      c.offset += n;
    }
    return first;
  }

  build(): FlatColumn {
    if (this.reading.kind === 'text')
      return { kind: 'text', ids: this.ids, bytes: this.bytes, offsets: this.offsets, entries: this.entries };
    return {
      kind: 'number',
      values: this.values,
      nulls: this.nulls,
      days: this.reading.toDay !== null,
      exact: this.exact,
    };
  }
}

const TWO_32 = 4294967296;

/** `count` plain numbers of the given form from `c` into out[at…] (and their exact 64-bit form). */
function readPlainNumbers(
  c: Cursor,
  reading: NumberReading,
  count: number,
  out: Float64Array,
  exact: BigInt64Array | null,
  at: number,
): void {
  const { view } = c;
  let o = c.offset;
  const toDay = reading.toDay;
  const words = exact && new Int32Array(exact.buffer, exact.byteOffset, exact.length * 2);
  for (let k = 0; k < count; k++) {
    let v: number;
    if (reading.form === 'int32') {
      v = view.getInt32(o, true);
      o += 4;
    } else if (reading.form === 'int64') {
      const low = view.getUint32(o, true);
      const high = view.getInt32(o + 4, true);
      // One rounding, as Number(bigint) rounds: high * 2^32 is exact.
      v = high * TWO_32 + low;
      if (words) {
        words[2 * (at + k)] = low | 0;
        words[2 * (at + k) + 1] = high;
      }
      o += 8;
    } else if (reading.form === 'float') {
      v = view.getFloat32(o, true);
      o += 4;
    } else {
      v = view.getFloat64(o, true);
      o += 8;
    }
    out[at + k] = toDay ? toDay(v) : v;
  }
  c.offset = o;
}

/** `count` DELTA_BINARY_PACKED integers from `c` into out (and their exact 64-bit form). */
function readDeltaNumbers(
  c: Cursor,
  reading: NumberReading,
  count: number,
  out: Float64Array,
  exact: BigInt64Array | null,
): void {
  const toDay = reading.toDay;
  if (reading.form === 'int32') {
    const ints = new Int32Array(count);
    deltaBinaryUnpack(c, count, ints);
    for (let k = 0; k < count; k++) out[k] = toDay ? toDay(ints[k]) : ints[k];
    return;
  }
  const longs = exact ?? new BigInt64Array(count);
  deltaBinaryUnpack(c, count, longs);
  // The 32-bit halves, read without a BigInt per value (typed arrays are little-endian on every JS platform).
  const words = new Int32Array(longs.buffer, longs.byteOffset, count * 2);
  for (let k = 0; k < count; k++) {
    const v = words[2 * k + 1] * TWO_32 + (words[2 * k] >>> 0);
    out[k] = toDay ? toDay(v) : v;
  }
}

function readDictionaryPage(b: ChunkBuilder, c: Cursor, count: number): void {
  const reading = b.reading;
  if (reading.kind === 'text') {
    b.dictionary = { first: b.addPlain(c, count), size: count, values: null, exact: null };
    return;
  }
  const values = new Float64Array(count);
  const exact = reading.exact ? new BigInt64Array(count) : null;
  readPlainNumbers(c, reading, count, values, exact, 0);
  b.dictionary = { first: 0, size: count, values, exact };
}

const TEXT_ENCODINGS: Record<string, ((this: ChunkBuilder, c: Cursor, count: number) => number) | undefined> =
  {
    PLAIN: ChunkBuilder.prototype.addPlain,
    DELTA_LENGTH_BYTE_ARRAY: ChunkBuilder.prototype.addDeltaLength,
    DELTA_BYTE_ARRAY: ChunkBuilder.prototype.addDeltaBytes,
  };

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
  chunk: ArrayBuffer,
  element: SchemaElement,
  meta: ColumnMetaData,
  { rows, limit, maxDefinition, compressors }: ChunkReading,
): FlatColumn {
  const reading = readingOf(element);
  if (!reading) throw new Error(`parquet column ${element.name} is not read by the flat column reader`);
  const b = new ChunkBuilder(rows, reading);
  const file: Cursor = { view: new DataView(chunk), offset: 0 };
  let row = 0;
  while (row < limit) {
    const header: PageHeader = parquetHeader(file);
    const raw = new Uint8Array(chunk, file.offset, header.compressed_page_size);
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

function bytesOf(c: Cursor): Uint8Array {
  return new Uint8Array(c.view.buffer, c.view.byteOffset, c.view.byteLength);
}

function cursorOf(bytes: Uint8Array): Cursor {
  return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
}
