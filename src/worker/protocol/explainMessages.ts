// Explain requests and events: why one user got their score (integrated gradients on category × period grids, cut
// to the categories that matter most) and which categories carry the scores of all tagged users.

import type {
  Completeness,
  ContributionKind,
  InputName,
  PeriodInfo,
  PopulationExplanation,
} from '../../core/explain';

/** One row of the heatmap: a category and its total contribution over every period and input. */
export interface ExplainedCategory {
  id: string;
  name: string;
  rule: boolean;
  masked: boolean;
  /** Σ contributions over every input and period (logits) */
  total: number;
}

/** One input's grid, cut to the shown categories: values[step * rows + row], rows in `categories` order. */
export interface ExplainedGrid {
  input: InputName;
  kind: ContributionKind;
  periods: PeriodInfo[];
  values: Float32Array;
  /** Σ of every contribution of this input, shown or not */
  total: number;
}

/** What the page gets of a user's explanation: the top categories only (a whole dual grid is ~1 MB). */
export interface UserExplanationView {
  runId: string;
  userId: string;
  score: number;
  logit: number;
  baselineLogit: number;
  steps: number;
  completeness: Completeness;
  /** the shown rows, largest total |contribution| first */
  categories: ExplainedCategory[];
  grids: ExplainedGrid[];
  /** categories with any contribution, shown or not */
  contributingCategories: number;
  /** Σ |total| of the shown rows over Σ |total| of every category */
  shownShare: number;
  /** Σ of the rule categories' totals (logits) */
  ruleTotal: number;
  durationMs: number;
}

export interface PopulationView extends PopulationExplanation {
  runId: string;
  /** users tagged at the threshold (the population is these, or an even sample of them past `maxUsers`) */
  tagged: number;
  threshold: number;
  durationMs: number;
}

export interface ExplainRequests {
  /** one user's explanation with the run's model on the loaded dataset */
  'explain/user': {
    params: { runId: string; userId: string; steps?: number; rows?: number };
    result: UserExplanationView;
  };
  /** mean |contribution| per category over the users the run's last scoring tags at `threshold`; cancellable */
  'explain/population': {
    params: { runId: string; threshold: number; steps?: number; maxUsers?: number };
    result: PopulationView;
  };
}

export interface ExplainEvents {
  /** users explained so far */
  'explain/progress': { runId: string; done: number; total: number };
}
