// The scores export, `user_id,score,tag,label_source`, streamed in chunks so millions of users never become one
// giant string. User ids are the only free text: RFC 4180 quoting, and formula-like cells neutralised.

import Papa from 'papaparse';
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

// Papa's escapeFormulae prefixes a single quote to cells a spreadsheet would run as a formula (=, +, -, @, tab, CR)
// and quotes them; other quoting follows RFC 4180.
const UNPARSE = { escapeFormulae: true, newline: '\n' } as const;

/** One text cell as the scores file writes it. */
export function escapeCsvCell(value: string): string {
  return Papa.unparse([[value]], UNPARSE);
}

/** Six decimals; an empty cell for a NaN score (the model produced none). */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(6) : '';
}

function rowAt(data: readonly ScoreRow[] | ScoreColumns, i: number): string[] {
  if (Array.isArray(data)) {
    const r = (data as readonly ScoreRow[])[i];
    return [r.userId, formatScore(r.score), r.tag ? '1' : '0', r.labelSource];
  }
  const c = data as ScoreColumns;
  return [c.userIds[i], formatScore(c.scores[i]), c.tags[i] ? '1' : '0', labelSourceOf(c.labels[i])];
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
  let head = `${SCORES_CSV_HEADER}\n`;
  let rows: string[][] = [];
  const flush = () => {
    write(rows.length ? `${head}${Papa.unparse(rows, UNPARSE)}\n` : head);
    head = '';
    rows = [];
  };
  for (let i = 0; i < n; i++) {
    rows.push(rowAt(data, i));
    if (rows.length + (head ? 1 : 0) >= ROWS_PER_CHUNK) flush();
  }
  if (rows.length || head) flush();
  return n;
}
