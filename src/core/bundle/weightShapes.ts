// The weight shapes a Tag Lab topology implies, worked out from the layer configs alone, so weights that do not fit
// their layers are refused by name before TF.js builds anything (a failed TF.js load leaves its variables behind).

import type * as tf from '@tensorflow/tfjs';
import { BundleError } from './errors';

type Shape = (number | null)[];
type LayerJson = {
  class_name?: unknown;
  name?: unknown;
  config?: Record<string, unknown>;
  inbound_nodes?: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names of the layers feeding a layer (the first call of each inbound node list). */
function inboundNames(layer: LayerJson): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0 || !Array.isArray(nodes[0])) return [];
  return (nodes[0] as unknown[]).map((entry) => (Array.isArray(entry) ? String(entry[0]) : ''));
}

interface Step {
  out: Shape;
  weights: [string, Shape][];
}

function denseStep(input: Shape, config: Record<string, unknown>, prefix: string): Step | null {
  const units = config.units;
  const width = input[input.length - 1];
  if (typeof units !== 'number' || typeof width !== 'number') return null;
  const weights: [string, Shape][] = [[`${prefix}/kernel`, [width, units]]];
  if (config.use_bias !== false) weights.push([`${prefix}/bias`, [units]]);
  return { out: [...input.slice(0, -1), units], weights };
}

function lstmStep(input: Shape, config: Record<string, unknown>, prefix: string): Step | null {
  const units = config.units;
  const width = input[input.length - 1];
  if (typeof units !== 'number' || typeof width !== 'number' || input.length !== 2) return null;
  const weights: [string, Shape][] = [
    [`${prefix}/kernel`, [width, 4 * units]],
    [`${prefix}/recurrent_kernel`, [units, 4 * units]],
  ];
  if (config.use_bias !== false) weights.push([`${prefix}/bias`, [4 * units]]);
  return { out: config.return_sequences ? [input[0], units] : [units], weights };
}

/** One layer's output shape and weights from its inputs' shapes; null when the config is not one Tag Lab writes. */
function stepOf(layer: LayerJson, inputs: Shape[]): Step | null {
  const config = layer.config ?? {};
  const name = String(layer.name ?? config.name);
  switch (layer.class_name) {
    case 'InputLayer': {
      const shape = config.batch_input_shape ?? config.batch_shape;
      return Array.isArray(shape) ? { out: shape.slice(1) as Shape, weights: [] } : null;
    }
    case 'Dense':
      return inputs.length === 1 ? denseStep(inputs[0], config, name) : null;
    case 'Dropout':
      return inputs.length === 1 ? { out: inputs[0], weights: [] } : null;
    case 'LSTM':
      return inputs.length === 1 ? lstmStep(inputs[0], config, name) : null;
    case 'TimeDistributed': {
      const inner = config.layer;
      if (inputs.length !== 1 || !isObject(inner) || inner.class_name !== 'Dense' || !isObject(inner.config))
        return null;
      // TF.js names the wrapped layer's weights after the wrapper.
      const step = denseStep(inputs[0].slice(1), inner.config, name);
      return step && { out: [inputs[0][0], ...step.out], weights: step.weights };
    }
    case 'Concatenate': {
      const last = inputs.map((s) => s[s.length - 1]);
      if (inputs.length < 2 || last.some((d) => typeof d !== 'number')) return null;
      const sum = (last as number[]).reduce((a, b) => a + b, 0);
      return { out: [...inputs[0].slice(0, -1), sum], weights: [] };
    }
    default:
      return null;
  }
}

/** Weight name → shape for a functional Tag Lab topology; null when it cannot be worked out (then TF.js checks). */
export function expectedWeightShapes(json: tf.io.ModelJSON): Map<string, Shape> | null {
  const topology = json.modelTopology as unknown;
  const root = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology;
  const layers = isObject(root) && isObject(root.config) ? root.config.layers : undefined;
  if (!Array.isArray(layers)) return null;
  const outputs = new Map<string, Shape>();
  const weights = new Map<string, Shape>();
  for (const layer of layers as LayerJson[]) {
    const inputs = inboundNames(layer).map((n) => outputs.get(n));
    if (inputs.some((s) => s === undefined)) return null;
    const step = stepOf(layer, inputs as Shape[]);
    if (!step) return null;
    outputs.set(String(layer.name ?? layer.config?.name), step.out);
    for (const [name, shape] of step.weights) weights.set(name, shape);
  }
  return weights;
}

const show = (shape: Shape) => `[${shape.join(', ')}]`;

/** Throws a BundleError naming the first weight whose shape its layer does not take, or one missing or extra. */
export function checkWeightShapes(json: tf.io.ModelJSON): void {
  const expected = expectedWeightShapes(json);
  if (!expected) return;
  const listed = new Set<string>();
  for (const spec of json.weightsManifest.flatMap((g) => g.weights)) {
    listed.add(spec.name);
    const want = expected.get(spec.name);
    if (!want) {
      throw new BundleError(
        `model.json lists weight "${spec.name}", which none of its layers has; nothing was loaded.`,
      );
    }
    if (want.length !== spec.shape.length || want.some((d, i) => d !== spec.shape[i])) {
      throw new BundleError(
        `model.json gives weight "${spec.name}" the shape ${show(spec.shape)}, but its layer takes ${show(want)}: ` +
          'the weights do not fit the model; nothing was loaded. Export the model again.',
      );
    }
  }
  const missing = [...expected.keys()].find((name) => !listed.has(name));
  if (missing)
    throw new BundleError(`model.json has no weight "${missing}" for its layer; nothing was loaded.`);
}
