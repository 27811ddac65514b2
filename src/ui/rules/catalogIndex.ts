// Looking categories up for the rule editor: what a name-or-id chip stands for, and the picker's filtered list.
// Matching is case-insensitive and trimmed, as the core matches rule categories.

import type { CategoryOption } from '../../worker/protocol/rulesMessages';

export interface CatalogIndex {
  /** lower-cased name or id → the categories it matches (a name may be shared by several ids) */
  byKey: Map<string, CategoryOption[]>;
  /** names carried by more than one category id */
  sharedNames: Set<string>;
}

function keyOf(text: string): string {
  return text.trim().toLowerCase();
}

export function indexCatalog(categories: readonly CategoryOption[]): CatalogIndex {
  const byKey = new Map<string, CategoryOption[]>();
  const nameCount = new Map<string, number>();
  for (const c of categories) {
    for (const key of new Set([keyOf(c.id), keyOf(c.name)])) {
      const list = byKey.get(key);
      if (list) list.push(c);
      else byKey.set(key, [c]);
    }
    nameCount.set(keyOf(c.name), (nameCount.get(keyOf(c.name)) ?? 0) + 1);
  }
  const sharedNames = new Set([...nameCount].filter(([, n]) => n > 1).map(([name]) => name));
  return { byKey, sharedNames };
}

/** The categories a chip (a name or id as written in the rules) matches; empty when it is not in the dataset. */
export function resolveChip(index: CatalogIndex, written: string): CategoryOption[] {
  return index.byKey.get(keyOf(written)) ?? [];
}

/** What to write into the rules for a picked category: its name, or its id when the name is shared or missing. */
export function ruleTextFor(index: CatalogIndex, option: CategoryOption): string {
  const name = option.name.trim();
  if (name === '' || index.sharedNames.has(keyOf(name))) return option.id;
  return name;
}

/**
 * Up to `limit` categories matching the query by name or id, leaving out those already chosen. Names that start with
 * the query come first, then other matches; within each group the busiest first (the catalogue's order).
 */
export function filterCategories(
  categories: readonly CategoryOption[],
  query: string,
  chosen: readonly string[],
  limit: number,
): CategoryOption[] {
  const q = keyOf(query);
  const taken = new Set(chosen.map(keyOf));
  const starts: CategoryOption[] = [];
  const contains: CategoryOption[] = [];
  for (const c of categories) {
    const name = keyOf(c.name);
    const id = keyOf(c.id);
    if (taken.has(name) || taken.has(id)) continue;
    if (q === '' || name.startsWith(q) || id.startsWith(q)) starts.push(c);
    else if (name.includes(q) || id.includes(q)) contains.push(c);
    if (q === '' && starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}

/** True when the query names a category exactly (by name or id), so "use as written" is not offered. */
export function isExactCategory(index: CatalogIndex, query: string): boolean {
  return index.byKey.has(keyOf(query));
}
