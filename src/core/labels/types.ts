// The rules JSON (DESIGN.md): what the rule editor edits, the CLI reads and bundles carry.

import type { Action } from '../events/types';

export interface RuleCondition {
  action: Action;
  /** category names or ids as in the files */
  categories: string[];
  /** calendar months back from the as-of date */
  windowMonths: number;
  /** inclusive minimum of the summed count */
  min: number;
}

export interface RuleSide {
  match: 'any' | 'all';
  conditions: RuleCondition[];
}

export type ConflictPolicy = 'drop' | 'positive' | 'negative';

export interface RuleSet {
  positive: RuleSide;
  negative: RuleSide;
  onConflict: ConflictPolicy;
  /** optional ISO date; default the UTC day after the latest event */
  asOf?: string;
}

/** Per-user outcome codes in LabelResult.labels. */
export const LABEL = { unlabelled: 0, positive: 1, negative: 2, conflict: 3 } as const;
export type LabelCode = (typeof LABEL)[keyof typeof LABEL];

/** A problem found in a rule set, worded for the analyst; `side` and `conditionIndex` point at the offending part. */
export interface RuleIssue {
  severity: 'error' | 'warning';
  /** stable machine code, e.g. 'unknown-category', 'no-positives', 'invalid-min' */
  code: string;
  message: string;
  side?: 'positive' | 'negative';
  conditionIndex?: number;
  /** the category name as written in the rules (for 'unknown-category') */
  category?: string;
  /** up to 3 closest category names in the dataset */
  suggestions?: string[];
}

export interface LabelCounts {
  /** users whose label is positive (conflicts included when onConflict is 'positive') */
  positive: number;
  negative: number;
  /** users left as LABEL.conflict (only when onConflict is 'drop') */
  conflict: number;
  unlabelled: number;
  /** all users in the store; positive + negative + conflict + unlabelled = users */
  users: number;
  /** users matching both sides, whatever the conflict policy did with them */
  bothSides: number;
}

export interface LabelResult {
  /** LABEL code per user index */
  labels: Uint8Array;
  /** per user: bit MATCH_POSITIVE when the positive side holds, bit MATCH_NEGATIVE when the negative side holds */
  matches: Uint8Array;
  counts: LabelCounts;
  asOfDay: number;
  /** ISO date of asOfDay */
  asOf: string;
  issues: RuleIssue[];
}

export const MATCH_POSITIVE = 1;
export const MATCH_NEGATIVE = 2;
