// sniffSource: reads only the first 64 KB of a file and proposes how to import it (role, delimiter, header,
// layout, column mapping with confidences, time format, action values), or says why it cannot be imported.

import { readHead } from './source';
import { decodeHead } from './textHead';
import { detectNewline, parseAllRecords, type Newline } from './csvStream';
import {
  detectDelimiter,
  detectHeader,
  detectRole,
  findCategoryColumns,
  findTruthColumns,
} from './sniffHeader';
import { proposeEventMapping } from './proposeMapping';
import { findDuplicateHeaders } from './duplicateHeaders';
import { gunzipSource, isGzip } from './gzipSource';
import { isParquet, openParquet, readParquetRows, type ParquetFile } from './parquetRecords';
import type { FileRole, ImportSource, MappedField, SourceSniff } from './importTypes';

export const SNIFF_BYTES = 64 * 1024;
const SAMPLE_ROWS = 200;
const PREVIEW_ROWS = 10;

const EXPECTED_EVENTS =
  'Expected a CSV file with a header row such as user_id,category,time,action,count and one event per row';

const NO_CONFIDENCE: Record<MappedField, number> = { user: 0, category: 0, time: 0, action: 0, count: 0 };

function unusableSniff(source: ImportSource, role: FileRole, problem: string): SourceSniff {
  return {
    name: source.name,
    size: source.size,
    role,
    delimiter: ',',
    hasHeader: false,
    header: [],
    rows: [],
    layout: null,
    mapping: null,
    confidence: { ...NO_CONFIDENCE },
    timeFormat: null,
    actionValues: [],
    needsMapping: false,
    problems: [problem],
    unusable: true,
    encoding: 'utf-8',
  };
}

function isBlankRow(r: readonly string[]): boolean {
  return r.every((c) => c.trim() === '');
}

/** Reads the head of a source and proposes how to import it. `role` forces the role instead of guessing it. */
export async function sniffSource(source: ImportSource, role?: FileRole): Promise<SourceSniff> {
  return (await inspectHead(source, role)).sniff;
}

export interface HeadInspection {
  sniff: SourceSniff;
  /** what to read the records from: the source itself, or its unpacked bytes when it is gzipped */
  source: ImportSource;
  /** set when the file is Parquet (its records are read by row group, not parsed as text) */
  parquet?: ParquetFile;
  /** up to 200 data rows of the head, for re-detecting a time format under another mapping */
  sample: string[][];
  newline: Newline;
}

export async function inspectHead(source: ImportSource, role?: FileRole): Promise<HeadInspection> {
  const bytes = await readHead(source, SNIFF_BYTES);
  if (isGzip(bytes)) {
    const unpacked = await inspectHead(gunzipSource(source), role);
    return { ...unpacked, sniff: { ...unpacked.sniff, compression: 'gzip' } };
  }
  if (isParquet(bytes) && source.slice) return inspectParquet(source, await openParquet(source), role);
  const inspection = await inspectHeadText(source, bytes, role);
  return { sample: [], newline: '\n', source, ...inspection };
}

async function inspectParquet(
  source: ImportSource,
  parquet: ParquetFile,
  role?: FileRole,
): Promise<HeadInspection> {
  const all = parquet.header.map((_, j) => j);
  const sample = await readParquetRows(parquet, 0, Math.min(SAMPLE_ROWS, parquet.rows), all);
  const { header } = parquet;
  const fileRole = role ?? detectRole(source.name, header);
  const base: SourceSniff = {
    ...unusableSniff(source, fileRole, ''),
    delimiter: '',
    hasHeader: true,
    header,
    rows: sample.slice(0, PREVIEW_ROWS),
    problems: [],
    unusable: false,
    format: 'parquet',
    rowCount: parquet.rows,
  };
  if (sample.length === 0) {
    const problem = `${source.name}: the Parquet file has columns (${header.join(', ')}) but no rows.`;
    return {
      sniff: { ...base, unusable: true, problems: [problem] },
      source,
      parquet,
      sample,
      newline: '\n',
    };
  }
  const sniff =
    fileRole === 'events'
      ? { ...base, ...proposeEventMapping(source.name, header, sample) }
      : { ...base, problems: sideFileProblems(source.name, fileRole, header, header.length) };
  const duplicateHeaders = findDuplicateHeaders(header, sniff.mapping);
  return { sniff: { ...sniff, duplicateHeaders }, source, parquet, sample, newline: '\n' };
}

async function inspectHeadText(
  source: ImportSource,
  bytes: Uint8Array,
  role?: FileRole,
): Promise<Partial<HeadInspection> & { sniff: SourceSniff }> {
  const head = decodeHead(bytes, source.size);
  const name = source.name;
  if (!head.ok)
    return {
      sniff: unusableSniff(
        source,
        role ?? 'events',
        `${name}: this is not a text CSV file (${head.reason}). ${EXPECTED_EVENTS}.`,
      ),
    };
  if (head.text.trim() === '')
    return {
      sniff: unusableSniff(source, role ?? 'events', `${name}: the file is empty. ${EXPECTED_EVENTS}.`),
    };

  const delimiter = detectDelimiter(head.text);
  const newline = detectNewline(head.text);
  const records = parseAllRecords(head.text, delimiter, newline).filter((r) => !isBlankRow(r));
  const sample = records.slice(0, SAMPLE_ROWS + 1);
  const hasHeader = detectHeader(sample);
  const rawHeader = hasHeader ? sample[0].map((h) => h.trim()) : null;
  const dataRows = hasHeader ? sample.slice(1) : sample;
  const width = Math.max(...sample.map((r) => r.length));
  const header = rawHeader ?? Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  const fileRole = role ?? detectRole(name, rawHeader);

  const base: SourceSniff = {
    ...unusableSniff(source, fileRole, ''),
    delimiter,
    hasHeader,
    header,
    rows: dataRows.slice(0, PREVIEW_ROWS),
    problems: [],
    unusable: false,
    encoding: head.encoding,
  };
  if (dataRows.length === 0) {
    const seen = header.join(', ');
    const problem = `${name}: the file has a header row (${seen}) but no data rows. Expected one row per entry below it.`;
    return { sniff: { ...base, unusable: true, problems: [problem] } };
  }
  const sniff =
    fileRole === 'events'
      ? { ...base, ...proposeEventMapping(name, rawHeader, dataRows) }
      : { ...base, problems: sideFileProblems(name, fileRole, rawHeader, width) };
  const duplicateHeaders = rawHeader ? findDuplicateHeaders(rawHeader, sniff.mapping) : [];
  return { sniff: { ...sniff, duplicateHeaders }, sample: dataRows, newline };
}

function sideFileProblems(name: string, role: FileRole, header: string[] | null, width: number): string[] {
  const seen = header ? ` (columns seen: ${header.join(', ')})` : '';
  if (role === 'categories' && !findCategoryColumns(header, width))
    return [`${name}: a category dictionary needs two columns. Expected category_id,name${seen}.`];
  if (role === 'truth' && !findTruthColumns(header, width))
    return [
      `${name}: no user and label columns found. Expected user_id,label with labels 1/0 and an optional stage${seen}.`,
    ];
  return [];
}
