// What \`train\`, \`sweep\` and \`audit\` read from their flags: the model kind and the hyperparameters, checked against
// the one hyperparameter table in the core (its limits, its flags), and the setup (rules, sampling with its data
// seed, features).

import {
  DEFAULT_HYPERPARAMETERS,
  describeRange,
  HYPERPARAMETER_NAMES,
  HYPERPARAMETERS,
  isInRange,
  MODEL_KINDS,
  resolveProjection,
  type HyperparameterName,
  type Hyperparameters,
  type ModelKind,
} from '../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, type TrainingSetup } from '../core/runs';
import { UsageError, numberFlag, requireFlag, type ParsedArgs } from './args';
import { readRulesFile } from './label';

/** every hyperparameter's CLI flag (--hidden, --dropout, --l2, --lr, --epochs, --batch, --seed, …) */
export const HYPERPARAMETER_FLAGS = HYPERPARAMETER_NAMES.map((name) => HYPERPARAMETERS[name].flag);

export function readKind(args: ParsedArgs): ModelKind {
  const kind = requireFlag(args, 'model');
  if (!MODEL_KINDS.includes(kind as ModelKind))
    throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}, got "${kind}"`);
  return kind as ModelKind;
}

function resolveHyperparameter(hp: Hyperparameters, name: HyperparameterName): number {
  return name === 'projection' ? resolveProjection(hp) : hp[name];
}

export function readHyperparameters(args: ParsedArgs, kind: ModelKind): Hyperparameters {
  const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS[kind] };
  for (const name of HYPERPARAMETER_NAMES) {
    const { flag } = HYPERPARAMETERS[name];
    const value = numberFlag(args, flag, resolveHyperparameter(hp, name));
    if (!isInRange(name, value))
      throw new UsageError(`--${flag} must be ${describeRange(name)}, got ${value}`);
    hp[name] = value;
  }
  return hp;
}

/** the setup's flags: rules file, sampling (with the data seed that draws the split) and features */
export const SETUP_VALUE_FLAGS = ['rules', 'top-k', 'months', 'days', 'max-samples', 'data-seed'];
export const SETUP_SWITCHES = ['mask-rule-categories', 'balance', 'no-class-weights'];

/**
 * Rules, sampling and features from the flags. The sampling seed is --data-seed (not the model's --seed), so runs
 * that differ only in --seed label, sample and split the same users.
 */
export function readSetup(args: ParsedArgs): TrainingSetup {
  return {
    rules: readRulesFile(requireFlag(args, 'rules')),
    sampling: {
      ...DEFAULT_SAMPLING,
      balance: args.flags.has('balance'),
      classWeights: !args.flags.has('no-class-weights'),
      maxSamples: numberFlag(args, 'max-samples', 0),
      seed: numberFlag(args, 'data-seed', DEFAULT_SAMPLING.seed),
    },
    features: {
      ...DEFAULT_FEATURE_OPTIONS,
      topK: numberFlag(args, 'top-k', DEFAULT_FEATURE_OPTIONS.topK),
      months: numberFlag(args, 'months', DEFAULT_FEATURE_OPTIONS.months),
      days: numberFlag(args, 'days', DEFAULT_FEATURE_OPTIONS.days),
      transform: 'log1p',
      maskRuleCategories: args.flags.has('mask-rule-categories'),
    },
  };
}
