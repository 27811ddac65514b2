// Data requests and events: sniffing dropped files, importing them, the demo dataset, restore and clear.
// Only small, plain results cross to the page; the EventStore itself stays in the worker.

import type {
  Action,
  ColumnMapping,
  DatasetSummary,
  ImportProgress,
  ImportReport,
  SourceSniff,
} from '../../core/events';

/**
 * A mapping as the mapping step edits it: like ColumnMapping, but the required columns may still be unset.
 * It becomes a ColumnMapping (see store/mappingDraft's `completeMapping`) once user, category and time are chosen.
 */
export interface MappingDraft extends Omit<ColumnMapping, 'user' | 'category' | 'time'> {
  user: number | null;
  category: number | null;
  time: number | null;
}

/** A file as sent to the worker. The name travels beside the bytes: not every structured clone keeps File names. */
export interface FileRef {
  name: string;
  blob: Blob;
}

export interface ImportFileRequest extends FileRef {
  /** present when the user confirmed or corrected a mapping in the mapping step */
  mapping: ColumnMapping | null;
}

/** Everything the Data screen shows about the loaded dataset. */
export interface DatasetInfo {
  source: 'files' | 'demo';
  report: ImportReport;
  summary: DatasetSummary;
  /** ISO date-time when the dataset was loaded */
  loadedAt: string;
  /** present when files were added to a loaded dataset: its size before, so the page can say what was added */
  addedTo?: DatasetSize;
  /** names of the category ids the report mentions (duplicate examples), so the page shows names, not ids */
  reportNames?: Record<string, string>;
}

/** The size of a dataset before files were added to it. */
export interface DatasetSize {
  events: number;
  users: number;
  categories: number;
  /** the files it was built from, when known */
  files: string[];
}

/** What a drop onto a loaded dataset does with it. */
export type ImportMode = 'replace' | 'add';

/** `dataset` is null when no file held anything usable; the report then says why, file by file. */
export interface ImportOutcome {
  dataset: DatasetInfo | null;
  report: ImportReport;
}

export type PersistenceStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  | { state: 'failed'; message: string };

export interface DataRequests {
  /** what each file looks like, for the mapping step; results in the order of `files` */
  'data/sniff': { params: { files: FileRef[] }; result: SourceSniff[] };
  /** imports the files into one dataset that replaces the current one (when anything usable was found) */
  'data/import': { params: { files: ImportFileRequest[] }; result: ImportOutcome };
  /**
   * adds the files to the loaded dataset (same user and category ids; events another file already holds count once)
   * and replaces it with the combined one; with nothing loaded it imports them as 'data/import' does
   */
  'data/append': { params: { files: ImportFileRequest[] }; result: ImportOutcome };
  'data/demo': { params: { users: number; seed: number }; result: DatasetInfo };
  /** the dataset saved in IndexedDB, now held by the worker again; null when nothing was saved */
  'data/restore': { params: Record<string, never>; result: DatasetInfo | null };
  'data/clear': { params: Record<string, never>; result: null };
}

export interface DataEvents {
  'data/progress': ImportProgress;
  /** broadcast: the background save to IndexedDB started, finished or failed */
  'data/persistence': PersistenceStatus;
}

export type { Action };
