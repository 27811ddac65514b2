// Looking categories up for the rule editor: what a name-or-id chip stands for, and the picker's filtered list.
// Matching is case-insensitive and trimmed, as the core matches rule categories.

import type { CategoryBranch, CategoryOption } from '../../worker/protocol/rulesMessages';

/** A rule entry that selects a branch of dotted names: "maternity.*". */
const PREFIX_SUFFIX = '.*';

export interface CatalogIndex {
  categories: readonly CategoryOption[];
  /** the hierarchy of dotted names, for the picker's tree */
  tree: readonly CategoryBranch[];
  /** true when some name has a dot, so the tree has branches worth showing */
  hasHierarchy: boolean;
  /** lower-cased name or id → the categories it matches (a name may be shared by several ids) */
  byKey: Map<string, CategoryOption[]>;
  /** names carried by more than one category id */
  sharedNames: Set<string>;
}

function keyOf(text: string): string {
  return text.trim().toLowerCase();
}

export function indexCatalog(
  categories: readonly CategoryOption[],
  tree: readonly CategoryBranch[] = [],
): CatalogIndex {
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
  const hasHierarchy = tree.some((branch) => branch.children.length > 0);
  return { categories, tree, hasHierarchy, byKey, sharedNames };
}

const indexes = new WeakMap<readonly CategoryOption[], CatalogIndex>();

/**
 * The index of a catalogue, built once per catalogue the worker sent (the store keeps that object until the dataset
 * changes), so going back to the Rules screen does not rebuild it for every category again.
 */
export function catalogIndexOf(catalog: {
  categories: readonly CategoryOption[];
  tree?: readonly CategoryBranch[];
}): CatalogIndex {
  let index = indexes.get(catalog.categories);
  if (!index) indexes.set(catalog.categories, (index = indexCatalog(catalog.categories, catalog.tree)));
  return index;
}

/** True for "x.*" (not for ".*" alone), as the core reads a prefix entry. */
export function isPrefixEntry(written: string): boolean {
  const key = keyOf(written);
  return key.endsWith(PREFIX_SUFFIX) && key.length > PREFIX_SUFFIX.length;
}

/**
 * The categories a chip (a name, an id, or a prefix "x.*" as written in the rules) matches; empty when it matches
 * nothing in the dataset. A prefix matches the name x and every name under "x.", as the core reads it.
 */
export function resolveChip(index: CatalogIndex, written: string): CategoryOption[] {
  if (!isPrefixEntry(written)) return index.byKey.get(keyOf(written)) ?? [];
  const stem = keyOf(written).slice(0, -PREFIX_SUFFIX.length);
  return index.categories.filter((c) => {
    const name = keyOf(c.name);
    return name === stem || name.startsWith(`${stem}.`);
  });
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
