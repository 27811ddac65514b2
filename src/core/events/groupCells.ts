// The cells of one Parquet row group as the import's hot loop reads them: per column, a reader of row r that
// checks, interns or parses each distinct entry once (a dictionary-encoded column holds a few hundred entries for
// a hundred thousand rows). Every answer is the one the row's text (groupCellText) would give; a cell a reader
// cannot vouch for sends the row to the import's one per-row check.

import type { ActionLookup } from './actions';
import { clean, isTidy, parseCount } from './eventCells';
import type { StringInterner } from './interner';
import type { GroupColumn, TextColumn } from './parquetColumns';
import { groupCellText, stringFromBytes } from './parquetRecords';

/** An id column: `tidy(r)` when clean() keeps row r's text as it is and it is not empty; `index(r)` interns it. */
export interface IdCells {
  tidy(r: number): boolean;
  index(r: number): number;
}

function entryText(column: TextColumn, e: number): string {
  return stringFromBytes(column.bytes.subarray(column.offsets[e], column.offsets[e + 1]))!;
}

const UNSEEN = -2;
const UNTIDY = -1;
const TIDY = -3;

export function idCells(column: GroupColumn, interner: StringInterner): IdCells {
  if (column.kind === 'text') {
    const { ids, bytes, offsets } = column;
    // Per entry: UNSEEN, UNTIDY, TIDY (checked, not interned yet) or its index.
    const state = new Int32Array(column.entries).fill(UNSEEN);
    const tidyEntry = (e: number): boolean => {
      const start = offsets[e];
      const end = offsets[e + 1];
      // An ASCII first byte rules out a byte-order mark, which decoding would drop.
      if (end > start && bytes[start] > 32 && bytes[start] < 0x80) return bytes[end - 1] > 32;
      const s = entryText(column, e);
      return isTidy(s, 0, s.length);
    };
    return {
      tidy: (r) => {
        const e = ids[r];
        if (e < 0) return false;
        let s = state[e];
        if (s === UNSEEN) s = state[e] = tidyEntry(e) ? TIDY : UNTIDY;
        return s !== UNTIDY;
      },
      index: (r) => {
        const e = ids[r];
        let s = state[e];
        if (s >= 0) return s;
        s = interner.indexOfBytes(bytes, offsets[e], offsets[e + 1]);
        if (s < 0) s = interner.indexOf(entryText(column, e));
        return (state[e] = s);
      },
    };
  }
  if (column.kind === 'number') {
    const nulls = column.nulls;
    // The text of a number is never empty and never has spaces around it.
    return {
      tidy: (r) => !nulls?.[r],
      index: (r) => interner.indexOf(groupCellText(column, r)),
    };
  }
  return {
    tidy: (r) => {
      const s = groupCellText(column, r);
      return isTidy(s, 0, s.length);
    },
    index: (r) => interner.indexOf(groupCellText(column, r)),
  };
}

/** Row r's day by the column's time form, NaN when that form does not read it (the per-row check tries others). */
export function dayCells(column: GroupColumn, parseTime: (s: string) => number): (r: number) => number {
  if (column.kind === 'text') {
    const ids = column.ids;
    const days = new Float64Array(column.entries).fill(Infinity); // Infinity: not parsed yet
    return (r) => {
      const e = ids[r];
      if (e < 0) return NaN;
      const d = days[e];
      return d !== Infinity ? d : (days[e] = parseTime(entryText(column, e)));
    };
  }
  if (column.kind === 'number' && column.days) {
    const { values, nulls } = column;
    // Timestamps become their UTC day's ISO text, read once per distinct day.
    const parsed = new Map<number, number>();
    return (r) => {
      if (nulls?.[r]) return NaN;
      const day = values[r];
      let d = parsed.get(day);
      if (d === undefined) parsed.set(day, (d = parseTime(groupCellText(column, r))));
      return d;
    };
  }
  return (r) => parseTime(groupCellText(column, r));
}

/** Row r's action code (ActionLookup.codeOf of its text), looked up once per entry. */
export function actionCells(column: GroupColumn, lookup: ActionLookup): (r: number) => number {
  if (column.kind === 'text') {
    const { ids, bytes, offsets } = column;
    const codes = new Int32Array(column.entries).fill(UNSEEN - 100); // below every code
    const textOf = (b: Uint8Array) => stringFromBytes(b)!;
    return (r) => {
      const e = ids[r];
      if (e < 0) return lookup.codeOf('');
      const c = codes[e];
      if (c !== UNSEEN - 100) return c;
      return (codes[e] = lookup.codeOfBytes(bytes.subarray(offsets[e], offsets[e + 1]), textOf));
    };
  }
  return (r) => lookup.codeOf(groupCellText(column, r));
}

/** Row r's count as parseCount reads its text (a negative code for bad values). */
export function countCells(column: GroupColumn): (r: number) => number {
  if (column.kind === 'text') {
    const ids = column.ids;
    const counts = new Float64Array(column.entries).fill(NaN); // NaN: not read yet
    return (r) => {
      const e = ids[r];
      if (e < 0) return parseCount('');
      const c = counts[e];
      return c === c ? c : (counts[e] = parseCount(entryText(column, e)));
    };
  }
  if (column.kind === 'number' && !column.days) {
    const { values, nulls } = column;
    // Integer counts are used as they are: their text would read back as the same number.
    return (r) => {
      const v = values[r];
      return v > 0 && Number.isSafeInteger(v) && !nulls?.[r] ? v : parseCount(groupCellText(column, r));
    };
  }
  return (r) => parseCount(groupCellText(column, r));
}

/** Row r's category name, cleaned; '' when the column is not read. */
export function nameCells(column: GroupColumn | undefined): (r: number) => string {
  if (!column) return () => '';
  if (column.kind === 'text') {
    const ids = column.ids;
    const names: (string | undefined)[] = new Array<string | undefined>(column.entries);
    return (r) => {
      const e = ids[r];
      if (e < 0) return '';
      return (names[e] ??= clean(entryText(column, e)));
    };
  }
  return (r) => clean(groupCellText(column, r));
}
