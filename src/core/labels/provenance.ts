// Which rule conditions labelled each user, for the label audit's counts per rule: each condition is evaluated on
// its own through evaluateRules (one pass per condition, the same engine as the labels themselves).

import type { EventStore } from '../events/types';
import { evaluateRules } from './evaluate';
import { LABEL, MATCH_POSITIVE, type LabelResult, type RuleCondition, type RuleSet } from './types';

/** `positive #1: purchase maternity care, maternity wear ≥ 5 in 12 months` */
export function describeCondition(side: 'positive' | 'negative', index: number, c: RuleCondition): string {
  return `${side} #${index + 1}: ${c.action} ${c.categories.join(', ')} ≥ ${c.min} in ${c.windowMonths} months`;
}

/** Per store user, the conditions of its label's side that hold for it (empty for unlabelled and conflicts). */
export function ruleConditionsPerUser(store: EventStore, rules: RuleSet, labels: LabelResult): string[][] {
  const out: string[][] = Array.from({ length: labels.labels.length }, () => []);
  for (const side of ['positive', 'negative'] as const) {
    const code = side === 'positive' ? LABEL.positive : LABEL.negative;
    rules[side].conditions.forEach((condition, index) => {
      const alone: RuleSet = {
        ...rules,
        positive: { match: 'any', conditions: [condition] },
        negative: { match: 'any', conditions: [] },
      };
      const { matches } = evaluateRules(store, alone);
      const name = describeCondition(side, index, condition);
      for (let u = 0; u < matches.length; u++)
        if (labels.labels[u] === code && matches[u] & MATCH_POSITIVE) out[u].push(name);
    });
  }
  return out;
}
