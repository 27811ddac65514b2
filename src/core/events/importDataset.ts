// importDataset: event files, an optional category dictionary and an optional truth file → one EventStore, a
// TruthTable and the import report. A bad file gets one message and the others still import.

import { EventStoreBuilder } from './storeBuilder';
import { ReportCollector } from './report';
import { inspectHead, type HeadInspection } from './sniff';
import { badTimeMessage, actionFromFileName } from './proposeMapping';
import { detectTimeColumn } from './timeColumn';
import { FIELD_EXPECTED } from './columns';
import { describeDuplicateHeader, findDuplicateHeaders } from './duplicateHeaders';
import { importEventFile } from './importEvents';
import { importCategoryFile, importTruthFile } from './importSide';
import { recordReader } from './readRecords';
import { nestedColumnProblem } from './parquetRecords';
import { isAbortError, throwIfAborted } from './abort';
import { ACTION_CODE, type Action, type EventStore, type TruthTable } from './types';
import { isoFromDay } from '../time';
import type {
  CategoryNamesReport,
  DuplicatesReport,
  ColumnMapping,
  FileReport,
  ImportFileSpec,
  ImportOptions,
  ImportResult,
  TimeFormat,
} from './importTypes';
import { describeError } from '../errors';

interface Shared {
  builder: EventStoreBuilder;
  report: ReportCollector;
  truths: TruthTable[];
  options: ImportOptions;
  onBytes: (name: string) => (bytesRead: number) => void;
}

