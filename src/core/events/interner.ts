// Maps the id strings of the hot loop to builder indices. Looking up 200,000 distinct freshly parsed strings in a
// Map cost about as much as parsing the CSV, nearly all of it cache misses; this table keeps hash, index and the
// key's characters' position in one 16-byte slot and the characters in one arena, so a hit touches two places.
// The builder owns one per dictionary (users, categories) and keeps the strings; every file shares them.

import { detachString } from './storeBuilder';

const SLOT = 4; // ints per slot: hash (0 = empty), value, arena offset, length

function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) | 1; // never 0, which marks an empty slot
}

export class StringInterner {
  private table = new Int32Array(SLOT << 12);
  private mask = (1 << 12) - 1;
  private size = 0;
  private arena = new Uint16Array(1 << 16);
  private arenaLength = 0;

  /** `register` is called once per distinct string with a detached copy and returns its builder index. */
  constructor(private readonly register: (s: string) => number) {}

  indexOf(s: string): number {
    return this.indexOfRange(s, 0, s.length);
  }

  /** The index of text[start, end), read in place: a string is cut out only the first time it is seen. */
  indexOfRange(text: string, start: number, end: number): number {
    const h = hashRange(text, start, end);
    const n = end - start;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const base = slot * SLOT;
      const th = table[base];
      if (th === 0) return this.insert(text.substring(start, end), h, base);
      if (th === h && table[base + 3] === n && this.matches(text, start, end, table[base + 2]))
        return table[base + 1];
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * The index of the ASCII text held in bytes[start, end), read in place (the same hash, so it finds what indexOf
   * stored), or -1 without looking further when a byte is not ASCII: the caller decodes that one as UTF-8.
   */
  indexOfBytes(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b > 0x7f) return -1;
      h = Math.imul(h ^ b, 0x01000193);
    }
    h = (h ^ (h >>> 15)) | 1;
    const n = end - start;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const base = slot * SLOT;
      const th = table[base];
      if (th === 0) {
        const text = String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
        return this.insert(text, h, base);
      }
      if (th === h && table[base + 3] === n && this.matchesBytes(bytes, start, end, table[base + 2]))
        return table[base + 1];
      slot = (slot + 1) & this.mask;
    }
  }

  private matchesBytes(bytes: Uint8Array, start: number, end: number, offset: number): boolean {
    const arena = this.arena;
    for (let i = start; i < end; i++) if (arena[offset + i - start] !== bytes[i]) return false;
    return true;
  }

  private matches(text: string, start: number, end: number, offset: number): boolean {
    const arena = this.arena;
    for (let i = start; i < end; i++) if (arena[offset + i - start] !== text.charCodeAt(i)) return false;
    return true;
  }

  private insert(s: string, h: number, base: number): number {
    const value = this.register(detachString(s));
    if (this.arenaLength + s.length > this.arena.length) {
      const bigger = new Uint16Array(Math.max(this.arena.length * 2, this.arenaLength + s.length));
      bigger.set(this.arena.subarray(0, this.arenaLength));
      this.arena = bigger;
    }
    for (let i = 0; i < s.length; i++) this.arena[this.arenaLength + i] = s.charCodeAt(i);
    this.table.set([h, value, this.arenaLength, s.length], base);
    this.arenaLength += s.length;
    if (++this.size * 2 > this.mask + 1) this.grow();
    return value;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * SLOT);
    this.mask = slots - 1;
    for (let base = 0; base < old.length; base += SLOT) {
      const h = old[base];
      if (h === 0) continue;
      let slot = h & this.mask;
      while (this.table[slot * SLOT] !== 0) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(base, base + SLOT), slot * SLOT);
    }
  }
}
