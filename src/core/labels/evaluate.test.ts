import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate';
import { DEMO_RULES } from './parseRules';
import { resolveCategoryNames, ruleCategoryIds } from './categories';
import { buildTestStore, userIndex, type TestEvent } from '../../test/testStores';
import { LABEL, type RuleCondition, type RuleSet } from './types';

const NAMES = { c1: 'maternity care', c2: 'maternity wear', c3: 'high heels', c4: 'cosmetics', c5: 'books' };

function rules(positive: RuleCondition[], negative: RuleCondition[], extra: Partial<RuleSet> = {}): RuleSet {
  return {
    positive: { match: 'any', conditions: positive },
    negative: { match: 'any', conditions: negative },
    onConflict: 'drop',
    ...extra,
  };
}

const buy = (categories: string[], min: number, windowMonths = 12): RuleCondition => ({
  action: 'purchase',
  categories,
  windowMonths,
  min,
});

function labelOf(events: TestEvent[], set: RuleSet, user: string): number {
  const store = buildTestStore(events, NAMES);
  return evaluateRules(store, set).labels[userIndex(store, user)];
}

describe('rule windows', () => {
  const set = rules([buy(['maternity care'], 1, 1)], [buy(['books'], 1)], { asOf: '2024-07-01' });
  const events: TestEvent[] = [
    ['exactly-n-months', 'c1', '2024-06-01', 'purchase'],
    ['one-day-earlier', 'c1', '2024-05-31', 'purchase'],
    ['on-as-of-day', 'c1', '2024-07-01', 'purchase'],
    ['day-before-as-of', 'c1', '2024-06-30', 'purchase'],
  ];

  it('counts an event exactly at as-of minus N months', () => {
    expect(labelOf(events, set, 'exactly-n-months')).toBe(LABEL.positive);
  });

  it('leaves out an event one day before the window and one on the as-of day', () => {
    expect(labelOf(events, set, 'one-day-earlier')).toBe(LABEL.unlabelled);
    expect(labelOf(events, set, 'on-as-of-day')).toBe(LABEL.unlabelled);
    expect(labelOf(events, set, 'day-before-as-of')).toBe(LABEL.positive);
  });

  it('defaults the as-of date to the day after the latest event', () => {
    const store = buildTestStore(events, NAMES);
    const result = evaluateRules(store, rules([buy(['c1'], 1, 1)], []));
    expect(result.asOf).toBe('2024-07-02');
    // window [2024-06-02, 2024-07-02): only the as-of-day event and 30 June fall inside
    expect(result.labels[userIndex(store, 'on-as-of-day')]).toBe(LABEL.positive);
    expect(result.labels[userIndex(store, 'exactly-n-months')]).toBe(LABEL.unlabelled);
  });
});

describe('thresholds and matching', () => {
  const events: TestEvent[] = [
    ['four', 'c1', '2024-01-10', 'purchase', 4],
    ['five', 'c1', '2024-01-10', 'purchase', 3],
    ['five', 'c2', '2024-02-10', 'purchase', 2],
    ['clicks-only', 'c1', '2024-02-10', 'click', 9],
    ['both', 'c1', '2024-02-10', 'purchase', 5],
    ['both', 'c3', '2024-02-11', 'purchase', 5],
  ];

  it('treats the minimum as inclusive and sums counts over the listed categories', () => {
    const set = rules([buy(['maternity care', 'maternity wear'], 5)], [buy(['c5'], 1)]);
    expect(labelOf(events, set, 'five')).toBe(LABEL.positive);
    expect(labelOf(events, set, 'four')).toBe(LABEL.unlabelled);
  });

  it('counts only the condition action', () => {
    const set = rules([buy(['c1'], 1)], []);
    expect(labelOf(events, set, 'clicks-only')).toBe(LABEL.unlabelled);
    const clickSet = rules([{ action: 'click', categories: ['c1'], windowMonths: 12, min: 9 }], []);
    expect(labelOf(events, clickSet, 'clicks-only')).toBe(LABEL.positive);
  });

  it('needs one condition for "any" and every condition for "all"', () => {
    const conditions = [buy(['c1'], 3), buy(['c3'], 5)];
    const anySet = rules(conditions, []);
    const allSet: RuleSet = { ...anySet, positive: { match: 'all', conditions } };
    expect(labelOf(events, anySet, 'five')).toBe(LABEL.positive);
    expect(labelOf(events, allSet, 'five')).toBe(LABEL.unlabelled);
    expect(labelOf(events, anySet, 'both')).toBe(LABEL.positive);
    expect(labelOf(events, allSet, 'both')).toBe(LABEL.positive);
  });

  it('handles more than 32 conditions (several mask words per category)', () => {
    const never = Array.from({ length: 32 }, () => buy(['c5'], 99));
    const set = rules([...never, buy(['c2'], 2)], [buy(['c3'], 5), ...never]);
    expect(labelOf(events, set, 'five')).toBe(LABEL.positive);
    expect(labelOf(events, set, 'four')).toBe(LABEL.unlabelled);
    expect(labelOf(events, set, 'both')).toBe(LABEL.negative);
  });

  it('matches categories by id or by name, ignoring case and surrounding spaces', () => {
    const store = buildTestStore(events, NAMES);
    expect(resolveCategoryNames(store, ['c1', '  Maternity WEAR ']).indices).toEqual([0, 1]);
    const byId = evaluateRules(store, rules([buy(['c1', 'c2'], 5)], []));
    const byName = evaluateRules(store, rules([buy([' MATERNITY care', 'maternity wear'], 5)], []));
    expect(Array.from(byName.labels)).toEqual(Array.from(byId.labels));
    expect(byId.counts.positive).toBe(2);
  });

  it('resolves conflicts by dropping them or assigning them to the chosen side', () => {
    const store = buildTestStore(events, NAMES);
    const both = userIndex(store, 'both');
    const base = rules([buy(['c1'], 4)], [buy(['high heels'], 5)]);
    const dropped = evaluateRules(store, base);
    expect(dropped.labels[both]).toBe(LABEL.conflict);
    expect(dropped.counts).toMatchObject({
      positive: 1,
      negative: 0,
      conflict: 1,
      unlabelled: 2,
      users: 4,
      bothSides: 1,
    });
    const toPositive = evaluateRules(store, { ...base, onConflict: 'positive' });
    expect(toPositive.labels[both]).toBe(LABEL.positive);
    expect(toPositive.counts).toMatchObject({ positive: 2, negative: 0, conflict: 0, bothSides: 1 });
    const toNegative = evaluateRules(store, { ...base, onConflict: 'negative' });
    expect(toNegative.labels[both]).toBe(LABEL.negative);
    expect(toNegative.counts).toMatchObject({ positive: 1, negative: 1, conflict: 0 });
  });
});

