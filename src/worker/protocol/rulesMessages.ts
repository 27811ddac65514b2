// Rules requests: the dataset's categories for the rule editor's picker, and one evaluation of the rules over the
// whole dataset (counts, issues, the training-set size after sampling, a preview of matched users).

import type { FeatureSpecOptions } from '../../core/features';
import type { LabelCounts, RuleIssue, RuleSet, SampleOptions, UserCategoryActivity } from '../../core/labels';

/** One category as the picker lists it, with its event counts over the whole dataset. */
export interface CategoryOption {
  id: string;
  name: string;
  events: number;
  purchases: number;
  clicks: number;
}

/** A branch of the dotted category hierarchy ("kids.toys"), for the picker's tree. */
export interface CategoryBranch {
  /** the last part of the name ("toys") */
  label: string;
  /** the full dotted name ("kids.toys") */
  path: string;
  /** the rule entry that selects the branch and everything under it ("kids.toys.*") */
  entry: string;
  /** ids of the categories named exactly `path` */
  ids: string[];
  /** events in the branch and below */
  events: number;
  /** categories in the branch and below */
  categoryCount: number;
  children: CategoryBranch[];
}

export interface RulesCatalog {
  /** every category, busiest first */
  categories: CategoryOption[];
  /** the hierarchy read from dotted names, busiest first; every root is a leaf when no name has a dot */
  tree: CategoryBranch[];
  /** ISO date: the UTC day after the latest event (the default as-of date) */
  defaultAsOf: string;
  /** ISO date of the latest event */
  latestEvent: string;
}

export type PreviewSide = 'positive' | 'negative' | 'conflict';

export interface PreviewMonth {
  /** YYYY-MM */
  month: string;
  purchases: number;
  clicks: number;
  /** events in the categories of the rules shown (both actions) */
  highlighted: number;
}

export interface PreviewUser {
  userId: string;
  months: PreviewMonth[];
  /** most active categories; `inRules` marks the categories the shown rules name */
  top: (UserCategoryActivity & { inRules: boolean })[];
}

export interface PreviewGroup {
  /** how many users are on this side in total (the sample is drawn from them) */
  total: number;
  users: PreviewUser[];
}

export interface EvaluateRulesRequest {
  rules: RuleSet;
  sampling: SampleOptions;
  /** feature options to describe (the leakage guard resolved against these rules) */
  features: FeatureSpecOptions;
  preview: { size: number; seed: number };
}

export interface RulesEvaluation {
  counts: LabelCounts;
  /** the as-of date used (ISO) */
  asOf: string;
  issues: RuleIssue[];
  /** labelled users kept for training after balancing and the cap */
  training: { positive: number; negative: number };
  /** one line describing the model inputs these settings give (describeSpec), or the reason they are invalid */
  featureSummary: string;
  preview: Record<PreviewSide, PreviewGroup>;
  /** months of the preview timelines (oldest first) and the earliest rule window start among them */
  previewMonths: number;
  /** milliseconds the evaluation took in the worker */
  elapsedMs: number;
}

export interface RulesRequests {
  'rules/catalog': { params: Record<string, never>; result: RulesCatalog };
  'rules/evaluate': { params: EvaluateRulesRequest; result: RulesEvaluation };
}

// No rules events yet: evaluations are quick and answer with their result.
export type RulesEvents = Record<never, never>;
