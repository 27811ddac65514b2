// The hot loop of the import: records of one event file straight into the EventStoreBuilder, with bad rows
// counted by reason. No per-row allocation beyond what the CSV parser itself makes.

import { ACTION_CODE } from './types';
import { ActionLookup, FIRST_OTHER, UNKNOWN_ACTION } from './actions';
import { TIME_PARSERS } from './timeFormats';
import { parseOtherForm } from './timeColumn';
import { streamRecords, type Newline } from './csvStream';
import type { RecordReader } from './readRecords';
import type { EventStoreBuilder, IndexedEvents } from './storeBuilder';
import type { ReportCollector } from './report';
import type { TextEncodingName } from './textHead';
import type { ColumnMapping, FileReport, ImportSource, SkipReason, TimeFormat } from './importTypes';

export interface EventFileJob {
  source: ImportSource;
  mapping: ColumnMapping & { timeFormat: TimeFormat };
  delimiter: string;
  newline: Newline;
  encoding: TextEncodingName;
  hasHeader: boolean;
  builder: EventStoreBuilder;
  report: ReportCollector;
  file: FileReport;
  signal?: AbortSignal;
  onBytes?: (bytesRead: number) => void;
  /** reads the records when the file is not plain CSV text (Parquet); absent: parse `source` as CSV */
  readRecords?: RecordReader;
}

/** Trims only when the value has surrounding spaces (most do not, and trim is not free). */
function clean(s: string): string {
  const n = s.length;
  return n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32) ? s : s.trim();
}

const COUNT_BAD = -1;
const COUNT_NEGATIVE = -2;
const COUNT_ZERO = -3;

/** A count cell as a positive number; empty means 1. Returns a COUNT_* code for bad values. */
function parseCount(raw: string): number {
  const n = raw.length;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return parseCountSlow(raw);
    v = v * 10 + c;
  }
  return n === 0 ? 1 : v === 0 ? COUNT_ZERO : v;
}

function parseCountSlow(raw: string): number {
  const s = raw.trim();
  if (s === '') return 1;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return COUNT_BAD;
  const v = Number(s);
  return !Number.isFinite(v) ? COUNT_BAD : v < 0 ? COUNT_NEGATIVE : v === 0 ? COUNT_ZERO : v;
}

const COUNT_REASON: Record<number, SkipReason> = {
  [COUNT_BAD]: 'bad-count',
  [COUNT_NEGATIVE]: 'negative-count',
  [COUNT_ZERO]: 'zero-count',
};

function allocateEvents(n: number): IndexedEvents {
  return {
    user: new Uint32Array(n),
    category: new Uint32Array(n),
    day: new Int32Array(n),
    action: new Uint8Array(n),
    count: new Float32Array(n),
  };
}

/** Events per time form; the column's own form gets the events no other form read. */
function timeFormCounts(
  primary: TimeFormat,
  events: number,
  others: Map<TimeFormat, number>,
): Partial<Record<TimeFormat, number>> {
  let rest = events;
  for (const n of others.values()) rest -= n;
  return { [primary]: rest, ...Object.fromEntries(others) };
}

export async function importEventFile(job: EventFileJob): Promise<void> {
  const { mapping, builder, report, file } = job;
  const parseTime = TIME_PARSERS[mapping.timeFormat];
  const dateOrder = mapping.dateOrder ?? 'day-first';
  const otherForm: TimeFormat[] = [mapping.timeFormat];
  const formCounts = new Map<TimeFormat, number>();
  const ui = mapping.user;
  const ci = mapping.category;
  const ti = mapping.time;
  const ai = mapping.action ?? -1;
  const ni = mapping.count ?? -1;
  const ki = mapping.categoryName ?? -1;
  const minFields = Math.max(ui, ci, ti, ai, ni) + 1;
  const names = builder.eventNames;
  const fixedCode = ACTION_CODE[mapping.fixedAction ?? 'purchase'];
  const lookup = new ActionLookup(mapping.actionMap);
  const users = builder.users;
  const categories = builder.categories;
  const otherCounts = lookup.otherCounts;
  const name = file.name;
  const actionRows = [0, 0];
  let headerPending = job.hasHeader;
  let rows = 0;

  let events = allocateEvents(0);
  const sink = (batch: string[][], firstRecord: number): void => {
    if (events.user.length < batch.length) events = allocateEvents(batch.length);
    let kept = 0;
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i];
      if (r.length < minFields) {
        if (r.length === 1 && clean(r[0]) === '') continue; // blank line
        if (headerPending) {
          headerPending = false;
          continue;
        }
        rows++;
        report.skip('too-few-fields', name, firstRecord + i, r);
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      rows++;
      const user = clean(r[ui]);
      if (user === '') {
        report.skip('empty-user', name, firstRecord + i, r);
        continue;
      }
      const category = clean(r[ci]);
      if (category === '') {
        report.skip('empty-category', name, firstRecord + i, r);
        continue;
      }
      let fellBack = false;
      let day = parseTime(r[ti]);
      if (day !== day) day = parseTime(r[ti].trim());
      if (day !== day) {
        day = parseOtherForm(r[ti], dateOrder, otherForm);
        if (day !== day) {
          report.skip('bad-time', name, firstRecord + i, r);
          continue;
        }
        fellBack = true;
      }
      const code = ai < 0 ? fixedCode : lookup.codeOf(r[ai]);
      if (code >= FIRST_OTHER) {
        otherCounts[code - FIRST_OTHER]++;
        continue;
      }
      if (code === UNKNOWN_ACTION) {
        report.skip('unknown-action', name, firstRecord + i, r);
        continue;
      }
      const count = ni < 0 ? 1 : parseCount(r[ni]);
      if (count < 0) {
        report.skip(COUNT_REASON[count], name, firstRecord + i, r);
        continue;
      }
      actionRows[code]++;
      if (fellBack) formCounts.set(otherForm[0], (formCounts.get(otherForm[0]) ?? 0) + 1);
      events.user[kept] = users.indexOf(user);
      const c = categories.indexOf(category);
      events.category[kept] = c;
      if (ki >= 0 && ki < r.length) {
        const categoryName = clean(r[ki]);
        if (categoryName !== '') names.add(c, categoryName);
      }
      events.day[kept] = day;
      events.action[kept] = code;
      events.count[kept] = count;
      kept++;
    }
    builder.appendIndexed(events, kept);
  };

  const before = builder.size;
  if (job.readRecords) await job.readRecords(sink);
  else
    await streamRecords(
      job.source,
      {
        delimiter: job.delimiter,
        newline: job.newline,
        encoding: job.encoding,
        signal: job.signal,
        onBytes: job.onBytes,
      },
      sink,
    );
  file.rows = rows;
  file.events = builder.size - before;
  if (formCounts.size > 0) file.timeForms = timeFormCounts(mapping.timeFormat, file.events, formCounts);
  report.actions.purchase += actionRows[ACTION_CODE.purchase];
  report.actions.click += actionRows[ACTION_CODE.click];
  report.addOthers(lookup.others());
}
