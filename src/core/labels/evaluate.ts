// Evaluates a rule set over the event store: one pass over the user-grouped arrays with a precomputed
// (action, category) → condition bit mask, so re-running on every edit stays fast for a million users. The worker
// runs it in chunks of users (evaluateRulesCancellable) so a newer edit can stop an older evaluation.

import { pauseBetweenChunks, throwIfAborted, type CancelHooks } from '../events/abort';
import { ACTION_CODE, type EventStore } from '../events/types';
import { dayFromIso, defaultAsOfDay, isoFromDay, subtractMonths } from '../time';
import { resolveCategoryNames } from './categories';
import { checkOutcome } from './outcome';
import {
  LABEL,
  MATCH_NEGATIVE,
  MATCH_POSITIVE,
  type ConflictPolicy,
  type LabelCounts,
  type LabelResult,
  type RuleCondition,
  type RuleIssue,
  type RuleSet,
  type RuleSide,
} from './types';

type SideName = 'positive' | 'negative';

/** The rules turned into flat arrays: condition k is bit k of the mask words. */
interface CompiledRules {
  asOfDay: number;
  conditionCount: number;
  words: number;
  /** [(actionCode * categories + category) * words + w] */
  mask: Uint32Array;
  startDay: Int32Array;
  min: Float64Array;
  /** false for conditions with invalid values: they never hold */
  valid: Uint8Array;
  /** earliest window start over all conditions: older events are skipped */
  earliestStart: number;
  sides: Record<SideName, { match: RuleSide['match']; conditions: number[] }>;
}

export function evaluateRules(store: EventStore, rules: RuleSet): LabelResult {
  const issues: RuleIssue[] = [];
  const asOfDay = resolveAsOfDay(store, rules.asOf, issues);
  const compiled = compileRules(store, rules, asOfDay, issues);
  const matches = new Uint8Array(store.userIds.length);
  matchUsers(store, compiled, matches, 0, matches.length);
  return finishResult(rules, compiled, matches, issues);
}

/** Users matched between two pauses: ~10 ms of the hot loop at the demo's ~250 events per user. */
export const RULE_USERS_PER_PAUSE = 65_536;

/**
 * evaluateRules in chunks of users with a pause between them, for the worker: a newer edit cancels the evaluation
 * running for an older one (an AbortError) instead of waiting for it, which matters around a million users.
 */
export async function evaluateRulesCancellable(
  store: EventStore,
  rules: RuleSet,
  hooks: CancelHooks & { usersPerPause?: number },
): Promise<LabelResult> {
  const message = 'The rule evaluation was cancelled.';
  throwIfAborted(hooks.signal, message);
  const issues: RuleIssue[] = [];
  const asOfDay = resolveAsOfDay(store, rules.asOf, issues);
  const compiled = compileRules(store, rules, asOfDay, issues);
  const matches = new Uint8Array(store.userIds.length);
  const per = hooks.usersPerPause ?? RULE_USERS_PER_PAUSE;
  for (let from = 0; from < matches.length; from += per) {
    matchUsers(store, compiled, matches, from, Math.min(matches.length, from + per));
    await pauseBetweenChunks(hooks, message);
  }
  return finishResult(rules, compiled, matches, issues);
}

function finishResult(
  rules: RuleSet,
  compiled: CompiledRules,
  matches: Uint8Array,
  issues: RuleIssue[],
): LabelResult {
  const { asOfDay } = compiled;
  const { labels, counts } = assignLabels(matches, rules.onConflict);
  issues.push(...checkOutcome(rules, counts, matches, isoFromDay(asOfDay)));
  return { labels, matches, counts, asOfDay, asOf: isoFromDay(asOfDay), issues };
}

function resolveAsOfDay(store: EventStore, asOf: string | undefined, issues: RuleIssue[]): number {
  const fallback = defaultAsOfDay(store.maxDay);
  if (asOf === undefined || asOf === '') return fallback;
  try {
    return dayFromIso(asOf);
  } catch {
    issues.push({
      severity: 'error',
      code: 'invalid-as-of',
      message: `The as-of date "${asOf}" is not a date (expected YYYY-MM-DD); using ${isoFromDay(fallback)}, the day after the latest event.`,
    });
    return fallback;
  }
}

function compileRules(
  store: EventStore,
  rules: RuleSet,
  asOfDay: number,
  issues: RuleIssue[],
): CompiledRules {
  const all: { side: SideName; index: number; condition: RuleCondition }[] = [];
  for (const side of ['positive', 'negative'] as const)
    rules[side].conditions.forEach((condition, index) => all.push({ side, index, condition }));
  const k = all.length;
  const words = Math.max(1, Math.ceil(k / 32));
  const categories = store.categoryIds.length;
  const compiled: CompiledRules = {
    asOfDay,
    conditionCount: k,
    words,
    mask: new Uint32Array(2 * categories * words),
    startDay: new Int32Array(k),
    min: new Float64Array(k),
    valid: new Uint8Array(k),
    earliestStart: asOfDay,
    sides: {
      positive: { match: rules.positive.match, conditions: [] },
      negative: { match: rules.negative.match, conditions: [] },
    },
  };
  all.forEach(({ side, index, condition }, bit) => {
    compiled.sides[side].conditions.push(bit);
    const actionCode = ACTION_CODE[condition.action];
    const ok = checkCondition(condition, side, index, issues);
    const resolved = resolveCategoryNames(store, condition.categories);
    for (const u of resolved.unknown) issues.push(unknownCategoryIssue(u, side, index));
    if (!ok || actionCode === undefined) return;
    compiled.valid[bit] = 1;
    compiled.min[bit] = condition.min;
    compiled.startDay[bit] = subtractMonths(asOfDay, condition.windowMonths);
    compiled.earliestStart = Math.min(compiled.earliestStart, compiled.startDay[bit]);
    for (const c of resolved.indices)
      compiled.mask[(actionCode * categories + c) * words + (bit >>> 5)] |= 1 << (bit & 31);
  });
  return compiled;
}

