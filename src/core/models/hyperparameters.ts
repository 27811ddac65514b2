// The hyperparameters in one place: defaults per model kind, the limits each value must keep, and the label, help
// text and command-line flag that name it. The CLI, the store and the Train screen all read this table.

import type { Hyperparameters, ModelKind } from './types';

/** projection width used when a record has none */
export const DEFAULT_PROJECTION = 64;

const COMMON: Hyperparameters = {
  hidden: 32,
  fcUnits: 32,
  projection: DEFAULT_PROJECTION,
  dropout: 0.2,
  l2: 1e-4,
  learningRate: 0.005,
  batchSize: 64,
  epochs: 8,
  validationFraction: 0.2,
  patience: 3,
  seed: 42,
};

export const DEFAULT_HYPERPARAMETERS: Record<ModelKind, Hyperparameters> = {
  shallow: { ...COMMON, hidden: 32, learningRate: 0.01 },
  lstm: { ...COMMON, hidden: 32 },
  dual: { ...COMMON, hidden: 32, fcUnits: 32 },
};

export interface HyperparameterSpec {
  label: string;
  /** one sentence on what it does, shown as the field's hint */
  help: string;
  /** the CLI flag, without the leading dashes */
  flag: string;
  least: number;
  most: number;
  whole: boolean;
}

export type HyperparameterName = keyof Hyperparameters;

/** What each hyperparameter is and may be; inputs, saved settings and CLI flags are checked against it. */
export const HYPERPARAMETERS: Record<HyperparameterName, HyperparameterSpec> = {
  hidden: {
    label: 'Hidden units',
    help: 'Units of the LSTM(s), or of the shallow model’s hidden layer',
    flag: 'hidden',
    least: 1,
    most: 512,
    whole: true,
  },
  fcUnits: {
    label: 'Dense units after the join',
    help: 'Units of the dense layer after the dual model joins its two LSTMs',
    flag: 'fc',
    least: 1,
    most: 512,
    whole: true,
  },
  projection: {
    label: 'Projection (0 = none)',
    help: 'A dense projection of the categories before each LSTM: much faster, same idea',
    flag: 'projection',
    least: 0,
    most: 512,
    whole: true,
  },
  dropout: {
    label: 'Dropout',
    help: 'Share of units dropped while training',
    flag: 'dropout',
    least: 0,
    most: 0.95,
    whole: false,
  },
  l2: {
    label: 'L2 on kernels',
    help: 'L2 factor on every weight layer’s kernels',
    flag: 'l2',
    least: 0,
    most: 1,
    whole: false,
  },
  learningRate: {
    label: 'Learning rate',
    help: 'Adam’s step size',
    flag: 'lr',
    least: 1e-6,
    most: 1,
    whole: false,
  },
  batchSize: {
    label: 'Batch size',
    help: 'Users per training step',
    flag: 'batch',
    least: 1,
    most: 4096,
    whole: true,
  },
  epochs: {
    label: 'Epochs',
    help: 'Passes over the training users',
    flag: 'epochs',
    least: 1,
    most: 1000,
    whole: true,
  },
  validationFraction: {
    label: 'Validation fraction',
    help: 'Share of the labelled users held out to validate',
    flag: 'validation',
    least: 0.05,
    most: 0.5,
    whole: false,
  },
  patience: {
    label: 'Early-stop patience',
    help: 'Epochs without a lower validation loss before stopping (0 = never); the best weights are restored',
    flag: 'patience',
    least: 0,
    most: 1000,
    whole: true,
  },
  seed: {
    label: 'Seed',
    help: 'Seeds the weights, the split and the batches',
    flag: 'seed',
    least: 0,
    most: 2 ** 31 - 1,
    whole: true,
  },
};

export const HYPERPARAMETER_NAMES = Object.keys(HYPERPARAMETERS) as HyperparameterName[];

export function isInRange(name: HyperparameterName, value: unknown): value is number {
  const r = HYPERPARAMETERS[name];
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= r.least &&
    value <= r.most &&
    (!r.whole || Number.isInteger(value))
  );
}

/** What a value of this hyperparameter must be, in words ("a whole number from 1 to 512"). */
export function describeRange(name: HyperparameterName): string {
  const r = HYPERPARAMETERS[name];
  return `${r.whole ? 'a whole number' : 'a number'} from ${r.least} to ${r.most}`;
}

/** One message per value out of its range (of those named; by default all); empty when every value is usable. */
export function findHyperparameterProblems(
  hp: Hyperparameters,
  names: readonly HyperparameterName[] = HYPERPARAMETER_NAMES,
): string[] {
  return names
    .filter((name) => hp[name] !== undefined && !isInRange(name, hp[name]))
    .map((name) => `${name} must be ${describeRange(name)}, got ${hp[name]}.`);
}

/** The projection width a model is built with (missing = the default, 0 = none). */
export function resolveProjection(hp: Hyperparameters): number {
  return hp.projection ?? DEFAULT_PROJECTION;
}
