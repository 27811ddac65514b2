// What \`train\` and \`sweep\` both read from their flags: the model kind and the hyperparameters, checked against the
// one hyperparameter table in the core (its limits, its flags).

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
import { UsageError, numberFlag, requireFlag, type ParsedArgs } from './args';

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
