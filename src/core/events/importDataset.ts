// importDataset: event files, an optional category dictionary and an optional truth file → one EventStore, a
// TruthTable and the import report. A bad file gets one message and the others still import.

import { EventStoreBuilder } from './storeBuilder';
import { ReportCollector } from './report';
import { inspectHead, type HeadInspection } from './sniff';
import { badTimeMessage, actionFromFileName } from './proposeMapping';
import { detectTimeFormat } from './timeFormats';
import { FIELD_EXPECTED } from './columns';
import { importEventFile } from './importEvents';
import { importCategoryFile, importTruthFile } from './importSide';
import { isAbortError, throwIfAborted } from './abort';
import type { TruthTable } from './types';
import type {
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
  const totalBytes = files.reduce((n, f) => n + f.source.size, 0);
  let bytesBefore = 0;
  const shared: Shared = {
    builder: new EventStoreBuilder(),
    report: new ReportCollector(),
    truths: [],
    options,
    onBytes: (file) => (bytesRead) =>
      options.onProgress?.({ file, bytesRead, totalBytes, bytesDone: bytesBefore + bytesRead }),
  };
  for (const spec of files) {
    throwIfAborted(options.signal);
    await importFile(spec, shared);
    bytesBefore += spec.source.size;
  }
  const { builder, report } = shared;
  const store = builder.size > 0 ? builder.finish() : null;
  const truth = mergeTruths(shared.truths);
  addDatasetWarnings(report, store?.userIds ?? [], truth);
  return { dataset: store ? { store, truth } : null, report: report.build(store, truth) };
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
  const common = { source: spec.source, sniff, newline, encoding: sniff.encoding, report, file };
  const side = { ...common, signal: options.signal, onBytes: shared.onBytes(file.name) };
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
  await importEventFile({
    ...side,
    mapping: mapping as ColumnMapping & { timeFormat: TimeFormat },
    delimiter: sniff.delimiter,
    hasHeader: sniff.hasHeader,
    builder: shared.builder,
  });
}

/** Completes a mapping chosen on the page (time format, action) or says what is wrong with it. */
function checkMapping(mapping: ColumnMapping, head: HeadInspection, name: string): ColumnMapping | string {
  const { sniff, sample } = head;
  const width = sniff.header.length;
  const used = [mapping.user, mapping.category, mapping.time, mapping.action, mapping.count];
  const outside = used.find((j) => j !== null && (j < 0 || j >= width));
  if (outside !== undefined && outside !== null)
    return `${name}: the mapping points at column ${outside + 1}, but the file has ${width} columns.`;
  const timeFormat =
    mapping.timeFormat ?? detectTimeFormat(sample.map((r) => (r[mapping.time] ?? '').trim()));
  if (!timeFormat) return badTimeMessage(name, sniff.hasHeader ? sniff.header : null, mapping.time, sample);
  const fixedAction = mapping.fixedAction ?? actionFromFileName(name) ?? undefined;
  if (mapping.action === null && !fixedAction)
    return `${name}: no action column is mapped. Map a column named like ${FIELD_EXPECTED.action}, or choose purchase or click for the whole file.`;
  return { ...mapping, timeFormat, ...(fixedAction ? { fixedAction } : {}) };
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
