// Weights handler: the summary and a sample of every weight tensor of a run's model, read inside the worker so
// tensors never cross to the page; only the small samples travel, transferred.

import type * as tf from '@tensorflow/tfjs';
import { summariseWeightTensor } from '../../../core/models';
import type { WeightTensorSummary } from '../../protocol/weightsMessages';
import { requireRun } from './export';
import type { Handler } from './types';

const WEIGHT_LABELS: Record<string, string> = {
  kernel: 'kernel',
  recurrent_kernel: 'recurrent kernel',
  bias: 'bias',
};

/** "hidden/kernel" or "monthly_projection_dense/kernel_1" → "kernel"; unknown names are kept as they are. */
export function labelWeight(variableName: string): string {
  const last = variableName.split('/').pop() ?? variableName;
  const base = last.replace(/_\d+$/, '');
  return WEIGHT_LABELS[base] ?? base.replace(/_/g, ' ');
}

/** Every trainable weight of the model, layer by layer, in the model's own order. */
export async function summariseModelWeights(model: tf.LayersModel): Promise<WeightTensorSummary[]> {
  const tensors: WeightTensorSummary[] = [];
  for (const layer of model.layers) {
    for (const [index, variable] of layer.trainableWeights.entries()) {
      const tensor = variable.read();
      const values = (await tensor.data()) as Float32Array;
      const stats = summariseWeightTensor(values, tensor.shape, { seed: tensors.length + 1 });
      tensors.push({
        layer: layer.name,
        weight: labelWeight(variable.originalName ?? `w${index}`),
        ...stats,
      });
    }
  }
  return tensors;
}

const weights: Handler<'train/weights'> = async ({ runId }, ctx) => {
  const run = await requireRun(ctx.state, runId);
  const tensors = await summariseModelWeights(run.model);
  for (const t of tensors) ctx.transfer.push(t.sample.buffer as ArrayBuffer);
  return { runId, tensors };
};

export const weightsHandlers = { 'train/weights': weights };
