// Checks the outcome of a rule set before anyone trains on it: a side that labels nobody is an error, with the reason
// worded for the analyst (no conditions, nobody matches, or every match is a conflict).

import { MATCH_NEGATIVE, MATCH_POSITIVE, type LabelCounts, type RuleIssue, type RuleSet } from './types';

/** Fewer labelled users than this on a side earns a warning: too few examples to learn from. */
export const FEW_LABELS = 10;

export function checkOutcome(
  rules: RuleSet,
  counts: LabelCounts,
  matches: Uint8Array,
  asOf: string,
): RuleIssue[] {
  const matched = countSideMatches(matches);
  const issues: RuleIssue[] = [];
  for (const side of ['positive', 'negative'] as const) {
    const labelled = counts[side];
    if (labelled === 0) {
      issues.push({
        severity: 'error',
        code: side === 'positive' ? 'no-positives' : 'no-negatives',
        side,
        message: explainEmptySide(rules, side, matched[side], asOf),
      });
    } else if (labelled < FEW_LABELS) {
      issues.push({
        severity: 'warning',
        code: side === 'positive' ? 'few-positives' : 'few-negatives',
        side,
        message: `Only ${labelled} user${labelled === 1 ? ' is' : 's are'} labelled ${side}: too few examples for a model to learn from.`,
      });
    }
  }
  return issues;
}

function explainEmptySide(
  rules: RuleSet,
  side: 'positive' | 'negative',
  matched: number,
  asOf: string,
): string {
  const other = side === 'positive' ? 'negative' : 'positive';
  const lead = `No user is labelled ${side}`;
  if (rules[side].conditions.length === 0) return `${lead}: the ${side} rules have no conditions. Add one.`;
  if (matched > 0) {
    const fate = rules.onConflict === 'drop' ? 'conflicts are dropped' : `conflicts go to the ${other} side`;
    const who =
      matched === 1
        ? `the one user who matches the ${side} rules also matches`
        : `all ${matched} users who match the ${side} rules also match`;
    return `${lead}: ${who} the ${other} rules, and ${fate}. Tighten the ${other} rules or change the conflict policy.`;
  }
  return `${lead}: nobody matches the ${side} rules in the windows before ${asOf}. Lower a minimum, widen a window, add categories or check the as-of date.`;
}

function countSideMatches(matches: Uint8Array): { positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  for (let u = 0; u < matches.length; u++) {
    if (matches[u] & MATCH_POSITIVE) positive++;
    if (matches[u] & MATCH_NEGATIVE) negative++;
  }
  return { positive, negative };
}