describe('messages about the rule set', () => {
  const store = buildTestStore(
    [
      ['u1', 'c1', '2024-01-01', 'purchase', 6],
      ['u2', 'c3', '2024-01-01', 'purchase', 6],
      ['u3', 'c4', '2024-01-01', 'purchase', 6],
    ],
    NAMES,
  );

  it('flags an unknown category with the closest names in the dataset', () => {
    const result = evaluateRules(store, rules([buy(['maternty care'], 5)], [buy(['high heels'], 5)]));
    const issue = result.issues.find((i) => i.code === 'unknown-category');
    expect(issue).toMatchObject({ side: 'positive', conditionIndex: 0, category: 'maternty care' });
    expect(issue?.suggestions?.[0]).toBe('maternity care');
    expect(issue?.suggestions?.length).toBeLessThanOrEqual(3);
    expect(issue?.message).toContain('Did you mean "maternity care"');
  });

  it('offers no suggestion when nothing is close', () => {
    const result = evaluateRules(store, rules([buy(['garden tools'], 5)], [buy(['high heels'], 5)]));
    const issue = result.issues.find((i) => i.code === 'unknown-category');
    expect(issue?.suggestions).toEqual([]);
    expect(issue?.message).toContain('No similar category exists');
  });

  it('says when the rules yield no positives, before anyone trains', () => {
    const result = evaluateRules(store, rules([buy(['books'], 5)], [buy(['high heels'], 5)]));
    const errors = result.issues.filter((i) => i.severity === 'error').map((i) => i.code);
    expect(errors).toEqual(['no-positives']);
    expect(result.issues.find((i) => i.code === 'no-positives')?.message).toContain(
      'nobody matches the positive rules',
    );
  });

  it('explains that dropped conflicts swallowed every positive', () => {
    const result = evaluateRules(store, rules([buy(['c3'], 5)], [buy(['c3', 'c4'], 5)]));
    expect(result.issues.find((i) => i.code === 'no-positives')?.message).toContain(
      'also matches the negative rules, and conflicts are dropped',
    );
  });

  it('reports invalid values and an empty side instead of evaluating them', () => {
    const result = evaluateRules(store, rules([buy(['c1'], -1), buy(['c1'], 1, 0)], []));
    const codes = result.issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(['invalid-min', 'invalid-window', 'no-positives', 'no-negatives']),
    );
    expect(result.counts.positive).toBe(0);
    expect(result.issues.find((i) => i.code === 'no-negatives')?.message).toContain('no conditions');
  });

  it('lists every category id named in the rules for the leakage guard', () => {
    expect(ruleCategoryIds(store, DEMO_RULES)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('labels the demo preset with no issues when the data has the categories', () => {
    const result = evaluateRules(store, DEMO_RULES);
    expect(result.counts).toMatchObject({ positive: 1, negative: 2, conflict: 0, unlabelled: 0 });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
