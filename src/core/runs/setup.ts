// What an analyst sets up before training (rules, sampling, feature options) and how it becomes training data:
// labels → sampled labelled users → stratified split → feature spec → batch builder. Shared by the worker and the CLI.

import type { EventStore } from '../events/types';
import { buildFeatureSpec, createBatchBuilder, FEATURE_DEFAULTS, type BatchBuilder } from '../features';
import type { FeatureSpec, Transform } from '../features/types';
import {
  evaluateRules,
  ruleCategoryIds,
  sampleLabelledUsers,
  splitTrainValidation,
  type LabelledUsers,
} from '../labels';
import type { LabelResult, RuleSet } from '../labels/types';
import { computeBalancedClassWeights, type ClassWeights } from '../training/classWeights';

export interface SamplingOptions {
  /** down-sample the majority class to the minority's size (off: keep every labelled user, weight the classes) */
  balance: boolean;
  /** when not down-sampling, weight the classes in the loss (default true) */
  classWeights?: boolean;
  /** cap on labelled users used (train + validation); 0 = all */
  maxSamples: number;
  seed: number;
}

export interface FeatureOptions {
  topK: number;
  months: number;
  days: number;
  transform: Transform;
  /** remove the rule categories from every input (the "memorise more than learn" guard) */
  maskRuleCategories: boolean;
}

export interface TrainingSetup {
  rules: RuleSet;
  sampling: SamplingOptions;
  features: FeatureOptions;
}

/** Every labelled user, the classes balanced by loss weights; the page and the CLI both start from this. */
export const DEFAULT_SAMPLING: SamplingOptions = { balance: false, maxSamples: 0, seed: 42 };
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { ...FEATURE_DEFAULTS, maskRuleCategories: false };

export interface PreparedData {
  labels: LabelResult;
  spec: FeatureSpec;
  builder: BatchBuilder;
  /** category ids named in the rules (erased by the doctored-data test, masked by the leakage guard) */
  ruleCategories: string[];
  train: LabelledUsers;
  validation: LabelledUsers;
  /** loss weights of the training classes; null when down-sampled or turned off */
  classWeights: ClassWeights | null;
}

/** Labels the users and builds the split and the batch builder; throws a message that says what to fix. */
export function prepareTrainingData(
  store: EventStore,
  setup: TrainingSetup,
  split: { validationFraction: number; seed: number },
): PreparedData {
  const labels = evaluateRules(store, setup.rules);
  const blocking = labels.issues.filter((i) => i.severity === 'error');
  if (blocking.length)
    throw new Error(`The rules cannot label a training set: ${blocking.map((i) => i.message).join(' ')}`);
  const sample = sampleLabelledUsers(labels, setup.sampling);
  if (sample.counts.positive < 2 || sample.counts.negative < 2)
    throw new Error(
      `Training needs at least 2 positive and 2 negative users; the rules and sampling give ${sample.counts.positive} positive and ${sample.counts.negative} negative.`,
    );
  const { train, validation } = splitTrainValidation(sample.users, sample.labels, split);
  const ruleCategories = ruleCategoryIds(store, setup.rules);
  const f = setup.features;
  const spec = buildFeatureSpec(store, {
    topK: f.topK,
    months: f.months,
    days: f.days,
    transform: f.transform,
    asOf: setup.rules.asOf ?? 'latest',
    maskedCategories: f.maskRuleCategories ? ruleCategories : [],
  });
  const weighted = !setup.sampling.balance && setup.sampling.classWeights !== false;
  const classWeights = weighted ? computeBalancedClassWeights(train.labels) : null;
  return {
    labels,
    spec,
    builder: createBatchBuilder(store, spec),
    ruleCategories,
    train,
    validation,
    classWeights,
  };
}
