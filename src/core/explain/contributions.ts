// A user's explanation as an analyst reads it: contributions on category × period grids (purchases by month or year,
// clicks by day), category names with the rule categories marked, the periods as dates, and the completeness check.

import type { EventStore } from '../events/types';
import { createBatchBuilder, type BatchBuilder } from '../features';
import type { FeatureSpec } from '../features/types';
import { ruleCategoryIds } from '../labels/categories';
import type { RuleSet } from '../labels/types';
import type { ModelKind } from '../models/types';
import { isoFromDay, monthBoundaries } from '../time';
import type * as tf from '@tensorflow/tfjs';
import {
  createExplainer,
  DEFAULT_IG_STEPS,
  type Explainer,
  type InputName,
  type UserAttribution,
} from './integratedGradients';

export type ContributionKind = 'purchase' | 'click';

/** The share of f(x) − f(baseline) the contributions may miss before the check fails. */
export const COMPLETENESS_TOLERANCE = 0.05;
/** Below this gap in logits the check passes whatever the ratio: the score barely moved from the empty history. */
export const COMPLETENESS_FLOOR = 0.01;

export interface CategoryInfo {
  /** the category id, or "other" for the bucket of categories outside the vocabulary */
  id: string;
  name: string;
  /** named by the labelling rules */
  rule: boolean;
  /** removed from every input by the leakage guard (its contributions are always zero) */
  masked: boolean;
}

export interface PeriodInfo {
  /** 0 = oldest */
  step: number;
  /** first and last day, ISO, inclusive */
  start: string;
  end: string;
  label: string;
}

export interface ContributionGrid {
  input: InputName;
  kind: ContributionKind;
  periods: PeriodInfo[];
  width: number;
  /** [periods × width], period-major: values[step * width + column] */
  values: Float32Array;
}

export interface Completeness {
  /** Σ contributions */
  sum: number;
  /** f(x) − f(baseline), logit space */
  expected: number;
  gap: number;
  /** |gap| / |expected| */
  relativeGap: number;
  ok: boolean;
}

export interface UserExplanation {
  userId: string;
  score: number;
  logit: number;
  baselineLogit: number;
  steps: number;
  categories: CategoryInfo[];
  grids: ContributionGrid[];
  completeness: Completeness;
}

export interface ContributionRow {
  category: string;
  categoryId: string;
  period: string;
  kind: ContributionKind;
  contribution: number;
  rule: boolean;
}

export const KIND_OF_INPUT: Record<InputName, ContributionKind> = {
  yearly: 'purchase',
  monthly: 'purchase',
  daily: 'click',
};

export function checkCompleteness(sum: number, expected: number): Completeness {
  const gap = sum - expected;
  const relativeGap = expected === 0 ? (gap === 0 ? 0 : Infinity) : Math.abs(gap / expected);
  const ok = relativeGap <= COMPLETENESS_TOLERANCE || Math.abs(gap) < COMPLETENESS_FLOOR;
  return { sum, expected, gap, relativeGap, ok };
}

/** Names and marks of every feature column: the store's names where it has the category, else the spec's. */
export function describeCategories(
  store: EventStore,
  spec: FeatureSpec,
  rules: RuleSet | null,
): CategoryInfo[] {
  const storeIndex = new Map<string, number>();
  store.categoryIds.forEach((id, c) => storeIndex.set(id, c));
  const ruleIds = new Set(rules ? ruleCategoryIds(store, rules) : []);
  const masked = new Set(spec.maskedCategories);
  const out = spec.vocabulary.map((id, col): CategoryInfo => {
    const c = storeIndex.get(id);
    const name = c === undefined ? (spec.vocabularyNames[col] ?? id) : store.categoryNames[c];
    return { id, name, rule: ruleIds.has(id), masked: masked.has(id) };
  });
  if (spec.otherBucket) out.push({ id: 'other', name: 'other categories', rule: false, masked: false });
  return out;
}

