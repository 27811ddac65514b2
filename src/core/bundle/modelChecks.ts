// Checks on a model.json from outside before TF.js sees it: only the layer classes Tag Lab builds are accepted, and
// every weight entry must have a plain shape. TF.js would otherwise fail deep inside with a message about internals.

import type * as tf from '@tensorflow/tfjs';
import type { FeatureSpec } from '../features/types';
import { INPUT_NAMES } from '../models';
import { BundleError } from './errors';

/** Every class the builders in core/models produce (tf.model is "Model"; Keras writes "Functional"). */
export const KNOWN_LAYER_CLASSES: readonly string[] = [
  'Model',
  'Functional',
  'Sequential',
  'InputLayer',
  'Dense',
  'Dropout',
  'LSTM',
  'TimeDistributed',
  'Concatenate',
];
const MODEL_CLASSES = new Set(['Model', 'Functional', 'Sequential']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function refuseClass(className: unknown): never {
  throw new BundleError(
    `model.json uses the layer class ${JSON.stringify(className)}, which Tag Lab does not build; refused, nothing loaded. ` +
      `Accepted: ${KNOWN_LAYER_CLASSES.join(', ')}.`,
  );
}

/** A layer's entry: its class, and for wrappers and nested models the layers inside. */
function checkLayer(layer: unknown, depth: number): void {
  if (!isObject(layer)) throw new BundleError('model.json lists a layer that is not a JSON object.');
  const className = layer.class_name;
  if (typeof className !== 'string' || !KNOWN_LAYER_CLASSES.includes(className)) refuseClass(className);
  if (depth > 8) throw new BundleError('model.json nests layers more than 8 deep; Tag Lab models nest 2.');
  const config = layer.config;
  if (MODEL_CLASSES.has(className)) {
    const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
    if (!Array.isArray(layers))
      throw new BundleError('model.json describes a model without a list of layers.');
    for (const inner of layers) checkLayer(inner, depth + 1);
  } else if (isObject(config) && config.layer !== undefined) {
    checkLayer(config.layer, depth + 1);
  }
}

/** Throws a BundleError when the topology names a layer class outside KNOWN_LAYER_CLASSES. */
export function checkLayerClasses(json: tf.io.ModelJSON): void {
  const topology = json.modelTopology as unknown;
  const root = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology;
  checkLayer(root, 0);
}

/** Throws when a weight entry has no name, a shape that is not a list of whole numbers, or a name used twice. */
export function checkWeightSpecs(json: tf.io.ModelJSON): void {
  const seen = new Set<string>();
  for (const group of json.weightsManifest) {
    if (!isObject(group) || !Array.isArray(group.weights) || !Array.isArray(group.paths)) {
      throw new BundleError('model.json has a weightsManifest group without "paths" and "weights" lists.');
    }
    for (const spec of group.weights as unknown[]) {
      const entry = spec as Partial<tf.io.WeightsManifestEntry>;
      const name = JSON.stringify(entry?.name);
      if (!isObject(spec) || typeof entry.name !== 'string')
        throw new BundleError('model.json lists a weight without a name.');
      const shape = entry.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        throw new BundleError(
          `model.json gives weight ${name} the shape ${JSON.stringify(shape)}: not a list of whole numbers.`,
        );
      }
      if (seen.has(entry.name)) throw new BundleError(`model.json lists weight ${name} twice.`);
      seen.add(entry.name);
    }
  }
}

/** The [steps, width] (or [width]) each named input of a Tag Lab model takes under a feature spec. */
function expectedInputShapes(spec: FeatureSpec): Record<string, number[]> {
  const width = spec.vocabulary.length + (spec.otherBucket ? 1 : 0);
  return {
    [INPUT_NAMES.yearly]: [width],
    [INPUT_NAMES.monthly]: [spec.months, width],
    [INPUT_NAMES.daily]: [spec.days, width],
  };
}

/**
 * Throws when tag-lab.json's feature spec would build inputs of another shape than model.json's input layers take:
 * the two files come from different runs, and scoring would fail (or read the wrong categories) later.
 */
export function checkInputsMatchSpec(json: tf.io.ModelJSON, spec: FeatureSpec): void {
  const topology = json.modelTopology as unknown;
  const root = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology;
  const layers = isObject(root) && isObject(root.config) ? root.config.layers : undefined;
  if (!Array.isArray(layers)) return;
  const expected = expectedInputShapes(spec);
  for (const layer of layers) {
    if (!isObject(layer) || layer.class_name !== 'InputLayer' || !isObject(layer.config)) continue;
    const name = String(layer.config.name ?? layer.name);
    const want = expected[name];
    const shape = layer.config.batch_input_shape ?? layer.config.batch_shape;
    if (!want || !Array.isArray(shape)) continue;
    const got = shape.slice(1);
    if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
      throw new BundleError(
        `model.json's input "${name}" takes [${got.join(', ')}] but tag-lab.json's feature spec builds ` +
          `[${want.join(', ')}] (months, days, vocabulary): the two files do not belong to the same run. Export the bundle again.`,
      );
    }
  }
}
