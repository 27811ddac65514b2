// Reads a rules JSON value (a file, an import in the editor, a bundle) into a RuleSet, or says exactly what is wrong:
// the path of the offending value and what was expected there.

import { ACTIONS, type Action } from '../events/types';
import { dayFromIso, isoFromDay } from '../time';
import type { ConflictPolicy, RuleCondition, RuleSet, RuleSide } from './types';

/** The preset of issue 3: the published "pregnant user" labelling rules. */
export const DEMO_RULES: RuleSet = {
  positive: {
    match: 'any',
    conditions: [
      { action: 'purchase', categories: ['maternity care', 'maternity wear'], windowMonths: 12, min: 5 },
    ],
  },
  negative: {
    match: 'any',
    conditions: [{ action: 'purchase', categories: ['high heels', 'cosmetics'], windowMonths: 12, min: 5 }],
  },
  onConflict: 'drop',
};

const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['drop', 'positive', 'negative'];

export function parseRuleSet(json: unknown): RuleSet {
  const root = expectObject(json, 'rules');
  const rules: RuleSet = {
    positive: parseSide(root.positive, 'rules.positive'),
    negative: parseSide(root.negative, 'rules.negative'),
    onConflict: parseOneOf(root.onConflict ?? 'drop', 'rules.onConflict', CONFLICT_POLICIES),
  };
  if (root.asOf !== undefined && root.asOf !== null) rules.asOf = parseIsoDate(root.asOf, 'rules.asOf');
  return rules;
}

function parseSide(value: unknown, path: string): RuleSide {
  const side = expectObject(value, path);
  const match = parseOneOf(side.match ?? 'any', `${path}.match`, ['any', 'all'] as const);
  if (!Array.isArray(side.conditions)) fail(`${path}.conditions`, 'an array of conditions', side.conditions);
  return { match, conditions: side.conditions.map((c, i) => parseCondition(c, `${path}.conditions[${i}]`)) };
}

function parseCondition(value: unknown, path: string): RuleCondition {
  const c = expectObject(value, path);
  const action = parseOneOf<Action>(c.action, `${path}.action`, ACTIONS);
  if (!Array.isArray(c.categories) || c.categories.some((n) => typeof n !== 'string'))
    fail(`${path}.categories`, 'an array of category names or ids (strings)', c.categories);
  const windowMonths = c.windowMonths;
  if (typeof windowMonths !== 'number' || !Number.isInteger(windowMonths) || windowMonths < 1)
    fail(`${path}.windowMonths`, 'a whole number of months, at least 1', windowMonths);
  const min = c.min;
  if (typeof min !== 'number' || !Number.isFinite(min) || min < 0)
    fail(`${path}.min`, 'a number at least 0', min);
  return { action, categories: [...(c.categories as string[])], windowMonths, min };
}

function parseOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    fail(path, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  return value as T;
}

function parseIsoDate(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    fail(path, 'a date as YYYY-MM-DD', value);
  // Date.parse rolls 30 February over to 1 March, so insist on a round trip.
  if (!isRealIsoDate(value)) fail(path, 'a real calendar date as YYYY-MM-DD', value);
  return value;
}

function isRealIsoDate(value: string): boolean {
  try {
    return isoFromDay(dayFromIso(value)) === value;
  } catch {
    return false;
  }
}

function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

function fail(path: string, expected: string, got: unknown): never {
  throw new Error(`Invalid rules: ${path} must be ${expected}, got ${describeValue(got)}.`);
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}
