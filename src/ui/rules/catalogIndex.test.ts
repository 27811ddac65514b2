import { describe, expect, it } from 'vitest';
import type { CategoryOption } from '../../worker/protocol/rulesMessages';
import {
  catalogIndexOf,
  filterCategories,
  indexCatalog,
  isExactCategory,
  resolveChip,
  ruleTextFor,
} from './catalogIndex';

const option = (id: string, name: string, events: number): CategoryOption => ({
  id,
  name,
  events,
  purchases: events,
  clicks: 0,
});

// Busiest first, as the worker sends them; two ids share the name "toys".
const categories = [
  option('50', 'cosmetics', 900),
  option('51', 'maternity wear', 500),
  option('52', 'wear care', 300),
  option('53', 'toys', 200),
  option('54', 'toys', 100),
  option('55', 'maternity care', 50),
];
const index = indexCatalog(categories);

describe('the category picker', () => {
  it('lists names starting with the query before names containing it, busiest first', () => {
    expect(filterCategories(categories, 'Wear', [], 10).map((c) => c.name)).toEqual([
      'wear care',
      'maternity wear',
    ]);
    expect(filterCategories(categories, 'mat', [], 10).map((c) => c.id)).toEqual(['51', '55']);
  });

  it('matches ids too and leaves out categories already chosen, by name or id', () => {
    expect(filterCategories(categories, '5', [], 10)).toHaveLength(6);
    expect(filterCategories(categories, '', ['COSMETICS', '53'], 3).map((c) => c.id)).toEqual([
      '51',
      '52',
      '54',
    ]);
  });

  it('resolves a chip by name or id, case-insensitively, and finds nothing for an unknown name', () => {
    expect(resolveChip(index, ' Maternity Wear ').map((c) => c.id)).toEqual(['51']);
    expect(resolveChip(index, '55').map((c) => c.name)).toEqual(['maternity care']);
    expect(resolveChip(index, 'toys').map((c) => c.id)).toEqual(['53', '54']);
    expect(resolveChip(index, 'matrnity wear')).toEqual([]);
  });

  it('writes a picked category by name, or by id when its name is shared with another id', () => {
    expect(ruleTextFor(index, categories[1])).toBe('maternity wear');
    expect(ruleTextFor(index, categories[4])).toBe('54');
  });

  it('offers free text only when it is not exactly a category', () => {
    expect(isExactCategory(index, 'Cosmetics')).toBe(true);
    expect(isExactCategory(index, '50')).toBe(true);
    expect(isExactCategory(index, 'cosmetic')).toBe(false);
  });

  it('resolves a prefix entry to the branch and everything under it, and flags one that matches nothing', () => {
    const dotted = indexCatalog([
      option('2053013558920217191', 'maternity.clothing', 30),
      option('2053013553341792533', 'maternity.care', 20),
      option('2053013555631882655', 'kids.toys', 10),
      option('2053013550000000000', 'maternity', 5),
      option('2053013551111111111', 'maternityish', 5),
    ]);
    expect(resolveChip(dotted, 'Maternity.*').map((c) => c.name)).toEqual([
      'maternity.clothing',
      'maternity.care',
      'maternity',
    ]);
    expect(resolveChip(dotted, 'garden.*')).toEqual([]);
    expect(resolveChip(dotted, '.*')).toEqual([]);
    expect(dotted.hasHierarchy).toBe(false);
  });
});

describe('the catalogue index', () => {
  it('is built once per catalogue the worker sent, and anew for another one', () => {
    const catalog = { categories, tree: [] };
    const first = catalogIndexOf(catalog);
    expect(catalogIndexOf({ ...catalog })).toBe(first);
    expect(resolveChip(first, 'Toys').map((c) => c.id)).toEqual(['53', '54']);
    const other = catalogIndexOf({ categories: categories.slice(0, 2) });
    expect(other).not.toBe(first);
    expect(resolveChip(other, 'toys')).toEqual([]);
  });
});
