// The storage the flat column reader fills while it walks a column chunk's pages: string entries copied into one
// byte arena (plain, delta-length and delta byte arrays), number values read without a BigInt or an object per row.

import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';
import type { FlatColumn } from './parquetColumns';

export type NumberForm = 'int32' | 'int64' | 'float' | 'double';
export type NumberReading = {
  kind: 'number';
  form: NumberForm;
  toDay: ((v: number) => number) | null;
  exact: boolean;
};
export type Reading = { kind: 'text' } | NumberReading;

export interface Cursor {
  view: DataView;
  offset: number;
}

/** Growing storage of one column chunk's entries (strings) or row values (numbers). */
export class ChunkBuilder {
  bytes: Uint8Array;
  used = 0;
  offsets: Int32Array;
  entries = 0;
  ids: Int32Array;
  values: Float64Array;
  exact: BigInt64Array | null;
  nulls: Uint8Array | null = null;
  /** the dictionary page: text entries numbered from `first` on, or number values (and their exact form) */
  dictionary: {
    first: number;
    values: Float64Array | null;
    exact: BigInt64Array | null;
  } | null = null;

  /** `byteHint`: the chunk's uncompressed size, which holds every entry's bytes (growing by doubling cost more). */
  constructor(
    readonly rows: number,
    readonly reading: Reading,
    byteHint: number,
  ) {
    const text = reading.kind === 'text';
    this.bytes = new Uint8Array(text ? Math.max(64, byteHint) : 0);
    this.offsets = new Int32Array(text ? rows + 1 : 1);
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
export function readPlainNumbers(
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
export function readDeltaNumbers(
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

export const TEXT_ENCODINGS: Record<
  string,
  ((this: ChunkBuilder, c: Cursor, count: number) => number) | undefined
> = {
  PLAIN: ChunkBuilder.prototype.addPlain,
  DELTA_LENGTH_BYTE_ARRAY: ChunkBuilder.prototype.addDeltaLength,
  DELTA_BYTE_ARRAY: ChunkBuilder.prototype.addDeltaBytes,
};

export function bytesOf(c: Cursor): Uint8Array {
  return new Uint8Array(c.view.buffer, c.view.byteOffset, c.view.byteLength);
}

export function cursorOf(bytes: Uint8Array): Cursor {
  return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
}
