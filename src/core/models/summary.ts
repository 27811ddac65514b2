// A plain-data model summary (layers, output shapes, parameter counts) for the page and the run record.

import type * as tf from '@tensorflow/tfjs';

export interface ModelSummary {
  layers: { name: string; className: string; outputShape: string; params: number }[];
  totalParams: number;
}

function formatShape(shape: unknown): string {
  if (Array.isArray(shape) && shape.length > 0 && Array.isArray(shape[0])) {
    return (shape as unknown[]).map(formatShape).join(', ');
  }
  return `[${(shape as (number | null)[]).map((d) => (d == null ? 'batch' : String(d))).join(', ')}]`;
}

export function summariseModel(model: tf.LayersModel): ModelSummary {
  const layers = model.layers.map((layer) => ({
    name: layer.name,
    className: layer.getClassName(),
    outputShape: formatShape(layer.outputShape),
    params: layer.countParams(),
  }));
  return { layers, totalParams: layers.reduce((sum, l) => sum + l.params, 0) };
}
