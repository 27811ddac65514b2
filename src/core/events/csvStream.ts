// Streams a source as CSV records: bytes → text (TextDecoder in streaming mode, so a character split across
// chunks survives) → papaparse's own Parser on ~1 MB batches, carrying the unfinished last record over to the
// next batch, so quoted fields with commas, newlines or CRLF may straddle any chunk boundary. A caller that can read
// fields by position (the event import's hot loop) gets the quote-free records as one text range instead: no array
// and no string per record, which is most of what a CSV import allocates.

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

/**
 * Receives quote-free records as one text range, and returns how many it read. text[start, end) holds whole records,
 * each ended by the newline, except the file's last one, which may end at `end` without it. Each record split on the
 * delimiter is exactly the row papaparse would give, since papaparse reads text without quotes the same way.
 */
export type LineSink = (text: string, start: number, end: number, firstRecord: number) => number;

const BATCH_CHARS = 1 << 20;
const QUOTE = '"';

/**
 * Streams the records of a source to `sink`; with `lines`, the records before the batch's first quote go to `lines`
 * as text and only the rest (from the record holding that quote) is parsed by papaparse.
 */
export async function streamRecords(
  source: ImportSource,
  options: RecordStreamOptions,
  sink: RecordSink,
  lines?: LineSink,
): Promise<void> {
  const decoder = new TextDecoder(options.encoding);
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline: options.newline });
  let pending = '';
  let nextRecord = 1;
  let bytesRead = 0;
  let threshold = BATCH_CHARS;

  // Papaparse falls back to ',' for a delimiter it cannot use; such files keep its whole path.
  const byLines =
    lines && options.delimiter !== '' && !Papa.BAD_DELIMITERS.includes(options.delimiter) ? lines : null;
  const newline = options.newline;

  const parseBatch = (final: boolean): void => {
    if (byLines && pending.length > 0) {
      const lastNewline = pending.lastIndexOf(newline);
      const whole = final ? pending.length : lastNewline < 0 ? 0 : lastNewline + newline.length;
      const quote = pending.indexOf(QUOTE);
      const quoted = quote >= 0 && quote < whole;
      const quotedLine = quoted ? pending.lastIndexOf(newline, quote) : -1;
      const cut = !quoted ? whole : quotedLine < 0 ? 0 : quotedLine + newline.length;
      if (cut > 0) nextRecord += byLines(pending, 0, cut, nextRecord);
      if (!quoted) {
        pending = pending.substring(whole);
        threshold = whole === 0 ? pending.length * 2 : BATCH_CHARS;
        return;
      }
      pending = pending.substring(cut);
    }
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
