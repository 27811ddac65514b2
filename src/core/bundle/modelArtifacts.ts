// Model files in the TF.js layers format: model.json plus a single weights.bin shard, exactly as
// tf.loadLayersModel reads them (and tensorflowjs_converter converts them to Keras).

import * as tf from '@tensorflow/tfjs';
import { BundleError } from './errors';
import { describeError } from '../errors';
import { checkLayerClasses, checkWeightSpecs } from './modelChecks';
import { checkWeightShapes } from './weightShapes';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface ModelArtifactsFiles {
  /** model.json as TF.js writes it, its weightsManifest pointing at ['weights.bin'] */
  modelJson: string;
  weights: Uint8Array;
}

/** Bytes per value of each weight dtype (quantised weights use their quantisation dtype). */
const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
  complex64: 8,
};

function toModelJson(artifacts: tf.io.ModelArtifacts): string {
  const json: Record<string, unknown> = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig != null) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata != null) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return JSON.stringify(json);
}

/** Serialises a layers model to model.json + one weights.bin, without touching disk or the browser. */
export async function exportModelArtifacts(model: tf.LayersModel): Promise<ModelArtifactsFiles> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts) throw new Error('TF.js did not hand over the model artifacts while saving.');
  const data = artifacts.weightData;
  const weights = data ? new Uint8Array(tf.io.CompositeArrayBuffer.join(data)) : new Uint8Array(0);
  return { modelJson: toModelJson(artifacts), weights };
}

/** Parses model.json text, saying clearly when it is not a TF.js layers model file. */
export function parseModelJson(modelJson: string): tf.io.ModelJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(modelJson);
  } catch (e) {
    throw new BundleError(`model.json is not valid JSON (${describeError(e)}).`);
  }
  const json = parsed as Partial<tf.io.ModelJSON> | null;
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new BundleError(
      'model.json is not a TF.js layers model: it needs "modelTopology" and "weightsManifest". ' +
        'Export the model from Tag Lab or with tf.LayersModel.save.',
    );
  }
  checkWeightSpecs(json as tf.io.ModelJSON);
  checkLayerClasses(json as tf.io.ModelJSON);
  checkWeightShapes(json as tf.io.ModelJSON);
  return json as tf.io.ModelJSON;
}

/** Every weight entry of the manifest, in file order. */
export function listWeightSpecs(json: tf.io.ModelJSON): tf.io.WeightsManifestEntry[] {
  return json.weightsManifest.flatMap((group) => group.weights);
}

/** The byte length the weights manifest promises (all shards together). */
export function expectedWeightBytes(json: tf.io.ModelJSON): number {
  let total = 0;
  for (const spec of listWeightSpecs(json)) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const bytes = BYTES_PER_VALUE[dtype];
    if (bytes === undefined)
      throw new BundleError(`model.json holds weight "${spec.name}" of unsupported dtype ${dtype}.`);
    total += spec.shape.reduce((a, b) => a * b, 1) * bytes;
  }
  return total;
}

/** Throws when weights.bin is not exactly as long as model.json says. */
export function checkWeightsSize(json: tf.io.ModelJSON, weights: Uint8Array): void {
  const expected = expectedWeightBytes(json);
  if (weights.byteLength !== expected) {
    throw new BundleError(
      `weights.bin holds ${weights.byteLength} bytes but model.json describes ${expected}: ` +
        'the two files do not belong together (or one was cut short). Export the model again.',
    );
  }
}

/** Loads a layers model from model.json text and the weights bytes (all shards concatenated in manifest order). */
export async function loadModelFromArtifacts(
  modelJson: string,
  weights: Uint8Array,
): Promise<tf.LayersModel> {
  const json = parseModelJson(modelJson);
  checkWeightsSize(json, weights);
  // An exact copy: the view may sit inside a larger buffer (e.g. a zip), and TF.js reads whole ArrayBuffers.
  const buffer = weights.slice().buffer;
  const handler: tf.io.IOHandler = {
    load: () =>
      tf.io.getModelArtifactsForJSON(json, async (manifest) => [
        listWeightSpecs({ ...json, weightsManifest: manifest }),
        buffer,
      ]),
  };
  try {
    return await tf.loadLayersModel(handler);
  } catch (e) {
    // Past the checks above, what TF.js refuses is weights that do not fit the layers (shape or name mismatch).
    throw new BundleError(
      `The weights in model.json do not fit its layers (${describeError(e)}); nothing was loaded. Export the model again.`,
    );
  }
}
