// The Train screen's settings: the model kind, hyperparameters per kind (training settings shared by all kinds),
// the backend; validated when read back from this browser (store/savedSettings). Pure: no store, no DOM.

import { checkTrainWorkers, defaultTrainWorkers } from '../core/training';
import { detectedCores } from './detectedCores';
import {
  DEFAULT_HYPERPARAMETERS,
  HYPERPARAMETER_NAMES,
  isInRange,
  MODEL_KINDS,
  type BackendName,
  type Hyperparameters,
  type ModelKind,
} from '../core/models';

export interface TrainSettings {
  kind: ModelKind;
  byKind: Record<ModelKind, Hyperparameters>;
  backend: BackendName;
  /** data-parallel workers of a run (the lab worker and workers − 1 sub-workers) */
  workers: number;
}

export const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Settings of the training loop rather than the model: one value for every kind ("Train all three" shares them). */
export const SHARED_KEYS = ['epochs', 'batchSize', 'validationFraction', 'patience', 'seed'] as const;

/** `cores`: what the machine reports; the default workers are cores − 1, at most 8. */
export function defaultTrainSettings(cores = detectedCores()): TrainSettings {
  return {
    kind: 'shallow',
    byKind: { ...DEFAULT_HYPERPARAMETERS },
    backend: 'webgl',
    workers: defaultTrainWorkers(cores),
  };
}

/** Applies a change to the chosen kind; shared training settings change for every kind. */
export function changeHyperparameters(
  settings: TrainSettings,
  change: Partial<Hyperparameters>,
): TrainSettings {
  const shared: Partial<Hyperparameters> = {};
  for (const key of SHARED_KEYS) if (key in change) Object.assign(shared, { [key]: change[key] });
  const byKind = { ...settings.byKind };
  for (const kind of MODEL_KINDS) {
    byKind[kind] = { ...byKind[kind], ...shared, ...(kind === settings.kind ? change : {}) };
  }
  return { ...settings, byKind };
}

function readHyperparameters(value: unknown, fallback: Hyperparameters): Hyperparameters {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const out = { ...fallback };
  for (const key of HYPERPARAMETER_NAMES) {
    if (isInRange(key, v[key])) Object.assign(out, { [key]: v[key] });
  }
  return out;
}

/** Reads saved settings; anything unusable falls back to the defaults, value by value. */
export function readTrainSettings(value: unknown, cores = detectedCores()): TrainSettings {
  const defaults = defaultTrainSettings(cores);
  if (typeof value !== 'object' || value === null) return defaults;
  const root = value as Record<string, unknown>;
  const saved = (typeof root.byKind === 'object' && root.byKind !== null ? root.byKind : {}) as Record<
    string,
    unknown
  >;
  const byKind = { ...defaults.byKind };
  for (const kind of MODEL_KINDS) byKind[kind] = readHyperparameters(saved[kind], defaults.byKind[kind]);
  return {
    kind: MODEL_KINDS.includes(root.kind as ModelKind) ? (root.kind as ModelKind) : defaults.kind,
    byKind,
    backend: BACKENDS.includes(root.backend as BackendName)
      ? (root.backend as BackendName)
      : defaults.backend,
    workers:
      typeof root.workers === 'number' && checkTrainWorkers(root.workers) === null
        ? root.workers
        : defaults.workers,
  };
}

/** L2 on a log slider: position 0 is "off", then quarter decades from 1e-6 to 1e-1. */
export const L2_SLIDER_MAX = 21;
const L2_LOWEST_EXPONENT = -6;

export function l2FromSlider(position: number): number {
  const p = Math.round(Math.min(L2_SLIDER_MAX, Math.max(0, position)));
  if (p === 0) return 0;
  return Number((10 ** (L2_LOWEST_EXPONENT + (p - 1) / 4)).toPrecision(2));
}

export function sliderFromL2(l2: number): number {
  if (!(l2 > 0)) return 0;
  const p = Math.round((Math.log10(l2) - L2_LOWEST_EXPONENT) * 4) + 1;
  return Math.min(L2_SLIDER_MAX, Math.max(1, p));
}

export function formatL2(l2: number): string {
  if (l2 === 0) return 'off';
  const [mantissa, exponent] = l2.toExponential(1).split('e');
  return `${mantissa.replace(/\.0$/, '')}e${exponent}`;
}

/** The hyperparameters worth seeing in a runs list, in one short line. */
export function describeKeyHyperparameters(kind: ModelKind, hp: Hyperparameters): string {
  const parts = [`hidden ${hp.hidden}`];
  if (kind === 'dual') parts.push(`fc ${hp.fcUnits}`);
  parts.push(
    `dropout ${hp.dropout}`,
    `L2 ${formatL2(hp.l2)}`,
    `lr ${hp.learningRate}`,
    `batch ${hp.batchSize}`,
  );
  parts.push(`${hp.epochs} epochs`);
  return parts.join(' · ');
}
