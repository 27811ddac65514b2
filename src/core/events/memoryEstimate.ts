// Will a drop fit in the tab? Estimated from the sniffed head before anything is parsed: bytes per row of the first
// rows give the number of events, and the store's measured bytes per event the memory they need. A drop that will
// not fit is refused with a pointer to the command line, which reads the same files on the whole machine's memory.

import type { SourceSniff } from './importTypes';

/** The compact store holds ~15.5 B per event (README, `npm run bench -- --only import`). */
export const STORE_BYTES_PER_EVENT = 15.5;
/**
 * Peak while importing: the builder's typed arrays grow by doubling (up to twice the final size for a moment), and
 * saving to IndexedDB copies the store once more. Twice the store plus the copy, rounded up.
 */
export const IMPORT_PEAK_FACTOR = 3;
/** A gzipped CSV export is typically 5–10× smaller than its text; the larger ratio errs towards "too big". */
export const GZIP_EXPANSION = 10;
/** The budget when the browser says nothing about its memory (Firefox, Safari): safe on a 4 GB laptop. */
export const FALLBACK_BUDGET_BYTES = 1024 ** 3;
/** Of the JS heap limit: the page, the charts and the training need the rest. */
const HEAP_SHARE = 0.5;
/** Of the device's memory (navigator.deviceMemory, in GiB, capped at 8 by browsers): one tab of many. */
const DEVICE_SHARE = 0.25;

export type ImportSize = Pick<
  SourceSniff,
  'name' | 'size' | 'role' | 'rows' | 'delimiter' | 'compression' | 'rowCount'
>;

export interface MemoryEstimate {
  /** estimated events over all event files */
  events: number;
  /** estimated peak bytes to import and keep them */
  bytes: number;
}

/** What the browser tells about memory; any field may be missing. */
export interface MemorySignals {
  /** performance.memory.jsHeapSizeLimit (Chromium) */
  jsHeapSizeLimit?: number;
  /** navigator.deviceMemory in GiB (Chromium; rounded, at most 8) */
  deviceMemory?: number;
}

export interface MemoryBudget {
  bytes: number;
  /** where the figure comes from, for the message */
  source: 'heap limit' | 'device memory' | 'fixed budget';
}

/** Mean bytes per row of the sniffed head: the cells, their delimiters and a line break. */
function bytesPerRow(rows: string[][], delimiter: string): number | null {
  if (rows.length === 0) return null;
  const encoder = new TextEncoder();
  let total = 0;
  for (const row of rows) {
    total += row.reduce((sum, cell) => sum + encoder.encode(cell).length, 0);
    total += Math.max(0, row.length - 1) * Math.max(1, delimiter.length) + 1;
  }
  return Math.max(1, total / rows.length);
}

/** Events one file will yield (an upper guess: every row an event, the header counted as data). */
export function estimateFileEvents(file: ImportSize): number {
  if (file.role !== 'events' || file.size <= 0) return 0;
  // Parquet states its rows in its metadata: no guess needed.
  if (file.rowCount !== undefined) return file.rowCount;
  const perRow = bytesPerRow(file.rows, file.delimiter);
  if (perRow === null) return 0;
  const textBytes = file.compression === 'gzip' ? file.size * GZIP_EXPANSION : file.size;
  return Math.ceil(textBytes / perRow);
}

/** The events and peak memory of importing these files onto a dataset already holding `loadedEvents`. */
export function estimateImportMemory(files: ImportSize[], loadedEvents = 0): MemoryEstimate {
  const events = loadedEvents + files.reduce((sum, f) => sum + estimateFileEvents(f), 0);
  return { events, bytes: Math.ceil(events * STORE_BYTES_PER_EVENT * IMPORT_PEAK_FACTOR) };
}

/** The most this tab should spend on a dataset: the smallest figure the browser's signals allow. */
export function memoryBudget(signals: MemorySignals): MemoryBudget {
  const options: MemoryBudget[] = [];
  if (signals.jsHeapSizeLimit && signals.jsHeapSizeLimit > 0)
    options.push({ bytes: signals.jsHeapSizeLimit * HEAP_SHARE, source: 'heap limit' });
  if (signals.deviceMemory && signals.deviceMemory > 0)
    options.push({ bytes: signals.deviceMemory * 1024 ** 3 * DEVICE_SHARE, source: 'device memory' });
  if (options.length === 0) return { bytes: FALLBACK_BUDGET_BYTES, source: 'fixed budget' };
  return options.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} million`;
  return n.toLocaleString('en-US');
}

/** Null when the drop fits; otherwise the message that says so before parsing and points to the CLI. */
export function describeTooBig(estimate: MemoryEstimate, budget: MemoryBudget): string | null {
  if (estimate.bytes <= budget.bytes) return null;
  return (
    `These files hold about ${formatCount(estimate.events)} events: importing them needs about ` +
    `${formatBytes(estimate.bytes)} of memory, and this tab can spend about ${formatBytes(budget.bytes)} ` +
    `(${budget.source}). Nothing has been imported, so the tab does not run out of memory. The command line reads ` +
    'the same files with all of this machine’s memory: npm run cli -- inspect FILE... (the import report), ' +
    'npm run cli -- label FILE... --rules rules.json, npm run cli -- train FILE... --rules rules.json --out run/. ' +
    'Or drop a sample of the export (fewer months or users).'
  );
}
