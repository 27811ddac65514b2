// Default hyperparameters per model kind: small enough to train in the browser, strong enough for the demo data.

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

/** The projection width a model is built with (missing = the default, 0 = none). */
export function resolveProjection(hp: Hyperparameters): number {
  return hp.projection ?? DEFAULT_PROJECTION;
}
