// The CSV import's public shapes: sources, column mappings, sniff results, progress and the JSON import report.
// Everything here is plain data so it crosses the worker boundary and prints as JSON unchanged.

import type { Action, EventStore, TruthTable } from './types';

/** A file to import, read as a stream of byte chunks (a dropped Blob in the page, a path in the CLI). */
export interface ImportSource {
  name: string;
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
  /** bytes of the file itself read so far, when chunks() yields them unpacked (a .gz): what progress counts */
  bytesRead?: () => number;
  /** bytes [start, end) of the file, for formats read by random access (Parquet); absent for pure streams */
  slice?: (start: number, end: number) => Promise<ArrayBuffer>;
}

export type FileRole = 'events' | 'categories' | 'truth';

export type TimeFormat =
  | 'iso-date'
  | 'iso-datetime'
  | 'sql-datetime'
  | 'yyyymmdd'
  | 'unix-s'
  | 'unix-ms'
  | 'day-first'
  | 'month-first';

/** How a column writes slashed dates such as 03/04/2024, decided once per column from its values. */
export type DateOrder = 'day-first' | 'month-first';

export type MappedField = 'user' | 'category' | 'time' | 'action' | 'count';

/** Column indices into a row. With `action: null` every row gets `fixedAction`. */
export interface ColumnMapping {
  user: number;
  category: number;
  time: number;
  action: number | null;
  count: number | null;
  fixedAction?: Action;
  /** source value (as written in the file) → action, or 'skip'; overrides the built-in aliases */
  actionMap?: Record<string, Action | 'skip'>;
  /**
   * column holding the category's display name beside its id (REES46 category_code, category_name…): the id stays
   * the key and the most frequent name per id becomes its dictionary entry
   */
  categoryName?: number | null;
  /** the time column's most common form, tried first; a value it cannot read is read by the form it has */
  timeFormat?: TimeFormat;
  /** how slashed dates (03/04/2024) are read; detected from the first rows when absent */
  dateOrder?: DateOrder;
}

export interface ActionValueSeen {
  value: string;
  /** rows in the sampled head of the file */
  count: number;
  proposed: Action | 'skip';
}

export interface DuplicateHeader {
  /** the name as the header writes it first */
  name: string;
  /** 0-based column indices that carry the name */
  columns: number[];
  /** the one the proposed mapping imports, or null when none is mapped */
  used: number | null;
}

export interface SourceSniff {
  name: string;
  size: number;
  role: FileRole;
  delimiter: string;
  hasHeader: boolean;
  /** header names, or "column 1", "column 2"… when the file has no header */
  header: string[];
  /** the first data rows (at most 10), as text */
  rows: string[][];
  /** a recognised layout ('taobao-userbehavior', 'tag-lab', 'rees46-ecommerce', 'named-columns') or null */
  layout: string | null;
  /** proposed event mapping (null for side files and unusable files) */
  mapping: ColumnMapping | null;
  /** per mapped field: 1 = named by the header or a known layout, 0.5 = guessed from the values, 0 = not found */
  confidence: Record<MappedField, number>;
  timeFormat: TimeFormat | null;
  /** every time form seen in the sampled head, most common first */
  timeForms?: TimeFormat[];
  /** how day-first versus month-first was decided, when the column holds slashed dates */
  dateOrderReason?: string | null;
  actionValues: ActionValueSeen[];
  /** header names that occur more than once, with the column the mapping uses */
  duplicateHeaders?: DuplicateHeader[];
  /** true when the page should show the mapping step before importing */
  needsMapping: boolean;
  /** why the file cannot be imported as detected; empty when it can */
  problems: string[];
  /** true when no mapping can help (empty, header only, binary) */
  unusable: boolean;
  encoding: 'utf-8' | 'windows-1252';
  /** 'parquet' for Parquet files (no delimiter, typed columns); absent for text */
  format?: 'csv' | 'parquet';
  /** 'gzip' when the file is a .gz (its size is the packed size); absent when plain */
  compression?: 'gzip';
  /** the exact row count when the file states it (Parquet metadata); absent for text */
  rowCount?: number;
}

export interface ImportFileSpec {
  source: ImportSource;
  role?: FileRole;
  mapping?: ColumnMapping;
}

export interface ImportProgress {
  file: string;
  /** bytes of this file read so far */
  bytesRead: number;
  /** bytes of all files together */
  totalBytes: number;
  /** bytes of all files read so far */
  bytesDone: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  /** keep events that another file (or the loaded dataset) also holds; by default they count once */
  keepDuplicates?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export type SkipReason =
  | 'bad-time'
  | 'bad-count'
  | 'negative-count'
  | 'zero-count'
  | 'empty-user'
  | 'empty-category'
  | 'unknown-action'
  | 'too-few-fields'
  | 'bad-label';

export interface SkippedRow {
  file: string;
  /** 1-based row number as a spreadsheet shows it (the header is row 1) */
  row: number;
  values: string[];
}

export interface FileReport {
  name: string;
  role: FileRole;
  layout: string | null;
  delimiter: string | null;
  timeFormat: TimeFormat | null;
  /** events read per time form, when the column holds more than one */
  timeForms?: Partial<Record<TimeFormat, number>>;
  /** how slashed dates were read and why, when the column holds any */
  dateOrder?: string;
  /** data rows read (blank lines not counted) */
  rows: number;
  /** events kept (for side files: entries kept) */
  events: number;
  error: string | null;
}

export interface CategoryNamesReport {
  /** ids named by a name/code column in the event files */
  fromEvents: number;
  /** ids written with more than one name (the most frequent was kept) */
  conflicting: number;
  /** the first conflicting ids with their names and row counts, the kept name first */
  examples: { id: string; names: { name: string; rows: number }[] }[];
}

export interface DuplicatesReport {
  /** events found in more than one file (beyond the copies the fullest file holds) */
  count: number;
  /** true when they were dropped (the default) */
  dropped: boolean;
  examples: { user: string; category: string; date: string; file: string }[];
}

export interface ImportReport {
  rows: number;
  events: number;
  users: number;
  categories: number;
  dateRange: { from: string; to: string } | null;
  actions: Record<Action, number>;
  otherBehaviours: Record<string, number>;
  skipped: Partial<Record<SkipReason, { count: number; examples: SkippedRow[] }>>;
  files: FileReport[];
  truthUsers: number;
  /** names found beside the category ids in the event files; absent when no file has such a column */
  categoryNames?: CategoryNamesReport;
  /** events held by more than one file; absent when only one file brought events */
  duplicates?: DuplicatesReport;
  warnings: string[];
}

export interface ImportResult {
  dataset: { store: EventStore; truth: TruthTable | null } | null;
  report: ImportReport;
}

export interface DatasetSummary {
  topCategories: { id: string; name: string; events: number; purchases: number; clicks: number }[];
  eventsPerMonth: { month: string; purchases: number; clicks: number }[];
}