/** Flags invalid values; returns whether the condition can be evaluated. */
function checkCondition(c: RuleCondition, side: SideName, index: number, issues: RuleIssue[]): boolean {
  const where = `Condition ${index + 1} of the ${side} rules`;
  const at = { side, conditionIndex: index };
  let ok = true;
  if (ACTION_CODE[c.action] === undefined) {
    issues.push({
      severity: 'error',
      code: 'invalid-action',
      message: `${where} has action "${String(c.action)}"; use "purchase" or "click".`,
      ...at,
    });
    ok = false;
  }
  if (!Number.isInteger(c.windowMonths) || c.windowMonths < 1) {
    issues.push({
      severity: 'error',
      code: 'invalid-window',
      message: `${where} has a window of ${c.windowMonths} months; use a whole number of months, at least 1.`,
      ...at,
    });
    ok = false;
  }
  if (!Number.isFinite(c.min) || c.min < 0) {
    issues.push({
      severity: 'error',
      code: 'invalid-min',
      message: `${where} has a minimum of ${c.min}; use a number at least 0.`,
      ...at,
    });
    ok = false;
  } else if (c.min === 0) {
    issues.push({
      severity: 'warning',
      code: 'min-zero',
      message: `${where} has a minimum of 0, so it holds for every user.`,
      ...at,
    });
  }
  if (c.categories.length === 0) {
    issues.push({
      severity: 'error',
      code: 'no-categories',
      message: `${where} names no categories; pick at least one.`,
      ...at,
    });
  }
  return ok;
}

function unknownCategoryIssue(
  u: { name: string; suggestions: string[] },
  side: SideName,
  index: number,
): RuleIssue {
  const hint = u.suggestions.length
    ? ` Did you mean ${u.suggestions.map((s) => `"${s}"`).join(', ')}?`
    : ' No similar category exists.';
  return {
    severity: 'warning',
    code: 'unknown-category',
    message: `Category "${u.name}" (condition ${index + 1} of the ${side} rules) is not in the dataset.${hint}`,
    side,
    conditionIndex: index,
    category: u.name,
    suggestions: u.suggestions,
  };
}

/** The hot loop over users [from, to): per user, sums per condition in a reused scratch array, then the two sides. */
function matchUsers(store: EventStore, r: CompiledRules, out: Uint8Array, from: number, to: number): void {
  if (r.conditionCount === 0) return;
  const { userStart, category, day, action, count } = store;
  const { mask, words, startDay, asOfDay, earliestStart } = r;
  const categories = store.categoryIds.length;
  const sums = new Float64Array(r.conditionCount);
  const pos = r.sides.positive;
  const neg = r.sides.negative;
  for (let u = from; u < to; u++) {
    const end = userStart[u + 1];
    let touched = false;
    for (let i = userStart[u]; i < end; i++) {
      const d = day[i];
      if (d >= asOfDay) break; // days are sorted within a user
      if (d < earliestStart) continue;
      const base = (action[i] * categories + category[i]) * words;
      for (let w = 0; w < words; w++) {
        let m = mask[base + w];
        while (m !== 0) {
          const low = m & -m;
          const k = (w << 5) + 31 - Math.clz32(low);
          if (d >= startDay[k]) {
            sums[k] += count[i];
            touched = true;
          }
          m ^= low;
        }
      }
    }
    let code = 0;
    if (sideHolds(pos.match, pos.conditions, sums, r)) code |= MATCH_POSITIVE;
    if (sideHolds(neg.match, neg.conditions, sums, r)) code |= MATCH_NEGATIVE;
    out[u] = code;
    if (touched) sums.fill(0);
  }
}

function sideHolds(
  match: RuleSide['match'],
  conditions: number[],
  sums: Float64Array,
  r: CompiledRules,
): boolean {
  if (conditions.length === 0) return false;
  const all = match === 'all';
  for (let j = 0; j < conditions.length; j++) {
    const k = conditions[j];
    const holds = r.valid[k] === 1 && sums[k] >= r.min[k];
    if (holds && !all) return true;
    if (!holds && all) return false;
  }
  return all;
}

function assignLabels(
  matches: Uint8Array,
  policy: ConflictPolicy,
): { labels: Uint8Array; counts: LabelCounts } {
  const both = MATCH_POSITIVE | MATCH_NEGATIVE;
  const conflictLabel =
    policy === 'positive' ? LABEL.positive : policy === 'negative' ? LABEL.negative : LABEL.conflict;
  const byMatch = [LABEL.unlabelled, LABEL.positive, LABEL.negative, conflictLabel];
  const labels = new Uint8Array(matches.length);
  const tally = [0, 0, 0, 0];
  let bothSides = 0;
  for (let u = 0; u < matches.length; u++) {
    const m = matches[u] & both;
    if (m === both) bothSides++;
    const label = byMatch[m];
    labels[u] = label;
    tally[label]++;
  }
  const counts: LabelCounts = {
    positive: tally[LABEL.positive],
    negative: tally[LABEL.negative],
    conflict: tally[LABEL.conflict],
    unlabelled: tally[LABEL.unlabelled],
    users: matches.length,
    bothSides,
  };
  return { labels, counts };
}