/** Dates of every step of an input, from the as-of day (month buckets are calendar months back from it). */
export function describePeriods(input: InputName, spec: FeatureSpec, asOfDay: number): PeriodInfo[] {
  if (input === 'yearly') {
    const start = isoFromDay(monthBoundaries(asOfDay, 12)[12]);
    const end = isoFromDay(asOfDay - 1);
    return [{ step: 0, start, end, label: `12 months to ${end}` }];
  }
  if (input === 'daily')
    return Array.from({ length: spec.days }, (_, t) => {
      const day = isoFromDay(asOfDay - spec.days + t);
      return { step: t, start: day, end: day, label: day };
    });
  const bounds = monthBoundaries(asOfDay, spec.months);
  return Array.from({ length: spec.months }, (_, t) => {
    const i = spec.months - 1 - t;
    const start = isoFromDay(bounds[i + 1]);
    const end = isoFromDay(bounds[i] - 1);
    return { step: t, start, end, label: `${start}..${end}` };
  });
}

/** Turns one user's sparse attribution into grids with names and dates. */
export function buildExplanation(
  attribution: UserAttribution,
  context: { userId: string; spec: FeatureSpec; asOfDay: number; categories: CategoryInfo[]; steps: number },
): UserExplanation {
  const grids = attribution.inputs.map((input): ContributionGrid => {
    const values = new Float32Array(input.steps * input.width);
    input.step.forEach((t, i) => (values[t * input.width + input.col[i]] += input.contribution[i]));
    const periods = describePeriods(input.input, context.spec, context.asOfDay);
    return { input: input.input, kind: KIND_OF_INPUT[input.input], periods, width: input.width, values };
  });
  return {
    userId: context.userId,
    score: 1 / (1 + Math.exp(-attribution.logit)),
    logit: attribution.logit,
    baselineLogit: attribution.baselineLogit,
    steps: context.steps,
    categories: context.categories,
    grids,
    completeness: checkCompleteness(attribution.sum, attribution.logit - attribution.baselineLogit),
  };
}

/** The k non-zero cells of largest magnitude, largest first (ties by category then period, for stable output). */
export function topContributions(explanation: UserExplanation, k: number): ContributionRow[] {
  const rows: ContributionRow[] = [];
  for (const grid of explanation.grids)
    grid.values.forEach((v, j) => {
      if (v === 0) return;
      const col = j % grid.width;
      const category = explanation.categories[col];
      const period = grid.periods[(j - col) / grid.width].label;
      rows.push({
        category: category.name,
        categoryId: category.id,
        period,
        kind: grid.kind,
        contribution: v,
        rule: category.rule,
      });
    });
  rows.sort(
    (a, b) =>
      Math.abs(b.contribution) - Math.abs(a.contribution) ||
      a.categoryId.localeCompare(b.categoryId) ||
      a.period.localeCompare(b.period),
  );
  return rows.slice(0, k);
}

/** Σ contributions per category over every period and input (signed). */
export function totalByCategory(explanation: UserExplanation): Float64Array {
  const out = new Float64Array(explanation.categories.length);
  for (const grid of explanation.grids) grid.values.forEach((v, j) => (out[j % grid.width] += v));
  return out;
}

export interface ExplainContext {
  explainer: Explainer;
  builder: BatchBuilder;
  spec: FeatureSpec;
  store: EventStore;
  categories: CategoryInfo[];
}

/** Everything explaining users of one store with one model needs, built once. */
export function createExplainContext(o: {
  model: tf.LayersModel;
  kind: ModelKind;
  spec: FeatureSpec;
  store: EventStore;
  rules: RuleSet | null;
}): ExplainContext {
  const builder = createBatchBuilder(o.store, o.spec);
  const explainer = createExplainer(o.model, o.kind);
  if (explainer.width !== builder.width)
    throw new Error(
      `The model reads ${explainer.width} categories; the feature spec gives ${builder.width}.`,
    );
  return {
    explainer,
    builder,
    spec: o.spec,
    store: o.store,
    categories: describeCategories(o.store, o.spec, o.rules),
  };
}

/** One user's explanation by store index. */
export function explainUser(
  context: ExplainContext,
  user: number,
  steps = DEFAULT_IG_STEPS,
): UserExplanation {
  const batch = context.builder.build(Int32Array.of(user));
  const [attribution] = context.explainer.explain(batch, steps);
  return buildExplanation(attribution, {
    userId: context.store.userIds[user],
    spec: context.spec,
    asOfDay: context.builder.asOfDay,
    categories: context.categories,
    steps,
  });
}

/** Store index of a user id, or −1. */
export function findUser(store: EventStore, userId: string): number {
  return store.userIds.indexOf(userId);
}
