// The scores export, `user_id,score,tag,label_source`, streamed in chunks so millions of users never become one
// giant string. User ids are the only free text: RFC 4180 quoting, and formula-like cells neutralised.

import { LABEL } from '../labels/types';

export type LabelSource = 'rule-positive' | 'rule-negative' | 'rule-conflict' | 'unlabelled';

export interface ScoreRow {
  userId: string;
  score: number;
  tag: 0 | 1;
  labelSource: LabelSource;
}

/** The same data as columns, as scoring produces it (one entry per store user). */
export interface ScoreColumns {
  userIds: readonly string[];
  scores: ArrayLike<number>;
  /** 1 = tagged */
  tags: ArrayLike<number>;
  /** LABEL codes from the rules */
  labels: ArrayLike<number>;
}

export const SCORES_CSV_HEADER = 'user_id,score,tag,label_source';
const ROWS_PER_CHUNK = 10_000;

const SOURCE_OF_LABEL: Record<number, LabelSource> = {
  [LABEL.positive]: 'rule-positive',
  [LABEL.negative]: 'rule-negative',
  [LABEL.conflict]: 'rule-conflict',
  [LABEL.unlabelled]: 'unlabelled',
};

export function labelSourceOf(code: number): LabelSource {
  return SOURCE_OF_LABEL[code] ?? 'unlabelled';
}

/** Tag per user: 1 when score >= threshold (NaN never tags), as in the metrics. */
export function tagScores(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] >= threshold ? 1 : 0;
  return out;
}

// Spreadsheets run a cell starting with these as a formula (tab and carriage return also trigger it in some).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One text cell: formula-like values get a leading single quote, and quoting follows RFC 4180. */
export function escapeCsvCell(value: string): string {
  const neutral = FORMULA_START.test(value);
  const text = neutral ? `'${value}` : value;
  return neutral || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Six decimals; an empty cell for a NaN score (the model produced none). */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(6) : '';
}

function formatRow(userId: string, score: number, tag: number, source: LabelSource): string {
  return `${escapeCsvCell(userId)},${formatScore(score)},${tag ? 1 : 0},${source}`;
}

function rowAt(data: readonly ScoreRow[] | ScoreColumns, i: number): string {
  if (Array.isArray(data)) {
    const r = (data as readonly ScoreRow[])[i];
    return formatRow(r.userId, r.score, r.tag, r.labelSource);
  }
  const c = data as ScoreColumns;
  return formatRow(c.userIds[i], c.scores[i], c.tags[i], labelSourceOf(c.labels[i]));
}

function rowCount(data: readonly ScoreRow[] | ScoreColumns): number {
  if (Array.isArray(data)) return data.length;
  const c = data as ScoreColumns;
  const n = c.userIds.length;
  if (c.scores.length !== n || c.tags.length !== n || c.labels.length !== n) {
    throw new Error(
      `Score columns differ in length: ${n} user ids, ${c.scores.length} scores, ${c.tags.length} tags, ${c.labels.length} labels.`,
    );
  }
  return n;
}

/**
 * Writes the header and every row through `write`, about ROWS_PER_CHUNK rows per call, lines ending in "\n".
 * Returns the number of rows written.
 */
export function writeScoresCsv(
  data: readonly ScoreRow[] | ScoreColumns,
  write: (chunk: string) => void,
): number {
  const n = rowCount(data);
  let lines: string[] = [SCORES_CSV_HEADER];
  for (let i = 0; i < n; i++) {
    lines.push(rowAt(data, i));
    if (lines.length >= ROWS_PER_CHUNK) {
      write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) write(`${lines.join('\n')}\n`);
  return n;
}
