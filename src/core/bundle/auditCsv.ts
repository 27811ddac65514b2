// The label audit as CSV, one row per flagged user (most suspicious first), for the analyst's spreadsheet:
// `user_id,rule_label,out_of_fold_score,margin,conditions,why`. User ids and rule conditions are free text, so
// formula-like cells are neutralised exactly as in the scores file (Papa's escapeFormulae).

import Papa from 'papaparse';
import type { FlaggedUser, LabelAudit } from '../evaluation/stats/labelAudit';
import { formatScore } from './scoresCsv';

export const AUDIT_CSV_HEADER = 'user_id,rule_label,out_of_fold_score,margin,conditions,why';

const UNPARSE = { escapeFormulae: true, newline: '\n' } as const;

/** Why the audit flags this user, in words: the label, the score and the threshold of the class it points to. */
export function explainFlag(f: FlaggedUser, thresholds: LabelAudit['thresholds']): string {
  const score = f.score.toFixed(3);
  if (f.label === 1)
    return `The rules say positive, but a model that never saw this user scores it ${score}: P(negative) ${(1 - f.score).toFixed(3)} reaches the negative class's threshold ${thresholds.negative.toFixed(3)}.`;
  return `The rules say negative, but a model that never saw this user scores it ${score}, at or above the positive class's threshold ${thresholds.positive.toFixed(3)}.`;
}

/** The whole CSV text (header and one line per flagged user, lines ending in "\n"). */
export function auditCsv(audit: Pick<LabelAudit, 'flagged' | 'thresholds'>): string {
  const rows = audit.flagged.map((f) => [
    f.userId ?? `row ${f.row + 1}`,
    f.label === 1 ? 'positive' : 'negative',
    formatScore(f.score),
    f.margin.toFixed(6),
    f.conditions.join('; '),
    explainFlag(f, audit.thresholds),
  ]);
  return rows.length ? `${AUDIT_CSV_HEADER}\n${Papa.unparse(rows, UNPARSE)}\n` : `${AUDIT_CSV_HEADER}\n`;
}