export async function importDataset(
  files: ImportFileSpec[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importInto(new EventStoreBuilder(), [], files, options);
}

/**
 * Imports files into a builder that may already hold a dataset (see appendToDataset): the report's totals describe
 * the whole dataset, its files list only these files.
 */
export async function importInto(
  builder: EventStoreBuilder,
  truths: TruthTable[],
  files: ImportFileSpec[],
  options: ImportOptions,
): Promise<ImportResult> {
  const totalBytes = files.reduce((n, f) => n + f.source.size, 0);
  let bytesBefore = 0;
  builder.dropDuplicates = !options.keepDuplicates;
  const shared: Shared = {
    builder,
    report: new ReportCollector(),
    truths,
    options,
    onBytes: (file) => (bytesRead) =>
      options.onProgress?.({ file, bytesRead, totalBytes, bytesDone: bytesBefore + bytesRead }),
  };
  for (const spec of files) {
    throwIfAborted(options.signal);
    await importFile(spec, shared);
    bytesBefore += spec.source.size;
  }
  const { report } = shared;
  const categoryNames = reportEventNames(builder, report);
  const store = builder.size > 0 ? builder.finish() : null;
  const duplicates = reportDuplicates(builder, report);
  // With more than one source (several files, or files added to a loaded dataset) the totals describe the result.
  if (store && duplicates) Object.assign(report.actions, countActions(store));
  const truth = mergeTruths(shared.truths);
  addDatasetWarnings(report, store?.userIds ?? [], truth);
  const built = report.build(store, truth);
  return {
    dataset: store ? { store, truth } : null,
    report: { ...built, ...(categoryNames ? { categoryNames } : {}), ...(duplicates ? { duplicates } : {}) },
  };
}

function countActions(store: EventStore): Record<Action, number> {
  const counts = [0, 0];
  for (let i = 0; i < store.action.length; i++) counts[store.action[i]]++;
  return { purchase: counts[ACTION_CODE.purchase], click: counts[ACTION_CODE.click] };
}

function reportDuplicates(builder: EventStoreBuilder, report: ReportCollector): DuplicatesReport | null {
  const found = builder.duplicates;
  if (!found) return null;
  const examples = found.examples.map(({ day, ...e }) => ({ ...e, date: isoFromDay(day) }));
  if (found.count > 0)
    report.warnings.push(
      `${found.count === 1 ? '1 event appears' : `${found.count} events appear`} in more than one file and ${found.count === 1 ? 'was' : 'were'} counted once (e.g. user ${examples[0].user}, ` +
        `category ${examples[0].category} on ${examples[0].date}, again in ${examples[0].file}).`,
    );
  return { count: found.count, dropped: builder.dropDuplicates, examples };
}

function reportEventNames(builder: EventStoreBuilder, report: ReportCollector): CategoryNamesReport | null {
  if (builder.eventNames.size === 0) return null;
  const resolved = builder.resolveEventNames();
  if (resolved.conflicting > 0) {
    const e = resolved.examples[0];
    const names = e.names.map((n) => `"${n.name}" (${n.rows} rows)`).join(', ');
    report.warnings.push(
      `${resolved.conflicting} category ids are written with more than one name; the most frequent name is kept ` +
        `(e.g. ${e.id}: ${names}).`,
    );
  }
  return { fromEvents: resolved.names.size, conflicting: resolved.conflicting, examples: resolved.examples };
}

async function importFile(spec: ImportFileSpec, shared: Shared): Promise<void> {
  const name = spec.source.name;
  const file: FileReport = {
    name,
    role: spec.role ?? 'events',
    layout: null,
    delimiter: null,
    timeFormat: null,
    rows: 0,
    events: 0,
    error: null,
  };
  shared.report.files.push(file);
  try {
    const head = await inspectHead(spec.source, spec.role);
    const { sniff } = head;
    Object.assign(file, { role: sniff.role, delimiter: sniff.delimiter });
    if (sniff.encoding !== 'utf-8')
      shared.report.warnings.push(`${name}: not UTF-8; read as Windows-1252 (Western European).`);
    if (sniff.unusable || (sniff.role !== 'events' && sniff.problems.length)) {
      file.error = sniff.problems[0];
      return;
    }
    await importByRole(spec, head, file, shared);
    if (file.rows > 0 && file.events === 0 && !file.error)
      shared.report.warnings.push(
        `${name}: none of its ${file.rows} rows could be used; see the skipped rows.`,
      );
  } catch (e) {
    if (isAbortError(e)) throw e;
    file.error = `${name}: the file could not be read (${describeError(e)}).`;
  }
}

async function importByRole(spec: ImportFileSpec, head: HeadInspection, file: FileReport, shared: Shared) {
  const { sniff, newline } = head;
  const { report, options } = shared;
  const common = { source: head.source, sniff, newline, encoding: sniff.encoding, report, file };
  const progress = { signal: options.signal, onBytes: shared.onBytes(file.name) };
  const side = {
    ...common,
    ...progress,
    ...(head.parquet ? { readRecords: recordReader(head, null, progress) } : {}),
  };
  if (sniff.role === 'categories') return importCategoryFile(side, shared.builder);
  if (sniff.role === 'truth') {
    shared.truths.push(await importTruthFile(side));
    return;
  }
  const mapping = spec.mapping ? checkMapping(spec.mapping, head, file.name) : sniff.mapping;
  if (typeof mapping === 'string' || !mapping || (!spec.mapping && sniff.problems.length)) {
    file.error = typeof mapping === 'string' ? mapping : sniff.problems[0];
    return;
  }
  Object.assign(file, { layout: spec.mapping ? 'custom' : sniff.layout, timeFormat: mapping.timeFormat });
  if (sniff.hasHeader)
    for (const d of findDuplicateHeaders(sniff.header, mapping))
      report.warnings.push(describeDuplicateHeader(file.name, d));
  if (sniff.dateOrderReason && !spec.mapping?.dateOrder) file.dateOrder = sniff.dateOrderReason;
  else if (mapping.dateOrder) file.dateOrder = `${mapping.dateOrder} (chosen in the mapping)`;
  shared.builder.startSource(file.name);
  const columns = [
    mapping.user,
    mapping.category,
    mapping.time,
    mapping.action,
    mapping.count,
    mapping.categoryName,
  ];
  const nested = head.parquet ? nestedColumnProblem(file.name, head.parquet, columns) : null;
  if (nested) {
    file.error = nested;
    return;
  }
  await importEventFile({
    ...side,
    mapping: mapping as ColumnMapping & { timeFormat: TimeFormat },
    delimiter: sniff.delimiter,
    hasHeader: sniff.hasHeader && !head.parquet,
    builder: shared.builder,
    ...(head.parquet ? { readRecords: recordReader(head, columns, progress) } : {}),
  });
}

/** Completes a mapping chosen on the page (time format, action) or says what is wrong with it. */
function checkMapping(mapping: ColumnMapping, head: HeadInspection, name: string): ColumnMapping | string {
  const { sniff, sample } = head;
  const width = sniff.header.length;
  const used = [
    mapping.user,
    mapping.category,
    mapping.time,
    mapping.action,
    mapping.count,
    mapping.categoryName ?? null,
  ];
  const outside = used.find((j) => j !== null && (j < 0 || j >= width));
  if (outside !== undefined && outside !== null)
    return `${name}: the mapping points at column ${outside + 1}, but the file has ${width} columns.`;
  const detected = detectTimeColumn(sample.map((r) => (r[mapping.time] ?? '').trim()));
  const timeFormat = mapping.timeFormat ?? detected?.format;
  if (!timeFormat) return badTimeMessage(name, sniff.hasHeader ? sniff.header : null, mapping.time, sample);
  const dateOrder = mapping.dateOrder ?? detected?.dateOrder ?? undefined;
  const fixedAction = mapping.fixedAction ?? actionFromFileName(name) ?? undefined;
  if (mapping.action === null && !fixedAction)
    return `${name}: no action column is mapped. Map a column named like ${FIELD_EXPECTED.action}, or choose purchase or click for the whole file.`;
  return {
    ...mapping,
    timeFormat,
    ...(dateOrder ? { dateOrder } : {}),
    ...(fixedAction ? { fixedAction } : {}),
  };
}

function mergeTruths(truths: TruthTable[]): TruthTable | null {
  if (truths.length === 0) return null;
  if (truths.length === 1) return truths[0];
  const hasStages = truths.some((t) => t.stages !== null);
  return {
    userIds: truths.flatMap((t) => t.userIds),
    labels: Uint8Array.from(truths.flatMap((t) => [...t.labels])),
    stages: hasStages ? truths.flatMap((t) => t.stages ?? t.userIds.map(() => null)) : null,
  };
}

function addDatasetWarnings(
  report: ReportCollector,
  userIds: readonly string[],
  truth: TruthTable | null,
): void {
  if (!truth || truth.userIds.length === 0) return;
  const known = new Set(userIds);
  const missing = truth.userIds.filter((u) => !known.has(u)).length;
  if (missing > 0)
    report.warnings.push(
      `${missing} of ${truth.userIds.length} users in the truth file have no events; they cannot be scored.`,
    );
}
