// Constant-memory scoring of a stream of sparse feature rows grouped by user (`features` / `sql features` output):
// users are gathered a batch at a time, scored and written before the next batch is read, so memory holds one batch
// whatever the input's size. This is what Spark's RDD.pipe and Hadoop Streaming run per partition.

import { escapeCsvCell, formatScore } from '../bundle/scoresCsv';
import { createRowsBatchBuilder } from '../features/rowsBatch';
import { FEATURE_ROWS_HEADER, type FeatureKind } from '../features/sparseRows';
import type { FeatureBatch, FeatureSpec } from '../features/types';

/** A bad line in the stream; everything before it has been written. */
export class StreamLineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

export interface StreamScoreOptions {
  spec: FeatureSpec;
  predict(batch: FeatureBatch): Float32Array;
  /** receives `user_id,score,tag` lines; may return a promise to apply back-pressure */
  write(chunk: string): void | Promise<void>;
  threshold?: number;
  /** users per scored batch; default 512 */
  batchUsers?: number;
}

export interface StreamScoreSummary {
  users: number;
  rows: number;
  tagged: number;
}

interface ParsedRow {
  userId: string;
  kind: FeatureKind;
  period: number;
  category: string;
  count: number;
}

export async function scoreFeatureStream(
  lines: AsyncIterable<string> | Iterable<string>,
  options: StreamScoreOptions,
): Promise<StreamScoreSummary> {
  const threshold = options.threshold ?? 0.5;
  const batchUsers = options.batchUsers ?? 512;
  const builder = createRowsBatchBuilder(options.spec);
  const summary: StreamScoreSummary = { users: 0, rows: 0, tagged: 0 };
  let batchIds: string[] = [];
  let inBatch = new Set<string>();
  let current: string | null = null;
  let lineNo = 0;

  async function flush(): Promise<void> {
    if (batchIds.length === 0) return;
    const scores = options.predict(builder.finish(batchIds.length));
    let out = '';
    for (let i = 0; i < batchIds.length; i++) {
      const tag = scores[i] >= threshold ? 1 : 0;
      summary.tagged += tag;
      // A scores file goes to spreadsheets like the page's: ids that would run as formulas are neutralised.
      out += `${escapeCsvCell(batchIds[i])},${formatScore(scores[i])},${tag}\n`;
    }
    summary.users += batchIds.length;
    batchIds = [];
    inBatch = new Set();
    await options.write(out);
  }

  for await (const raw of lines) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || (lineNo === 1 && line.trim().toLowerCase() === FEATURE_ROWS_HEADER)) continue;
    let row: ParsedRow;
    try {
      row = parseRow(line);
      if (row.userId !== current && inBatch.has(row.userId))
        throw new Error(
          `user "${row.userId}" appears again after other users; rows must be grouped by user.`,
        );
    } catch (e) {
      // Everything before the bad line is written, the user in progress too: a failed partition can be checked
      // and resumed from here. Its score may lack rows that came after the bad line, which the message says.
      if (current !== null) {
        builder.endUser(batchIds.length);
        batchIds.push(current);
      }
      await flush();
      const written =
        current === null ? '' : ` Every user up to "${current}" was written (from the rows above).`;
      throw new StreamLineError(lineNo, `${(e as Error).message}${written}`);
    }
    if (row.userId !== current) {
      if (current !== null) {
        builder.endUser(batchIds.length);
        batchIds.push(current);
        inBatch.add(current);
        if (batchIds.length >= batchUsers) await flush();
      }
      current = row.userId;
    }
    builder.add(row.kind, row.period, row.category, row.count);
    summary.rows++;
  }
  if (current !== null) {
    builder.endUser(batchIds.length);
    batchIds.push(current);
  }
  await flush();
  return summary;
}

function parseRow(line: string): ParsedRow {
  const fields = splitCsvLine(line);
  if (fields.length !== 5)
    throw new Error(`expected 5 fields (${FEATURE_ROWS_HEADER}), found ${fields.length}: "${clip(line)}".`);
  const [userId, kind, periodText, category, countText] = fields;
  if (userId === '') throw new Error('the user_id is empty.');
  if (kind !== 'purchase' && kind !== 'click')
    throw new Error(`kind must be purchase or click, got "${clip(kind)}".`);
  const period = Number(periodText);
  if (periodText.trim() === '' || !Number.isInteger(period) || period < 0)
    throw new Error(`period must be a whole number ≥ 0, got "${clip(periodText)}".`);
  const count = Number(countText);
  if (countText.trim() === '' || !Number.isFinite(count))
    throw new Error(`count must be a number, got "${clip(countText)}".`);
  return { userId, kind, period, category, count };
}

/** Splits one CSV line, honouring double quotes (ids may hold commas). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
