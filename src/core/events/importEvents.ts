// The hot loop of the import: records of one event file straight into the EventStoreBuilder, with bad rows
// counted by reason. Quote-free CSV text is read in place (cell bounds by indexOf, ids interned from the text, the
// count read from its digits): no array and no string per row but the time cell. Any row that is not a plain good
// event goes through readRow, the one place every check and skip reason lives, exactly as papaparse would give it.

import { ACTION_CODE } from './types';
import { ActionLookup, FIRST_OTHER, UNKNOWN_ACTION } from './actions';
import { TIME_PARSERS } from './timeFormats';
import { parseOtherForm } from './timeColumn';
import { streamRecords, type Newline } from './csvStream';
import { clean, COUNT_REASON, countInPlace, isTidy, parseCount } from './eventCells';
import { groupCellText, type GroupColumns } from './parquetRecords';
import { actionCells, countCells, dayCells, idCells, nameCells } from './groupCells';
import type { RecordReader } from './readRecords';
import type { EventStoreBuilder, IndexedEvents } from './storeBuilder';
import type { ReportCollector } from './report';
import type { TextEncodingName } from './textHead';
import type { ColumnMapping, FileReport, ImportSource, TimeFormat } from './importTypes';

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

const EVENTS_PER_FLUSH = 16_384;

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

  const events = allocateEvents(EVENTS_PER_FLUSH);
  let kept = 0;
  const flush = (): void => {
    builder.appendIndexed(events, kept);
    kept = 0;
  };

  /** Keeps one good event; the caller interns the user before the category, as every path must. */
  const keep = (user: number, c: number, categoryName: string, day: number, code: number, count: number) => {
    actionRows[code]++;
    if (kept === EVENTS_PER_FLUSH) flush();
    events.user[kept] = user;
    events.category[kept] = c;
    if (categoryName !== '') names.add(c, categoryName);
    events.day[kept] = day;
    events.action[kept] = code;
    events.count[kept] = count;
    kept++;
  };

  /** One record as an array of cells: every check and every skip reason. */
  const readRow = (r: string[], record: number): void => {
    if (r.length < minFields) {
      if (r.length === 1 && clean(r[0]) === '') return; // blank line
      if (headerPending) {
        headerPending = false;
        return;
      }
      rows++;
      report.skip('too-few-fields', name, record, r);
      return;
    }
    if (headerPending) {
      headerPending = false;
      return;
    }
    rows++;
    const user = clean(r[ui]);
    if (user === '') return report.skip('empty-user', name, record, r);
    const category = clean(r[ci]);
    if (category === '') return report.skip('empty-category', name, record, r);
    let fellBack = false;
    let day = parseTime(r[ti]);
    if (day !== day) day = parseTime(r[ti].trim());
    if (day !== day) {
      day = parseOtherForm(r[ti], dateOrder, otherForm);
      if (day !== day) return report.skip('bad-time', name, record, r);
      fellBack = true;
    }
    const code = ai < 0 ? fixedCode : lookup.codeOf(r[ai]);
    if (code >= FIRST_OTHER) {
      otherCounts[code - FIRST_OTHER]++;
      return;
    }
    if (code === UNKNOWN_ACTION) return report.skip('unknown-action', name, record, r);
    const count = ni < 0 ? 1 : parseCount(r[ni]);
    if (count < 0) return report.skip(COUNT_REASON[count], name, record, r);
    if (fellBack) formCounts.set(otherForm[0], (formCounts.get(otherForm[0]) ?? 0) + 1);
    const u = users.indexOf(user);
    const c = categories.indexOf(category);
    keep(u, c, ki >= 0 && ki < r.length ? clean(r[ki]) : '', day, code, count);
  };

  const sink = (batch: string[][], firstRecord: number): void => {
    for (let i = 0; i < batch.length; i++) readRow(batch[i], firstRecord + i);
    flush();
  };

  // Positional reading of quote-free text: the cells' bounds of the fields used, found with indexOf.
  const delimiter = job.delimiter;
  const newline = job.newline;
  const lastField = Math.max(minFields - 1, ki);
  const cellStart = new Int32Array(lastField + 1);
  const cellEnd = new Int32Array(lastField + 1);

  /**
   * Reads text[start, end) as one record when it is a plain good event (or another behaviour) and returns true;
   * false when it needs readRow, having changed nothing, so readRow sees it exactly as it would have.
   */
  const readInPlace = (text: string, start: number, end: number): boolean => {
    let cells = 0;
    for (let at = start; ;) {
      const d = text.indexOf(delimiter, at);
      cellStart[cells] = at;
      if (d < 0 || d >= end) {
        cellEnd[cells++] = end;
        break;
      }
      cellEnd[cells++] = d;
      if (cells > lastField) break;
      at = d + delimiter.length;
    }
    if (cells < minFields) return false;
    const us = cellStart[ui];
    const ue = cellEnd[ui];
    const cs = cellStart[ci];
    const ce = cellEnd[ci];
    if (!isTidy(text, us, ue) || !isTidy(text, cs, ce)) return false;
    const day = parseTime(text.substring(cellStart[ti], cellEnd[ti]));
    if (day !== day) return false;
    const code = ai < 0 ? fixedCode : lookup.codeOfRange(text, cellStart[ai], cellEnd[ai]);
    if (code === UNKNOWN_ACTION) return false;
    if (code >= FIRST_OTHER) {
      rows++;
      otherCounts[code - FIRST_OTHER]++;
      return true;
    }
    const count = ni < 0 ? 1 : countInPlace(text, cellStart[ni], cellEnd[ni]);
    if (count < 0) return false;
    rows++;
    const u = users.indexOfRange(text, us, ue);
    const c = categories.indexOfRange(text, cs, ce);
    const categoryName = ki >= 0 && ki < cells ? clean(text.substring(cellStart[ki], cellEnd[ki])) : '';
    keep(u, c, categoryName, day, code, count);
    return true;
  };

  const lines = (text: string, start: number, end: number, firstRecord: number): number => {
    let record = 0;
    for (let at = start; at < end; record++) {
      let lineEnd = text.indexOf(newline, at);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      if (headerPending || !readInPlace(text, at, lineEnd))
        readRow(text.substring(at, lineEnd).split(delimiter), firstRecord + record);
      at = lineEnd + newline.length;
    }
    flush();
    return record;
  };

  /** Readers of a row group's cells, or null when a column the fast path needs was not read. */
  const groupCells = (columns: GroupColumns) => {
    if (columns.length < minFields || used.some((j) => columns[j] === undefined)) return null;
    return {
      user: idCells(columns[ui]!, users),
      category: idCells(columns[ci]!, categories),
      day: dayCells(columns[ti]!, parseTime),
      action: ai < 0 ? () => fixedCode : actionCells(columns[ai]!, lookup),
      count: ni < 0 ? () => 1 : countCells(columns[ni]!),
      name: nameCells(ki >= 0 ? columns[ki] : undefined),
    };
  };

  /**
   * Reads row r of a Parquet row group from its columns when it is a plain good event (or another behaviour) and
   * returns true; false, having changed nothing, when it needs readRow.
   */
  const readCells = (cells: NonNullable<ReturnType<typeof groupCells>>, r: number): boolean => {
    if (!cells.user.tidy(r) || !cells.category.tidy(r)) return false;
    const day = cells.day(r);
    if (day !== day) return false;
    const code = cells.action(r);
    if (code === UNKNOWN_ACTION) return false;
    if (code >= FIRST_OTHER) {
      rows++;
      otherCounts[code - FIRST_OTHER]++;
      return true;
    }
    const count = cells.count(r);
    if (count < 0) return false;
    rows++;
    const u = cells.user.index(r);
    const c = cells.category.index(r);
    keep(u, c, cells.name(r), day, code, count);
    return true;
  };

  const used = [ui, ci, ti, ai, ni].filter((j) => j >= 0);
  const decoded = (columns: GroupColumns, n: number, firstRecord: number): void => {
    const cells = groupCells(columns);
    for (let r = 0; r < n; r++)
      if (headerPending || !cells || !readCells(cells, r))
        readRow(
          columns.map((column) => (column ? groupCellText(column, r) : '')),
          firstRecord + r,
        );
    flush();
  };

  const before = builder.size;
  if (job.readRecords) await job.readRecords(sink, decoded);
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
      lines,
    );
  file.rows = rows;
  file.events = builder.size - before;
  if (formCounts.size > 0) file.timeForms = timeFormCounts(mapping.timeFormat, file.events, formCounts);
  report.actions.purchase += actionRows[ACTION_CODE.purchase];
  report.actions.click += actionRows[ACTION_CODE.click];
  report.addOthers(lookup.others());
}
