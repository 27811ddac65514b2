// The short README.md that travels in every bundle: what is inside, how to load it, how to convert it to Keras,
// and what each model input means, written from the model's own topology and the feature spec.

import type { FeatureSpec } from '../features/types';
import type { BundleManifest } from './manifest';

export interface ModelInputInfo {
  name: string;
  /** shape without the batch dimension */
  shape: number[];
}

interface TopologyLayer {
  name?: string;
  class_name?: string;
  config?: { name?: string; batch_input_shape?: (number | null)[] };
}

/** Input names and shapes as model.json declares them, in the order model.predict expects them. */
export function describeModelInputs(modelJson: string): ModelInputInfo[] {
  const topology = (JSON.parse(modelJson) as { modelTopology?: { class_name?: string; config?: unknown } })
    .modelTopology;
  const config = (topology?.config ?? {}) as {
    layers?: TopologyLayer[];
    input_layers?: [string, number, number][];
  };
  const layers = config.layers ?? [];
  const shapeOf = (layer: TopologyLayer | undefined) =>
    (layer?.config?.batch_input_shape ?? []).slice(1) as number[];
  if (topology?.class_name === 'Sequential') {
    return layers.length ? [{ name: 'input', shape: shapeOf(layers[0]) }] : [];
  }
  return (config.input_layers ?? []).map(([name]) => ({
    name,
    shape: shapeOf(layers.find((l) => l.name === name || l.config?.name === name)),
  }));
}

function meaningOf(input: ModelInputInfo, spec: FeatureSpec): string {
  const byName: Record<string, string> = {
    yearly:
      'purchase counts per category summed over the 12 months before the as-of date (transformed after summing)',
    monthly: `purchase counts per category and calendar month, ${spec.months} months, t = 0 the oldest month`,
    daily: `click counts per category and day, ${spec.days} days, t = 0 the oldest day`,
  };
  if (byName[input.name]) return byName[input.name];
  if (input.shape.length === 2 && input.shape[0] === spec.months) return byName.monthly;
  if (input.shape.length === 2 && input.shape[0] === spec.days) return byName.daily;
  if (input.shape.length === 1 || input.shape[0] === 1) return byName.yearly;
  return 'see featureSpec in tag-lab.json';
}

function describeFeatures(spec: FeatureSpec): string[] {
  const width = spec.vocabulary.length + (spec.otherBucket ? 1 : 0);
  const transform =
    spec.transform === 'log1p' ? 'each count x enters as log(1 + x)' : 'counts enter as they are';
  return [
    `- Width ${width}: one column per category of \`featureSpec.vocabulary\` (${spec.vocabulary.length} categories, ` +
      `in that order)${spec.otherBucket ? ', plus a last column summing every other category' : ''}.`,
    `- Values: ${transform}; missing entries are 0.`,
    `- Time runs forward: step t = 0 is the OLDEST bucket and the last step the most recent. With M month steps, ` +
      `step t covers [as-of − (M − t) calendar months, as-of − (M − 1 − t) months); day steps likewise in days.`,
    `- As-of date: ${spec.asOf === 'latest' ? 'the UTC day after the latest event of the data being scored' : spec.asOf}.`,
    spec.maskedCategories.length
      ? `- Leakage guard: the inputs of the ${spec.maskedCategories.length} categories in \`featureSpec.maskedCategories\` are always 0.`
      : '- No categories are masked.',
  ];
}

export function buildBundleReadme(manifest: BundleManifest, modelJson: string): string {
  const spec = manifest.featureSpec;
  const inputs = describeModelInputs(modelJson);
  const inputLines = inputs.map(
    (input, i) =>
      `${i + 1}. \`${input.name}\` of shape [batch, ${input.shape.join(', ')}]: ${meaningOf(input, spec)}.`,
  );
  return [
    `# Tag Lab model bundle: ${manifest.run.name}`,
    '',
    `A ${manifest.modelKind} model trained in Tag Lab (run ${manifest.run.id}, exported ${manifest.createdAt}, ` +
      `TensorFlow.js ${manifest.tfjsVersion}). Its output is one probability per user: the tag applies at or above the threshold (0.5 by default).`,
    '',
    '## Files',
    '- `model.json`: the TF.js layers model (topology and weights manifest).',
    '- `weights.bin`: all weights, one shard.',
    '- `tag-lab.json`: the run (feature spec, rules, hyperparameters, metrics, backend, seed, training-data fingerprint).',
    '',
    '## Load it',
    '```js',
    "const model = await tf.loadLayersModel('https://your.host/bundle/model.json'); // browser",
    "// Node: tf.loadLayersModel('file://path/to/model.json') with @tensorflow/tfjs-node,",
    '// or with plain @tensorflow/tfjs an IOHandler whose load() reads both files (tf.io.getModelArtifactsForJSON).',
    '```',
    '',
    '## Convert it to Keras',
    '```sh',
    'pip install tensorflowjs',
    'tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5',
    '```',
    '',
    '## Inputs (in this order)',
    ...inputLines,
    '',
    ...describeFeatures(spec),
    '',
  ].join('\n');
}
