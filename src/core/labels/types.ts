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
