// Rule entries (names, ids, "branch.*" prefixes) that match no category of the dataset, said before training so a
// typo never trains on silently empty labels.

import { resolveCategoryNames } from '../core/labels';
import type { RuleSet } from '../core/labels';
import type { EventStore } from '../core/events';

export function unmatchedRuleEntries(store: EventStore, rules: RuleSet): string[] {
  const sides = [
    ['positive', rules.positive],
    ['negative', rules.negative],
  ] as const;
  return sides.flatMap(([side, group]) =>
    group.conditions.flatMap((c, i) =>
      resolveCategoryNames(store, c.categories).unknown.map((u) => {
        const hint = u.suggestions.length
          ? ` Did you mean ${u.suggestions.map((s) => `"${s}"`).join(', ')}?`
          : '';
        return `Category "${u.name}" (condition ${i + 1} of the ${side} rules) matches no category.${hint}`;
      }),
    ),
  );
}
