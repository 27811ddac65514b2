import { describe, expect, it } from 'vitest';
import { DEMO_RULES, parseRuleSet } from '../core/labels';
import {
  addCategory,
  addCondition,
  changeCondition,
  draftFromRuleSet,
  removeCondition,
  replaceCategory,
  ruleSetFromDraft,
  setSideMatch,
} from './rulesDraft';

describe('rules draft', () => {
  it('round-trips a rule set through the draft unchanged, as-of date included', () => {
    const rules = { ...DEMO_RULES, asOf: '2024-05-01' };
    expect(ruleSetFromDraft(draftFromRuleSet(rules))).toEqual(rules);
    expect(ruleSetFromDraft(draftFromRuleSet(DEMO_RULES))).toEqual(DEMO_RULES);
  });

  it('gives each condition its own key and leaves the as-of date out when it is empty', () => {
    const draft = draftFromRuleSet(DEMO_RULES);
    expect(draft.positive.conditions[0].key).not.toBe(draft.negative.conditions[0].key);
    expect(draft.asOf).toBe('');
    expect('asOf' in ruleSetFromDraft(draft)).toBe(false);
  });

  it('adds a condition with a fresh key and removes it by key, keeping the others in order', () => {
    let draft = draftFromRuleSet(DEMO_RULES);
    draft = addCondition(draft, 'positive');
    draft = addCondition(draft, 'positive');
    const keys = draft.positive.conditions.map((c) => c.key);
    expect(new Set(keys).size).toBe(3);
    draft = removeCondition(draft, 'positive', keys[1]);
    expect(draft.positive.conditions.map((c) => c.key)).toEqual([keys[0], keys[2]]);
    expect(draft.negative.conditions).toHaveLength(1);
  });

  it('changes only the condition it names, and the result parses as rules', () => {
    let draft = draftFromRuleSet(DEMO_RULES);
    const key = draft.negative.conditions[0].key;
    draft = changeCondition(draft, 'negative', key, { min: 2, windowMonths: 3, action: 'click' });
    draft = setSideMatch(draft, 'negative', 'all');
    const rules = parseRuleSet(JSON.parse(JSON.stringify(ruleSetFromDraft(draft))));
    expect(rules.negative).toEqual({
      match: 'all',
      conditions: [{ action: 'click', categories: ['high heels', 'cosmetics'], windowMonths: 3, min: 2 }],
    });
    expect(rules.positive).toEqual(DEMO_RULES.positive);
  });

  it('does not add a category twice, whatever its case or spaces', () => {
    expect(addCategory(['Cosmetics'], ' cosmetics ')).toEqual(['Cosmetics']);
    expect(addCategory(['cosmetics'], ' high heels ')).toEqual(['cosmetics', 'high heels']);
    expect(addCategory(['cosmetics'], '   ')).toEqual(['cosmetics']);
  });

  it('replaces a misspelt category in place, or drops it when the right one is already there', () => {
    expect(replaceCategory(['a', 'matrnity wear', 'b'], 'matrnity wear', 'maternity wear')).toEqual([
      'a',
      'maternity wear',
      'b',
    ]);
    expect(replaceCategory(['maternity wear', 'matrnity wear'], 'matrnity wear', 'Maternity Wear')).toEqual([
      'maternity wear',
    ]);
  });
});
