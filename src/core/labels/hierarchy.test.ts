import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate';
import { resolveCategoryNames } from './categories';
import { buildCategoryTree } from './categoryTree';
import { buildTestStore, userIndex, type TestEvent } from '../../test/testStores';
import { LABEL, type RuleSet } from './types';

const NAMES = {
  '2053013': 'maternity',
  '2053014': 'maternity.clothing',
  '2053015': 'maternity.care.lotion',
  '2053016': 'maternityware',
  '2053017': 'apparel.shoes.heels',
};

const EVENTS: TestEvent[] = [
  ['mum', '2053014', '2024-05-01', 'purchase', 2],
  ['mum', '2053015', '2024-05-02', 'purchase', 1],
  ['near-miss', '2053016', '2024-05-02', 'purchase', 5],
  ['heels', '2053017', '2024-05-03', 'purchase', 3],
  ['heels', '2053013', '2024-05-03', 'click', 1],
];

const store = buildTestStore(EVENTS, NAMES);

function rulesFor(positive: string[], negative: string[]): RuleSet {
  const side = (categories: string[], min: number) => ({
    match: 'any' as const,
    conditions: [{ action: 'purchase' as const, categories, windowMonths: 12, min }],
  });
  return { positive: side(positive, 3), negative: side(negative, 3), onConflict: 'drop' };
}

describe('rules by name, id and hierarchy prefix', () => {
  it('matches a prefix entry to the branch itself and every name under it, not to look-alike names', () => {
    const resolved = resolveCategoryNames(store, ['maternity.*']);
    const ids = resolved.indices.map((c) => store.categoryIds[c]).sort();
    expect(ids).toEqual(['2053013', '2053014', '2053015']);
    expect(resolved.unknown).toEqual([]);
  });

  it('labels by code, by prefix and by id alike', () => {
    for (const positive of [
      ['maternity.clothing', 'maternity.care.lotion'],
      ['Maternity.*'],
      ['2053014', '2053015'],
    ]) {
      const result = evaluateRules(store, rulesFor(positive, ['apparel.*']));
      expect(result.labels[userIndex(store, 'mum')], positive.join()).toBe(LABEL.positive);
      expect(result.labels[userIndex(store, 'near-miss')], positive.join()).toBe(LABEL.unlabelled);
      expect(result.labels[userIndex(store, 'heels')], positive.join()).toBe(LABEL.negative);
    }
  });

  it('reports a prefix that matches no category instead of matching nobody silently', () => {
    const result = evaluateRules(store, rulesFor(['maternity.*'], ['shoes.*']));
    const issue = result.issues.find((i) => i.code === 'unknown-category');
    expect(issue).toMatchObject({ side: 'negative', category: 'shoes.*' });
    expect(issue?.message).toContain('"shoes.*"');
  });
});

describe('buildCategoryTree', () => {
  it('nests dotted names with events and categories per branch, the busiest first', () => {
    const tree = buildCategoryTree(store);
    expect(tree.map((n) => [n.path, n.events, n.categoryCount])).toEqual([
      ['maternity', 3, 3],
      ['apparel', 1, 1],
      ['maternityware', 1, 1],
    ]);
    const maternity = tree[0];
    expect(maternity.entry).toBe('maternity.*');
    expect(maternity.categories.map((c) => store.categoryIds[c])).toEqual(['2053013']);
    expect(maternity.children.map((n) => [n.label, n.path, n.events])).toEqual([
      ['care', 'maternity.care', 1],
      ['clothing', 'maternity.clothing', 1],
    ]);
    expect(maternity.children[0].children[0]).toMatchObject({ path: 'maternity.care.lotion', events: 1 });
  });
});
