// The label audit and the Elkan–Noto estimate end to end, the same for the worker and the CLI: out-of-fold scores
// from a model that does not see the rule categories (the leakage guard, on unless asked otherwise: a model that
// sees them reproduces the rules and contradicts no label), then the pure statistics of src/core/evaluation.

import type { EventStore, TruthTable } from '../events/types';
import { auditLabels, estimateLabelFrequency, type ElkanNotoEstimate, type LabelAudit } from '../evaluation';
import { LABEL } from '../labels';
import { ruleConditionsPerUser } from '../labels/provenance';
import type { Hyperparameters, ModelKind } from '../models/types';
import type { FeatureSpec } from '../features/types';
import { crossValidateScores, type FoldJob } from '../training/crossValidate';
import { prepareTrainingData, type PreparedData, type TrainingSetup } from './setup';

export interface AuditOptions {
  store: EventStore;
  setup: TrainingSetup;
  kind: ModelKind;
  hyperparameters: Hyperparameters;
  /** folds (default 5) */
  k?: number;
  /** train the audit's model with the rule categories masked (default true) */
  maskRuleCategories?: boolean;
  /** before each fold trains (awaited: throw to stop) */
  onFold?: (fold: number, of: number) => unknown;
  /** trains a fold on a job worker, which builds its batches from the store and this spec; absent: here */
  scoreFold?: (job: FoldJob, spec: FeatureSpec) => Promise<Float32Array>;
}

function prepareAll(o: AuditOptions): PreparedData {
  const mask = o.maskRuleCategories ?? true;
  const setup = { ...o.setup, features: { ...o.setup.features, maskRuleCategories: mask } };
  return prepareTrainingData(o.store, setup, { validationFraction: 0, seed: o.hyperparameters.seed });
}

function foldOptions(o: AuditOptions, prepared: PreparedData) {
  return {
    kind: o.kind,
    hyperparameters: o.hyperparameters,
    buildBatch: (users: Int32Array, labels: Float32Array) => prepared.builder.build(users, labels),
    width: prepared.builder.width,
    months: prepared.spec.months,
    days: prepared.spec.days,
    k: o.k,
    onFold: o.onFold,
    scoreFold: o.scoreFold && ((job: FoldJob) => o.scoreFold!(job, prepared.spec)),
  };
}

/** Confident-learning audit of the rule labels of every labelled user (down-sampling settings apply). */
export async function runLabelAudit(
  o: AuditOptions,
): Promise<LabelAudit & { maskedRuleCategories: boolean }> {
  const prepared = prepareAll(o);
  const { users, labels } = prepared.train;
  const { scores } = await crossValidateScores({ ...foldOptions(o, prepared), users: prepared.train });
  const perUser = ruleConditionsPerUser(o.store, o.setup.rules, prepared.labels);
  const audit = auditLabels({
    labels,
    scores,
    userIds: Array.from(users, (u) => o.store.userIds[u]),
    conditions: Array.from(users, (u) => perUser[u]),
  });
  return { ...audit, maskedRuleCategories: o.maskRuleCategories ?? true };
}

/**
 * Elkan & Noto over every user: a model learns rule-positive (s = 1) against everyone else (s = 0), out of fold;
 * c is estimated from the rule positives' scores, and positives among the rule-unlabelled users from theirs.
 */
export async function runElkanNoto(
  o: AuditOptions & { truth?: TruthTable | null },
): Promise<ElkanNotoEstimate> {
  const prepared = prepareAll(o);
  const codes = prepared.labels.labels;
  const everyone = {
    users: Int32Array.from({ length: codes.length }, (_, u) => u),
    labels: Float32Array.from(codes, (c) => (c === LABEL.positive ? 1 : 0)),
  };
  const { scores } = await crossValidateScores({ ...foldOptions(o, prepared), users: everyone });
  return estimateLabelFrequency({
    scores,
    labelled: everyone.labels,
    pool: Uint8Array.from(codes, (c) => (c === LABEL.unlabelled ? 1 : 0)),
    truth: o.truth ? truthPerUser(o.store.userIds, o.truth) : undefined,
  });
}

function truthPerUser(userIds: readonly string[], truth: TruthTable): Float64Array {
  const byId = new Map<string, number>();
  truth.userIds.forEach((id, row) => byId.set(id, truth.labels[row] ? 1 : 0));
  return Float64Array.from(userIds, (id) => byId.get(id) ?? NaN);
}
