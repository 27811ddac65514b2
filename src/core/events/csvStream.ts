// Streams a source as CSV records: bytes → text (TextDecoder in streaming mode, so a character split across
// chunks survives) → papaparse's own Parser on ~1 MB batches, carrying the unfinished last record over to the
// next batch, so quoted fields with commas, newlines or CRLF may straddle any chunk boundary.

import Papa from 'papaparse';
import { throwIfAborted } from './abort';
import type { TextEncodingName } from './textHead';
import type { ImportSource } from './importTypes';

export type Newline = '\n' | '\r\n' | '\r';

export interface RecordStreamOptions {
  delimiter: string;
  newline: Newline;
  encoding: TextEncodingName;
  signal?: AbortSignal;
  /** called after each chunk with the bytes of this source read so far */
  onBytes?: (bytesRead: number) => void;
}

/** Receives a batch of records; `firstRecord` is the 1-based record number of rows[0] (the header is record 1). */
export type RecordSink = (rows: string[][], firstRecord: number) => void;

const BATCH_CHARS = 1 << 20;

export async function streamRecords(
  source: ImportSource,
  options: RecordStreamOptions,
  sink: RecordSink,
): Promise<void> {
  const decoder = new TextDecoder(options.encoding);
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline: options.newline });
  let pending = '';
  let nextRecord = 1;
  let bytesRead = 0;
  let threshold = BATCH_CHARS;

  const parseBatch = (final: boolean): void => {
    const result = parser.parse(pending, 0, !final) as { data: string[][]; meta: { cursor: number } };
    pending = final ? '' : pending.substring(result.meta.cursor);
    // A record longer than a batch (a huge or unterminated quoted field) must not be re-parsed every chunk.
    threshold = result.data.length === 0 ? pending.length * 2 : BATCH_CHARS;
    if (result.data.length === 0) return;
    sink(result.data, nextRecord);
    nextRecord += result.data.length;
  };

  for await (const chunk of source.chunks()) {
    throwIfAborted(options.signal);
    bytesRead += chunk.length;
    pending += decoder.decode(chunk, { stream: true });
    if (pending.length >= threshold) parseBatch(false);
    options.onBytes?.(source.bytesRead?.() ?? bytesRead);
  }
  throwIfAborted(options.signal);
  pending += decoder.decode();
  parseBatch(true);
  options.onBytes?.(source.bytesRead?.() ?? bytesRead);
}

/** The newline a text uses, judged by its first line break. */
export function detectNewline(text: string): Newline {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n)) return n === r + 1 ? '\r\n' : '\r';
  return '\n';
}

/** Parses a (small) text completely into records. */
export function parseAllRecords(text: string, delimiter: string, newline: Newline): string[][] {
  const parser = new Papa.Parser({ delimiter, newline });
  return (parser.parse(text, 0, false) as { data: string[][] }).data;
}
