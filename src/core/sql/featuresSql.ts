// `sql features`: a saved model's inputs as sparse rows (user_id, kind, period, category, count) in one SQL query,
// with the lab's windows (src/core/features/batch.ts): month period p = [as-of − (p+1) months, as-of − p months),
// day period p = [as-of − (p+1) days, as-of − p days), 0 = the most recent. Counts stay raw; the scorer scales.

import { OTHER_CATEGORY, purchasePeriods } from '../features/sparseRows';
import type { FeatureSpec } from '../features/types';
import { sqlString, type SqlDialect } from './dialect';
import {
  asOfCte,
  canonicalEventsCte,
  categoryMatch,
  checkIsoDate,
  comment,
  type SqlSource,
} from './sqlParts';

export interface FeaturesSqlOptions extends SqlSource {
  /** YYYY-MM-DD; overrides the spec's as-of; default the spec's ('latest' = the UTC day after the latest event) */
  asOf?: string;
}

export function buildFeaturesSql(spec: FeatureSpec, options: FeaturesSqlOptions): string {
  const { dialect } = options;
  const q = dialect.quote;
  const asOf = options.asOf ?? (spec.asOf === 'latest' ? undefined : spec.asOf);
  if (asOf !== undefined) checkIsoDate(asOf);
  const months = purchasePeriods(spec);
  return `${comment('Tag Lab model inputs as sparse rows: user_id, kind, period (0 = most recent), category, count.')}
${comment(`${months} month periods of purchases, ${spec.days} day periods of clicks, ${spec.vocabulary.length} vocabulary categories${spec.otherBucket ? ` + the ${OTHER_CATEGORY} bucket` : ''}. Dialect: ${dialect.name}.`)}
WITH
${canonicalEventsCte(options)},
${asOfCte(dialect, asOf)},
month_bounds AS (
  -- Month period p = [as-of − (p+1) months, as-of − p months), each bound counted from as-of (day clamped).
  SELECT
    p.period,
    ${dialect.monthsBefore('a.day', 'p.period + 1')} AS start_day,
    ${dialect.monthsBefore('a.day', 'p.period')} AS end_day
  FROM (${dialect.periodTable(months)}) p
  CROSS JOIN as_of a
),
inputs AS (
${inputsBody(dialect, spec)}
),
purchases AS (
  SELECT i.user_id, 'purchase' AS kind, b.period, i.category, SUM(i.n) AS ${q('count')}
  FROM inputs i
  JOIN month_bounds b ON i.t >= b.start_day AND i.t < b.end_day
  WHERE i.action = 'purchase'
  GROUP BY i.user_id, b.period, i.category
  HAVING SUM(i.n) <> 0
),
clicks AS (
  -- Day period p = [as-of − (p+1) days, as-of − p days): the last ${spec.days} days.
  SELECT c.user_id, 'click' AS kind, c.period, c.category, SUM(c.n) AS ${q('count')}
  FROM (
    SELECT i.user_id, i.category, i.n, ${dialect.daysBetween('CAST(i.t AS DATE)', 'a.day')} - 1 AS period
    FROM inputs i
    CROSS JOIN as_of a
    WHERE i.action = 'click' AND i.t >= ${dialect.daysBefore('a.day', spec.days)} AND i.t < a.day
  ) c
  GROUP BY c.user_id, c.period, c.category
  HAVING SUM(c.n) <> 0
)
SELECT user_id, kind, period, category, ${q('count')} FROM purchases
UNION ALL
SELECT user_id, kind, period, category, ${q('count')} FROM clicks
${dialect.groupByUserClause('user_id, kind, period, category')}
`;
}

/** The model's columns: vocabulary ids as they are, the rest in the other bucket or dropped, masked ones never. */
function inputsBody(dialect: SqlDialect, spec: FeatureSpec): string {
  const vocabulary = inList(dialect, spec.vocabulary);
  const inVocabulary = spec.vocabulary.length ? `e.category IN (${vocabulary})` : 'FALSE';
  const category = spec.otherBucket
    ? `CASE WHEN ${inVocabulary} THEN e.category ELSE ${sqlString(dialect, OTHER_CATEGORY)} END`
    : 'e.category';
  const where = [
    spec.otherBucket ? null : inVocabulary,
    spec.maskedCategories.length ? `NOT ${categoryMatch(dialect, spec.maskedCategories, 'e.')}` : null,
  ].filter((w): w is string => w !== null);
  const masked = spec.maskedCategories.length
    ? `  ${comment(`Leakage guard: ${spec.maskedCategories.length} rule categories feed nothing.`)}\n`
    : '';
  return `${masked}  SELECT e.user_id, e.action, e.t, e.n, ${category} AS category
  FROM canonical e${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}`;
}

/** A long IN list, eight literals a line so a 2,000-category vocabulary stays readable. */
function inList(dialect: SqlDialect, values: readonly string[]): string {
  const lits = values.map((v) => sqlString(dialect, v));
  const lines: string[] = [];
  for (let i = 0; i < lits.length; i += 8) lines.push(lits.slice(i, i + 8).join(', '));
  return lines.length <= 1 ? lines.join('') : `\n      ${lines.join(',\n      ')}\n    `;
}
