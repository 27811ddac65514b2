// The side files: a category dictionary (category_id,name → display names) and a truth file (user_id,label
// [,stage] → TruthTable). Both stream like event files and report bad rows the same way.

import { streamRecords, type Newline, type RecordSink } from './csvStream';
import type { RecordReader } from './readRecords';
import { findCategoryColumns, findTruthColumns } from './sniffHeader';
import { detachString, type EventStoreBuilder } from './storeBuilder';
import type { ReportCollector } from './report';
import type { TextEncodingName } from './textHead';
import type { TruthTable } from './types';
import type { FileReport, ImportSource, SourceSniff } from './importTypes';

export interface SideFileJob {
  source: ImportSource;
  sniff: SourceSniff;
  newline: Newline;
  encoding: TextEncodingName;
  report: ReportCollector;
  file: FileReport;
  signal?: AbortSignal;
  onBytes?: (bytesRead: number) => void;
  /** reads the records when the file is not plain CSV text (Parquet); absent: parse `source` as CSV */
  readRecords?: RecordReader;
}

/** Streams the data records of a side file (header and blank lines left out) to `onRow`. */
async function forEachDataRow(job: SideFileJob, onRow: (r: string[], record: number) => void): Promise<void> {
  // Parquet names its columns outside the records, so only text has a header row to skip.
  let headerPending = job.sniff.hasHeader && !job.readRecords;
  const options = { delimiter: job.sniff.delimiter, newline: job.newline, encoding: job.encoding };
  const sink: RecordSink = (batch, first) => {
    batch.forEach((r, i) => {
      if (r.every((c) => c.trim() === '')) return;
      if (headerPending) {
        headerPending = false;
        return;
      }
      job.file.rows++;
      onRow(r, first + i);
    });
  };
  if (job.readRecords) await job.readRecords(sink);
  else await streamRecords(job.source, { ...options, signal: job.signal, onBytes: job.onBytes }, sink);
}

export async function importCategoryFile(job: SideFileJob, builder: EventStoreBuilder): Promise<void> {
  const cols = findCategoryColumns(job.sniff.hasHeader ? job.sniff.header : null, job.sniff.header.length);
  if (!cols) throw new Error('category columns missing'); // sniff reported this already
  const name = job.file.name;
  await forEachDataRow(job, (r, record) => {
    if (r.length <= Math.max(cols.id, cols.name)) return job.report.skip('too-few-fields', name, record, r);
    const id = r[cols.id].trim();
    if (id === '') return job.report.skip('empty-category', name, record, r);
    builder.setCategoryName(detachString(id), detachString(r[cols.name].trim()) || id);
    job.file.events++;
  });
}

const LABEL_VALUES: Record<string, number> = { '1': 1, '0': 0, true: 1, false: 0, yes: 1, no: 0, y: 1, n: 0 };

export async function importTruthFile(job: SideFileJob): Promise<TruthTable> {
  const cols = findTruthColumns(job.sniff.hasHeader ? job.sniff.header : null, job.sniff.header.length);
  if (!cols) throw new Error('truth columns missing'); // sniff reported this already
  const name = job.file.name;
  const seen = new Map<string, number>();
  const labels: number[] = [];
  const stages: (string | null)[] = [];
  let duplicates = 0;
  await forEachDataRow(job, (r, record) => {
    if (r.length <= Math.max(cols.user, cols.label))
      return job.report.skip('too-few-fields', name, record, r);
    const user = r[cols.user].trim();
    if (user === '') return job.report.skip('empty-user', name, record, r);
    const label = LABEL_VALUES[r[cols.label].trim().toLowerCase()];
    if (label === undefined) return job.report.skip('bad-label', name, record, r);
    if (seen.has(user)) {
      duplicates++;
      return;
    }
    seen.set(detachString(user), labels.length);
    labels.push(label);
    stages.push(cols.stage >= 0 ? detachString((r[cols.stage] ?? '').trim()) || null : null);
  });
  job.file.events = labels.length;
  if (duplicates > 0)
    job.report.warnings.push(`${name}: ${duplicates} users appear more than once; their first row was kept.`);
  return {
    userIds: [...seen.keys()],
    labels: Uint8Array.from(labels),
    stages: cols.stage >= 0 ? stages : null,
  };
}
