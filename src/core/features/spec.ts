// Builds the serialisable feature spec from a store: the category vocabulary (all, or the top K by events plus an
// "other" bucket), the month and day windows, the transform, the as-of policy and the leakage guard's masked ids.

import type { EventStore } from '../events/types';
import { resolveCategoryNames } from '../labels/categories';
import { dayFromIso } from '../time';
import type { FeatureSpec, Transform } from './types';

export interface FeatureSpecOptions {
  /** vocabulary size cap; default 2000 */
  topK?: number;
  /** month steps M; default 18 */
  months?: number;
  /** day steps D; default 90 */
  days?: number;
  /** default 'log1p' */
  transform?: Transform;
  /** 'latest' (default) or an ISO date */
  asOf?: 'latest' | string;
  /** category ids or names whose inputs are zeroed (the leakage guard); default none */
  maskedCategories?: string[];
}

export const FEATURE_DEFAULTS = { topK: 2000, months: 18, days: 90, transform: 'log1p' as Transform };

export function buildFeatureSpec(store: EventStore, options: FeatureSpecOptions = {}): FeatureSpec {
  const topK = checkWhole(options.topK ?? FEATURE_DEFAULTS.topK, 'topK', 1);
  const months = checkWhole(options.months ?? FEATURE_DEFAULTS.months, 'months', 1);
  const days = checkWhole(options.days ?? FEATURE_DEFAULTS.days, 'days', 1);
  const transform = options.transform ?? FEATURE_DEFAULTS.transform;
  if (transform !== 'log1p' && transform !== 'none')
    throw new Error(`Feature transform must be "log1p" or "none", got "${String(transform)}".`);
  const asOf = options.asOf ?? 'latest';
  if (asOf !== 'latest') dayFromIso(asOf);
  const chosen = chooseVocabulary(store, topK);
  return {
    version: 1,
    vocabulary: chosen.map((c) => store.categoryIds[c]),
    vocabularyNames: chosen.map((c) => store.categoryNames[c]),
    otherBucket: chosen.length < store.categoryIds.length,
    months,
    days,
    transform,
    asOf,
    maskedCategories: resolveMasked(store, options.maskedCategories ?? []),
  };
}

/** Store indices of the vocabulary in store order: every category when they fit, else the top K by event rows. */
function chooseVocabulary(store: EventStore, topK: number): number[] {
  const n = store.categoryIds.length;
  const all = Array.from({ length: n }, (_, c) => c);
  if (n <= topK) return all;
  const events = new Float64Array(n);
  for (let i = 0; i < store.category.length; i++) events[store.category[i]]++;
  const ids = store.categoryIds;
  const ranked = all.sort((a, b) => events[b] - events[a] || compareIds(ids[a], ids[b]));
  return ranked.slice(0, topK).sort((a, b) => a - b);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names or ids → ids; unknown entries are kept as written so a bundle masks them on data that does have them. */
function resolveMasked(store: EventStore, masked: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of masked) {
    const { indices } = resolveCategoryNames(store, [name]);
    if (indices.length === 0) out.add(name);
    for (const c of indices) out.add(store.categoryIds[c]);
  }
  return [...out];
}

function checkWhole(value: number, name: string, least: number): number {
  if (!Number.isInteger(value) || value < least)
    throw new Error(`Feature option ${name} must be a whole number, at least ${least}; got ${value}.`);
  return value;
}

/** Input width of every sequence: the vocabulary plus the "other" column. */
export function specWidth(spec: FeatureSpec): number {
  return spec.vocabulary.length + (spec.otherBucket ? 1 : 0);
}

/** One line for logs and the UI. */
export function describeSpec(spec: FeatureSpec): string {
  const vocab = `${spec.vocabulary.length.toLocaleString('en-US')} categories${spec.otherBucket ? ' + other' : ''}`;
  const masked = spec.maskedCategories.length
    ? `, ${spec.maskedCategories.length} rule categories masked`
    : '';
  const asOf = spec.asOf === 'latest' ? 'as of the day after the latest event' : `as of ${spec.asOf}`;
  return `${vocab}; ${spec.months} months of purchases, ${spec.days} days of clicks; ${spec.transform}; ${asOf}${masked}`;
}
