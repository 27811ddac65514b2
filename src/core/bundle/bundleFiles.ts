// Bundles as files: the zip the page downloads and reads back, and the same files as a folder (an unzipped bundle or
// a `train --out` folder, which holds exactly the same model.json, weights.bin, tag-lab.json and README.md).

import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import type { RunRecord } from '../runRecord/types';
import { BundleError } from './errors';
import {
  buildManifest,
  MANIFEST_FILE,
  parseManifest,
  serialiseManifest,
  validateManifest,
  type BundleManifest,
} from './manifest';
import { checkWeightsSize, MODEL_JSON, parseModelJson, WEIGHTS_BIN } from './modelArtifacts';
import { checkInputsMatchSpec } from './modelChecks';
import { buildBundleReadme } from './readme';
import { unzipSafely } from './safeUnzip';
import type { BundleValidation } from './validationUsers';
import { describeError } from '../errors';

export const README_FILE = 'README.md';
/** An older name for the manifest in a training output folder: a bare RunRecord, accepted on import. */
export const RUN_FILE = 'run.json';

export interface Bundle {
  manifest: BundleManifest;
  modelJson: string;
  weights: Uint8Array;
}

export interface BundleInput {
  run: RunRecord;
  modelJson: string;
  weights: Uint8Array;
  /** fixed timestamp for reproducible output; default now */
  createdAt?: string;
  /** the run's validation users by id, so the restored run compares like any other; omitted when unknown */
  validation?: BundleValidation;
}

/** The four files of a bundle, by name: write them to a folder (CLI `train --out`) or zip them. */
export function buildBundleFiles(input: BundleInput): Map<string, Uint8Array> {
  const manifest = buildManifest(input.run, { createdAt: input.createdAt, validation: input.validation });
  return new Map([
    [MODEL_JSON, strToU8(input.modelJson)],
    [WEIGHTS_BIN, input.weights],
    [MANIFEST_FILE, strToU8(serialiseManifest(manifest))],
    [README_FILE, strToU8(buildBundleReadme(manifest, input.modelJson))],
  ]);
}

// A fixed date keeps the zip bytes reproducible for the same run (zip stores DOS times from 1980 on).
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

function zipFiles(files: Map<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, data] of files) {
    // Float weights barely compress; storing them keeps export of large models fast.
    entries[name] = [data, { level: name === WEIGHTS_BIN ? 0 : 6, mtime: ZIP_MTIME }];
  }
  return zipSync(entries);
}

export function buildBundleZip(input: BundleInput): Uint8Array {
  return zipFiles(buildBundleFiles(input));
}

/** Only the TF.js model files, for people who want the model without Tag Lab's metadata. */
export function buildModelFilesZip(modelJson: string, weights: Uint8Array): Uint8Array {
  return zipFiles(
    new Map([
      [MODEL_JSON, strToU8(modelJson)],
      [WEIGHTS_BIN, weights],
    ]),
  );
}

const ZIP_MAGIC = [0x50, 0x4b];

function unzipOrExplain(bytes: Uint8Array): Record<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== ZIP_MAGIC[0] || bytes[1] !== ZIP_MAGIC[1]) {
    throw new BundleError('This file is not a zip archive. Drop the bundle .zip that Tag Lab exported.');
  }
  return unzipSafely(bytes);
}

/** Files at the top of the archive, or inside its single top folder (a zipped bundle folder). */
function stripSingleFolder(entries: Record<string, Uint8Array>): Map<string, Uint8Array> {
  const names = Object.keys(entries).filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  const prefix = tops.size === 1 ? [...tops][0] : '';
  return new Map(names.map((n) => [n.slice(prefix.length), entries[n]]));
}

export function readBundleZip(bytes: Uint8Array): Bundle {
  return readBundleFiles(stripSingleFolder(unzipOrExplain(bytes)));
}

function requireFile(files: Map<string, Uint8Array>, name: string, what: string): Uint8Array {
  const data = files.get(name);
  if (!data) {
    const present = [...files.keys()].slice(0, 8).join(', ') || 'nothing';
    throw new BundleError(`The bundle has no ${name} (${what}); found: ${present}.`);
  }
  return data;
}

/** A bare RunRecord (run.json) stands in for tag-lab.json when a folder has no manifest. */
function manifestFromRunJson(bytes: Uint8Array): BundleManifest {
  let run: Partial<RunRecord>;
  try {
    run = JSON.parse(strFromU8(bytes)) as Partial<RunRecord>;
  } catch (e) {
    throw new BundleError(`${RUN_FILE} is not valid JSON (${describeError(e)}).`);
  }
  if (typeof run !== 'object' || run === null)
    throw new BundleError(`${RUN_FILE} does not hold a run record.`);
  return validateManifest(buildManifest({ ...run, batches: run.batches ?? [] } as RunRecord));
}

function readManifest(files: Map<string, Uint8Array>): BundleManifest {
  const run = files.get(RUN_FILE);
  if (!files.has(MANIFEST_FILE) && run) return manifestFromRunJson(run);
  return parseManifest(
    strFromU8(requireFile(files, MANIFEST_FILE, 'the run, its feature spec and its rules')),
  );
}

/** Joins the weight shards model.json lists (one, weights.bin, for everything Tag Lab writes). */
function collectWeights(files: Map<string, Uint8Array>, modelJson: string): Uint8Array {
  const paths = parseModelJson(modelJson).weightsManifest.flatMap((g) => g.paths);
  const shards = paths.map((p) =>
    requireFile(files, p.split('/').pop() ?? p, 'a weights shard named in model.json'),
  );
  if (shards.length === 1) return shards[0];
  const out = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let offset = 0;
  for (const s of shards) {
    out.set(s, offset);
    offset += s.length;
  }
  return out;
}

/** Reads a bundle from its files by name (an unzipped bundle or a `train --out` folder). */
export function readBundleFiles(files: Map<string, Uint8Array>): Bundle {
  const modelJson = strFromU8(requireFile(files, MODEL_JSON, 'the model topology'));
  const json = parseModelJson(modelJson);
  const weights = collectWeights(files, modelJson);
  checkWeightsSize(json, weights);
  const manifest = readManifest(files);
  checkInputsMatchSpec(json, manifest.featureSpec);
  return { manifest, modelJson, weights };
}
