// Label-audit requests and events: the confident-learning audit of the rule labels and the Elkan–Noto estimate of the
// positives the rules miss, both from out-of-fold scores of k models trained in the worker (progress per fold).

import type { ElkanNotoEstimate, LabelAudit } from '../../core/evaluation';
import type { BackendName, Hyperparameters, ModelKind } from '../../core/models';
import type { TrainingSetup } from '../../core/runs';
import type { PreviewMonth } from './rulesMessages';

export interface AuditRequest {
  kind: ModelKind;
  /** the Train screen's settings for the kind (the seed seeds the folds too) */
  hyperparameters: Hyperparameters;
  backend: BackendName;
  /** the Rules screen's rules, sampling and features */
  setup: TrainingSetup;
  /** folds (2–10) */
  k: number;
  /** train the audit's models with the rule categories masked (the leakage guard); true unless the analyst says no */
  maskRuleCategories: boolean;
  /** the Train screen's Workers setting (absent: 1); above 1, folds train side by side on that many sub-workers */
  workers?: number;
}

export interface LabelAuditView {
  audit: LabelAudit & { maskedRuleCategories: boolean };
  /** monthly activity of the most suspicious flagged users (the first TIMELINE_USERS), by user id */
  timelines: Record<string, PreviewMonth[]>;
  /** ISO date the timelines end at (the rules' as-of date) */
  asOf: string;
  k: number;
  kind: ModelKind;
  durationMs: number;
  /** why the folds trained on fewer workers than asked (dataset copies would not fit the tab); null otherwise */
  workersNotice: string | null;
}

export interface ElkanNotoView extends ElkanNotoEstimate {
  k: number;
  kind: ModelKind;
  durationMs: number;
  /** why the folds trained on fewer workers than asked (dataset copies would not fit the tab); null otherwise */
  workersNotice: string | null;
}

export interface AuditRequests {
  /** k-fold out-of-fold scores of every rule-labelled user, then the confident-learning audit; cancellable */
  'audit/labels': { params: AuditRequest; result: LabelAuditView };
  /** rule-positive vs everyone else out of fold, then Elkan & Noto's c and the positives among the unlabelled */
  'audit/elkanNoto': { params: AuditRequest; result: ElkanNotoView };
}

export interface AuditProgress {
  job: 'labels' | 'elkanNoto';
  /** folds started so far (1-based) of `of` */
  fold: number;
  of: number;
}

export interface AuditEvents {
  'audit/progress': AuditProgress;
}
