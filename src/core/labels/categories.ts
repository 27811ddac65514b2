// Matches the category names written in rules to the store's categories (by name or id, case-insensitive, trimmed,
// or a dotted-hierarchy prefix "maternity.*" for that name and every name under it) and proposes the closest real names when one does not exist, so a typo is flagged instead of silently matching nobody.

import type { EventStore } from '../events/types';
import type { RuleSet } from './types';

export interface ResolvedCategories {
  /** store category indices, distinct, ascending */
  indices: number[];
  unknown: { name: string; suggestions: string[] }[];
}

const lookupCache = new WeakMap<EventStore, Map<string, number[]>>();

/** Normalised form used for matching: trimmed, lower case. */
export function normaliseCategoryKey(name: string): string {
  return name.trim().toLowerCase();
}

/** name-or-id key → category indices (a name may be shared by several ids), built once per store. */
function categoryLookup(store: EventStore): Map<string, number[]> {
  let lookup = lookupCache.get(store);
  if (lookup) return lookup;
  lookup = new Map();
  const add = (key: string, c: number): void => {
    const list = lookup!.get(key);
    if (!list) lookup!.set(key, [c]);
    else if (list[list.length - 1] !== c) list.push(c);
  };
  for (let c = 0; c < store.categoryIds.length; c++) {
    add(normaliseCategoryKey(store.categoryIds[c]), c);
    add(normaliseCategoryKey(store.categoryNames[c]), c);
  }
  lookupCache.set(store, lookup);
  return lookup;
}

/** The branch a "maternity.*" entry names ("maternity"), or null when the entry is not a prefix. */
export function hierarchyPrefix(entry: string): string | null {
  const key = normaliseCategoryKey(entry);
  return key.endsWith('.*') && key.length > 2 ? key.slice(0, -2) : null;
}

/** Categories whose name (or id) is the branch itself or lies under it. */
function prefixMatches(store: EventStore, branch: string): number[] {
  const below = `${branch}.`;
  const hits: number[] = [];
  for (let c = 0; c < store.categoryIds.length; c++) {
    const name = normaliseCategoryKey(store.categoryNames[c]);
    const id = normaliseCategoryKey(store.categoryIds[c]);
    if (name === branch || name.startsWith(below) || id === branch || id.startsWith(below)) hits.push(c);
  }
  return hits;
}

export function resolveCategoryNames(store: EventStore, names: readonly string[]): ResolvedCategories {
  const lookup = categoryLookup(store);
  const found = new Set<number>();
  const unknown: ResolvedCategories['unknown'] = [];
  for (const name of names) {
    const branch = hierarchyPrefix(name);
    const prefixHits = branch === null ? null : prefixMatches(store, branch);
    const hits = prefixHits
      ? prefixHits.length
        ? prefixHits
        : undefined
      : lookup.get(normaliseCategoryKey(name));
    if (hits) for (const c of hits) found.add(c);
    else unknown.push({ name, suggestions: suggestCategoryNames(store, branch ?? name, 3) });
  }
  return { indices: [...found].sort((a, b) => a - b), unknown };
}

/** All category ids named anywhere in the rules (both sides), in store order: what the leakage guard masks. */
export function ruleCategoryIds(store: EventStore, rules: RuleSet): string[] {
  const names = [...rules.positive.conditions, ...rules.negative.conditions].flatMap((c) => c.categories);
  return resolveCategoryNames(store, names).indices.map((c) => store.categoryIds[c]);
}

/**
 * Up to `limit` category labels closest to `name`: labels containing it (or contained in it) first, then by edit
 * distance, dropping anything too far to be a plausible typo. Labels are display names (ids when there is no name).
 */
export function suggestCategoryNames(store: EventStore, name: string, limit: number): string[] {
  const key = normaliseCategoryKey(name);
  if (!key) return [];
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  const scored: { label: string; score: number }[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < store.categoryIds.length; c++) {
    const label = store.categoryNames[c];
    const score = Math.min(
      scoreCandidate(key, normaliseCategoryKey(label)),
      scoreCandidate(key, normaliseCategoryKey(store.categoryIds[c])),
    );
    if (score <= maxDistance && !seen.has(label)) {
      seen.add(label);
      scored.push({ label, score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label));
  return scored.slice(0, limit).map((s) => s.label);
}

/** Substring hits rank as distance 0.5 (ahead of any typo); otherwise the Levenshtein distance. */
function scoreCandidate(key: string, candidate: string): number {
  if (!candidate) return Infinity;
  if (candidate.includes(key) || (key.length >= 3 && key.includes(candidate) && candidate.length >= 3))
    return 0.5;
  if (Math.abs(candidate.length - key.length) > Math.max(2, Math.floor(key.length / 3))) return Infinity;
  return editDistance(key, candidate);
}

export function editDistance(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}
