// tag-lab.json: everything besides the weights that a bundle (or a `train --out` folder) needs to restore a run and
// score new data with it. Validated on import so a wrong file fails with a message, not deep inside scoring.

import { version_core as tfjsCoreVersion } from '@tensorflow/tfjs';
import type { FeatureSpec } from '../features/types';
import type { RuleSet } from '../labels/types';
import type { BackendName, Hyperparameters, ModelKind } from '../models/types';
import type { BinaryMetrics } from '../evaluation/types';
import type { RunRecord } from '../runRecord/types';
import { runWorkers } from '../runRecord/workers';
import type { BatchLog } from '../training/types';
import { reviveBinaryMetrics } from '../evaluation/metrics';
import { BundleError } from './errors';
import { checkBundleValidation, type BundleValidation } from './validationUsers';
import { describeError } from '../errors';

export const MANIFEST_FILE = 'tag-lab.json';
export const BUNDLE_FORMAT = 'tag-lab-bundle';
export const BUNDLE_VERSION = 1;
/** Longer per-batch traces are thinned evenly to this many entries: they only feed a smoothed chart line. */
export const MAX_BATCH_LOGS = 1000;
const MAX_SPEC_MONTHS = 1200;
const MAX_SPEC_DAYS = 36600;

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** ISO timestamp of the export */
  createdAt: string;
  /** the run record, its batch trace thinned to MAX_BATCH_LOGS */
  run: RunRecord;
  /** the fields below repeat the run's, so people and scripts find them without knowing RunRecord */
  modelKind: ModelKind;
  featureSpec: FeatureSpec;
  rules: RuleSet;
  hyperparameters: Hyperparameters;
  /** validation metrics at threshold 0.5 (undefined values are null in the file) */
  metrics: BinaryMetrics | null;
  backend: BackendName;
  /** data-parallel workers the run trained on; absent in bundles from before it was kept (read it as 1) */
  workers?: number;
  seed: number;
  dataFingerprint: string;
  tfjsVersion: string;
  /** the validation users by id, their labels and scores; absent in bundles from before they were kept */
  validation?: BundleValidation;
}

function thinBatchLogs(batches: BatchLog[]): BatchLog[] {
  if (batches.length <= MAX_BATCH_LOGS) return batches;
  const step = batches.length / MAX_BATCH_LOGS;
  return Array.from({ length: MAX_BATCH_LOGS }, (_, i) => batches[Math.floor(i * step)]);
}

export function buildManifest(
  run: RunRecord,
  options: { createdAt?: string; tfjsVersion?: string; validation?: BundleValidation } = {},
): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: options.createdAt ?? new Date().toISOString(),
    run: { ...run, batches: thinBatchLogs(run.batches) },
    modelKind: run.kind,
    featureSpec: run.featureSpec,
    rules: run.rules,
    hyperparameters: run.hyperparameters,
    metrics: run.validation,
    backend: run.backend,
    workers: runWorkers(run),
    seed: run.hyperparameters.seed,
    dataFingerprint: run.dataFingerprint,
    tfjsVersion: options.tfjsVersion ?? tfjsCoreVersion,
    ...(options.validation && { validation: options.validation }),
  };
}

export function serialiseManifest(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFeatureSpec(spec: unknown): void {
  const s = spec as Partial<FeatureSpec> | undefined;
  const fine =
    isObject(s) &&
    Array.isArray(s.vocabulary) &&
    s.vocabulary.every((c) => typeof c === 'string') &&
    Array.isArray(s.vocabularyNames) &&
    s.vocabularyNames.every((c) => typeof c === 'string') &&
    Number.isInteger(s.months) &&
    Number.isInteger(s.days) &&
    typeof s.transform === 'string';
  if (!fine) {
    throw new BundleError(
      'tag-lab.json has no usable featureSpec (vocabulary, months, days, transform): inputs for new data cannot be built.',
    );
  }
  // A century of steps is past any export; more would only make scoring allocate without end.
  const { months, days } = s as FeatureSpec;
  if (months < 1 || months > MAX_SPEC_MONTHS || days < 1 || days > MAX_SPEC_DAYS) {
    throw new BundleError(
      `tag-lab.json's featureSpec asks for ${months} months and ${days} days; ` +
        `accepted are 1–${MAX_SPEC_MONTHS} months and 1–${MAX_SPEC_DAYS} days.`,
    );
  }
}

/** Checks what import and scoring rely on; other fields are kept as they are. */
export function validateManifest(value: unknown): BundleManifest {
  if (!isObject(value)) throw new BundleError('tag-lab.json does not hold a JSON object.');
  if (value.format !== BUNDLE_FORMAT) {
    throw new BundleError(
      `tag-lab.json is not a Tag Lab bundle manifest (format is ${JSON.stringify(value.format)}, expected "${BUNDLE_FORMAT}").`,
    );
  }
  if (value.version !== BUNDLE_VERSION) {
    const newer = typeof value.version === 'number' && value.version > BUNDLE_VERSION;
    throw new BundleError(
      newer
        ? `This bundle was made by a newer Tag Lab (bundle version ${value.version}); this one reads version ${BUNDLE_VERSION}. Update Tag Lab.`
        : `tag-lab.json has bundle version ${JSON.stringify(value.version)}; this Tag Lab reads version ${BUNDLE_VERSION}.`,
    );
  }
  if (!isObject(value.run) || typeof value.run.id !== 'string')
    throw new BundleError('tag-lab.json holds no run record.');
  checkFeatureSpec(value.featureSpec);
  if (!isObject(value.rules) || !isObject(value.hyperparameters)) {
    throw new BundleError('tag-lab.json lacks the rules or the hyperparameters of the run.');
  }
  const run = value.run as unknown as RunRecord;
  if (value.validation !== undefined) checkBundleValidation(value.validation);
  return {
    ...(value as unknown as BundleManifest),
    metrics: value.metrics ? reviveBinaryMetrics(value.metrics) : null,
    run: { ...run, validation: run.validation ? reviveBinaryMetrics(run.validation) : null },
  };
}

export function parseManifest(text: string, fileName = MANIFEST_FILE): BundleManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new BundleError(`${fileName} is not valid JSON (${describeError(e)}).`);
  }
  return validateManifest(parsed);
}
