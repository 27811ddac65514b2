// One way to read a file's records whatever it is: text (plain or unpacked from .gz) is parsed as CSV, Parquet is
// read by row group. The importers see text records either way.

import { streamRecords, type RecordSink } from './csvStream';
import { streamParquetRecords, type ColumnSink } from './parquetRecords';
import type { HeadInspection } from './sniff';

/** Reads records to `sink`; a Parquet file gives them to `byColumn` as decoded columns instead, when given. */
export type RecordReader = (sink: RecordSink, byColumn?: ColumnSink) => Promise<void>;

/**
 * Reads all records of an inspected file. `columns` limits a Parquet read to the columns used (text files are
 * parsed whole); null reads every column.
 */
export function recordReader(
  head: HeadInspection,
  columns: readonly (number | null | undefined)[] | null,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void },
): RecordReader {
  const { sniff, source, parquet } = head;
  if (parquet) {
    const all = sniff.header.map((_, j) => j);
    const used = columns
      ? [...new Set(columns.filter((j): j is number => typeof j === 'number' && j >= 0))]
      : all;
    return (sink, byColumn) =>
      streamParquetRecords(parquet, used, sink, { ...options, size: source.size }, byColumn);
  }
  const text = { delimiter: sniff.delimiter, newline: head.newline, encoding: sniff.encoding, ...options };
  return (sink) => streamRecords(source, text, sink);
}
