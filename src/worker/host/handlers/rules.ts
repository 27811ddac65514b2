// Rules handlers: the category catalogue for the rule editor, and one evaluation of the rules over the whole
// dataset with the training-set size after sampling, a description of the model inputs and a preview of matched users.

import { ACTION_CODE, isAbortError, type EventStore } from '../../../core/events';
import { buildFeatureSpec, describeSpec } from '../../../core/features';
import {
  buildCategoryTree,
  evaluateRules,
  evaluateRulesCancellable,
  MATCH_NEGATIVE,
  MATCH_POSITIVE,
  resolveCategoryNames,
  sampleLabelledUsers,
  sampleMatchedUsers,
  userTimeline,
  userTopCategories,
  type CategoryTreeNode,
  type LabelResult,
  type RuleSet,
} from '../../../core/labels';
import { defaultAsOfDay, isoFromDay } from '../../../core/time';
import type {
  CategoryBranch,
  CategoryOption,
  EvaluateRulesRequest,
  PreviewGroup,
  PreviewSide,
  RulesCatalog,
  RulesEvaluation,
} from '../../protocol/rulesMessages';
import type { WorkerState } from '../state';
import type { Handler } from './types';
import { describeError } from '../../../core/errors';
import { makeAbortError } from '../../protocol/errors';

const catalogs = new WeakMap<EventStore, RulesCatalog>();

function requireStore(state: WorkerState): EventStore {
  if (!state.dataset)
    throw new Error('No dataset is loaded. Load files or the demo dataset on the Data screen first.');
  return state.dataset.store;
}

function toBranch(store: EventStore, node: CategoryTreeNode): CategoryBranch {
  return {
    label: node.label,
    path: node.path,
    entry: node.entry,
    ids: node.categories.map((c) => store.categoryIds[c]),
    events: node.events,
    categoryCount: node.categoryCount,
    children: node.children.map((child) => toBranch(store, child)),
  };
}

/** Events per category over the whole store, busiest first, and the hierarchy of their dotted names. */
export function buildCatalog(store: EventStore): RulesCatalog {
  const n = store.categoryIds.length;
  const purchases = new Float64Array(n);
  const clicks = new Float64Array(n);
  for (let i = 0; i < store.category.length; i++) {
    if (store.action[i] === ACTION_CODE.purchase) purchases[store.category[i]]++;
    else clicks[store.category[i]]++;
  }
  const categories: CategoryOption[] = Array.from({ length: n }, (_, c) => ({
    id: store.categoryIds[c],
    name: store.categoryNames[c],
    events: purchases[c] + clicks[c],
    purchases: purchases[c],
    clicks: clicks[c],
  })).sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  const empty = store.maxDay < 0;
  const events = Uint32Array.from(purchases, (p, c) => p + clicks[c]);
  return {
    categories,
    tree: buildCategoryTree(store, events).map((node) => toBranch(store, node)),
    defaultAsOf: empty ? '' : isoFromDay(defaultAsOfDay(store.maxDay)),
    latestEvent: empty ? '' : isoFromDay(store.maxDay),
  };
}

const catalog: Handler<'rules/catalog'> = async (_params, ctx) => {
  const store = requireStore(ctx.state);
  let found = catalogs.get(store);
  if (!found) catalogs.set(store, (found = buildCatalog(store)));
  return found;
};

/** Timelines long enough to show the widest rule window plus some months before it. */
export function previewMonthsFor(rules: RuleSet): number {
  const windows = [...rules.positive.conditions, ...rules.negative.conditions].map((c) => c.windowMonths);
  const widest = Math.max(0, ...windows.filter((w) => Number.isInteger(w) && w > 0));
  return Math.min(36, Math.max(12, widest + 6));
}

function sideCategories(store: EventStore, rules: RuleSet, side: PreviewSide): number[] {
  const conditions =
    side === 'conflict'
      ? [...rules.positive.conditions, ...rules.negative.conditions]
      : rules[side].conditions;
  return resolveCategoryNames(
    store,
    conditions.flatMap((c) => c.categories),
  ).indices;
}

const SIDE_MATCH: Record<PreviewSide, number> = {
  positive: MATCH_POSITIVE,
  negative: MATCH_NEGATIVE,
  conflict: MATCH_POSITIVE | MATCH_NEGATIVE,
};

function countMatched(matches: Uint8Array, want: number): number {
  let total = 0;
  for (let u = 0; u < matches.length; u++) if (matches[u] === want) total++;
  return total;
}

function previewSide(
  store: EventStore,
  result: LabelResult,
  rules: RuleSet,
  side: PreviewSide,
  request: EvaluateRulesRequest['preview'] & { months: number },
): PreviewGroup {
  const highlight = sideCategories(store, rules, side);
  const inRules = new Set(highlight.map((c) => store.categoryIds[c]));
  const total = countMatched(result.matches, SIDE_MATCH[side]);
  const users = sampleMatchedUsers(store, result, side, request.size, request.seed).map((u) => ({
    userId: store.userIds[u],
    months: userTimeline(store, u, result.asOfDay, request.months, highlight).map((m) => ({
      month: m.month,
      purchases: m.purchases,
      clicks: m.clicks,
      highlighted: m.highlighted,
    })),
    top: userTopCategories(store, u, result.asOfDay, request.months, 4).map((t) => ({
      ...t,
      inRules: inRules.has(t.categoryId),
    })),
  }));
  return { total, users };
}

function describeFeatures(store: EventStore, request: EvaluateRulesRequest): string {
  try {
    return describeSpec(buildFeatureSpec(store, request.features));
  } catch (error) {
    return describeError(error);
  }
}

/** In chunks of users: the page cancels the evaluation of rules it no longer shows as soon as a newer edit comes. */
const evaluate: Handler<'rules/evaluate'> = async (request, ctx) => {
  const store = requireStore(ctx.state);
  const started = performance.now();
  const result = await evaluateRulesCancellable(store, request.rules, { signal: ctx.signal }).catch(
    (error: unknown) => {
      throw isAbortError(error) ? makeAbortError('Rule evaluation cancelled') : error;
    },
  );
  return describeEvaluation(store, request, result, started);
};

export function evaluateOver(store: EventStore, request: EvaluateRulesRequest): RulesEvaluation {
  const started = performance.now();
  return describeEvaluation(store, request, evaluateRules(store, request.rules), started);
}

function describeEvaluation(
  store: EventStore,
  request: EvaluateRulesRequest,
  result: LabelResult,
  started: number,
): RulesEvaluation {
  const { rules } = request;
  const training = sampleLabelledUsers(result, request.sampling).counts;
  const months = previewMonthsFor(rules);
  const previewRequest = { ...request.preview, months };
  const preview = {
    positive: previewSide(store, result, rules, 'positive', previewRequest),
    negative: previewSide(store, result, rules, 'negative', previewRequest),
    conflict: previewSide(store, result, rules, 'conflict', previewRequest),
  };
  return {
    counts: result.counts,
    asOf: result.asOf,
    issues: result.issues,
    training,
    featureSummary: describeFeatures(store, request),
    preview,
    previewMonths: months,
    elapsedMs: Math.round(performance.now() - started),
  };
}

export const rulesHandlers = {
  'rules/catalog': catalog,
  'rules/evaluate': evaluate,
};
