// The rule editor's working copy of a RuleSet: the same rules plus a stable key per condition (React lists keep each
// condition's own input state when another one is removed) and the as-of date as the date input holds it ('' = default).
// Pure functions: every edit returns a new draft.

import type { Action } from '../core/events';
import type { ConflictPolicy, RuleCondition, RuleSet, RuleSide } from '../core/labels';

export type SideName = 'positive' | 'negative';

export interface DraftCondition extends RuleCondition {
  key: number;
}

export interface DraftSide {
  match: RuleSide['match'];
  conditions: DraftCondition[];
}

export interface RulesDraft {
  positive: DraftSide;
  negative: DraftSide;
  onConflict: ConflictPolicy;
  /** ISO date, or '' for the default (the day after the latest event) */
  asOf: string;
  /** the next condition key to hand out */
  nextKey: number;
}

export const NEW_CONDITION: RuleCondition = { action: 'purchase', categories: [], windowMonths: 12, min: 1 };

export function draftFromRuleSet(rules: RuleSet): RulesDraft {
  let nextKey = 1;
  const side = (s: RuleSide): DraftSide => ({
    match: s.match,
    conditions: s.conditions.map((c) => ({ ...c, categories: [...c.categories], key: nextKey++ })),
  });
  const positive = side(rules.positive);
  const negative = side(rules.negative);
  return { positive, negative, onConflict: rules.onConflict, asOf: rules.asOf ?? '', nextKey };
}

/** The RuleSet a draft stands for: what is evaluated, exported, saved and trained on. */
export function ruleSetFromDraft(draft: RulesDraft): RuleSet {
  const side = (s: DraftSide): RuleSide => ({
    match: s.match,
    conditions: s.conditions.map(({ action, categories, windowMonths, min }) => ({
      action,
      categories: [...categories],
      windowMonths,
      min,
    })),
  });
  const rules: RuleSet = {
    positive: side(draft.positive),
    negative: side(draft.negative),
    onConflict: draft.onConflict,
  };
  if (draft.asOf.trim() !== '') rules.asOf = draft.asOf.trim();
  return rules;
}

export function addCondition(draft: RulesDraft, side: SideName): RulesDraft {
  const condition: DraftCondition = { ...NEW_CONDITION, categories: [], key: draft.nextKey };
  return {
    ...draft,
    [side]: { ...draft[side], conditions: [...draft[side].conditions, condition] },
    nextKey: draft.nextKey + 1,
  };
}

export function removeCondition(draft: RulesDraft, side: SideName, key: number): RulesDraft {
  return {
    ...draft,
    [side]: { ...draft[side], conditions: draft[side].conditions.filter((c) => c.key !== key) },
  };
}

export type ConditionChange = Partial<Pick<RuleCondition, 'action' | 'windowMonths' | 'min' | 'categories'>>;

export function changeCondition(
  draft: RulesDraft,
  side: SideName,
  key: number,
  change: ConditionChange,
): RulesDraft {
  const conditions = draft[side].conditions.map((c) => (c.key === key ? { ...c, ...change } : c));
  return { ...draft, [side]: { ...draft[side], conditions } };
}

export function setSideMatch(draft: RulesDraft, side: SideName, match: RuleSide['match']): RulesDraft {
  return { ...draft, [side]: { ...draft[side], match } };
}

/** Adds a category (by name or id) unless the condition already names it (compared case-insensitively, trimmed). */
export function addCategory(categories: readonly string[], category: string): string[] {
  const wanted = category.trim();
  if (wanted === '') return [...categories];
  const key = wanted.toLowerCase();
  if (categories.some((c) => c.trim().toLowerCase() === key)) return [...categories];
  return [...categories, wanted];
}

/** Replaces one category as written (e.g. a typo) with another, keeping its place; drops it if the other is there. */
export function replaceCategory(categories: readonly string[], from: string, to: string): string[] {
  const toKey = to.trim().toLowerCase();
  const hasTarget = categories.some((c) => c !== from && c.trim().toLowerCase() === toKey);
  if (hasTarget) return categories.filter((c) => c !== from);
  return categories.map((c) => (c === from ? to : c));
}

export function removeCategory(categories: readonly string[], category: string): string[] {
  return categories.filter((c) => c !== category);
}

export function conditionIndex(draft: RulesDraft, side: SideName, key: number): number {
  return draft[side].conditions.findIndex((c) => c.key === key);
}

export type { Action };
