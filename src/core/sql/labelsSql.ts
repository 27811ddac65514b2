// `sql labels`: the labelling rules as one SQL query over the canonical events table, with the lab's semantics
// (src/core/labels/evaluate.ts): window N = events at or after as-of minus N calendar months and before as-of,
// summed counts against an inclusive minimum, any/all per side, the conflict policy, unlabelled for the rest.

import type { RuleCondition, RuleSet } from '../labels/types';
import type { SqlDialect } from './dialect';
import {
  asOfCte,
  canonicalEventsCte,
  categoryMatch,
  checkIsoDate,
  comment,
  type SqlSource,
} from './sqlParts';

export interface LabelsSqlOptions extends SqlSource {
  /** YYYY-MM-DD; overrides the rules' own as-of; default the UTC day after the latest event */
  asOf?: string;
}

type SideName = 'positive' | 'negative';

interface Column {
  side: SideName;
  name: string;
  condition: RuleCondition;
  valid: boolean;
}

export function buildLabelsSql(rules: RuleSet, options: LabelsSqlOptions): string {
  const { dialect } = options;
  const asOf = options.asOf ?? validAsOf(rules.asOf);
  if (asOf !== undefined) checkIsoDate(asOf);
  const columns = (['positive', 'negative'] as const).flatMap((side) =>
    rules[side].conditions.map((condition, i): Column => ({
      side,
      name: `${side}_${i + 1}`,
      condition,
      valid: isValid(condition),
    })),
  );
  const sums = columns.map((c) => sumColumn(dialect, c));
  return `${comment('Tag Lab rule labels: one row per user with label positive | negative | conflict | unlabelled.')}
${comment(`Conflicts (users matching both sides): ${conflictWords(rules)}. Dialect: ${dialect.name}.`)}
WITH
${canonicalEventsCte(options)},
${asOfCte(dialect, asOf)},
sums AS (
  -- Per user and condition: the summed count of that action in those categories within the window.
  SELECT
    e.user_id${sums.map((s) => `,\n${s}`).join('')}
  FROM canonical e
  CROSS JOIN as_of a
  GROUP BY e.user_id
),
sides AS (
  SELECT
    user_id,
    ${sideHolds(rules, 'positive', columns)} AS positive,
    ${sideHolds(rules, 'negative', columns)} AS negative
  FROM sums
)
SELECT
  user_id,
  CASE
    WHEN positive AND negative THEN '${conflictLabel(rules)}'
    WHEN positive THEN 'positive'
    WHEN negative THEN 'negative'
    ELSE 'unlabelled'
  END AS label
FROM sides
ORDER BY user_id
`;
}

/** A rules file's own invalid as-of falls back to the default, as the lab does (it reports an issue there). */
function validAsOf(asOf: string | undefined): string | undefined {
  if (asOf === undefined || asOf === '') return undefined;
  try {
    return checkIsoDate(asOf);
  } catch {
    return undefined;
  }
}

/** Mirrors the lab's checkCondition: an invalid condition never holds. */
function isValid(c: RuleCondition): boolean {
  return (
    (c.action === 'purchase' || c.action === 'click') &&
    Number.isInteger(c.windowMonths) &&
    c.windowMonths >= 1 &&
    Number.isFinite(c.min) &&
    c.min >= 0
  );
}

function sumColumn(dialect: SqlDialect, c: Column): string {
  const { action, categories, windowMonths, min } = c.condition;
  if (!c.valid)
    return `    ${comment(`${c.name}: invalid condition (action, window or minimum), never holds`)}\n    0 AS ${c.name}`;
  const what = `${action} in ${categories.join(', ') || '(no categories)'}`;
  return `    ${comment(`${c.name}: ${what}, last ${windowMonths} months, at least ${min}`)}
    SUM(CASE
      WHEN e.action = '${action}'
        AND ${categoryMatch(dialect, categories, 'e.')}
        AND e.t >= ${dialect.monthsBefore('a.day', String(windowMonths))}
        AND e.t < a.day
      THEN e.n ELSE 0 END) AS ${c.name}`;
}

function sideHolds(rules: RuleSet, side: SideName, columns: Column[]): string {
  const mine = columns.filter((c) => c.side === side);
  if (mine.length === 0) return 'FALSE';
  const tests = mine.map((c) => (c.valid ? `${c.name} >= ${c.condition.min}` : 'FALSE'));
  return `(${tests.join(rules[side].match === 'all' ? ' AND ' : ' OR ')})`;
}

function conflictLabel(rules: RuleSet): string {
  return rules.onConflict === 'positive'
    ? 'positive'
    : rules.onConflict === 'negative'
      ? 'negative'
      : 'conflict';
}

function conflictWords(rules: RuleSet): string {
  return rules.onConflict === 'drop' ? 'labelled conflict (dropped)' : `assigned ${rules.onConflict}`;
}
