// Dense model inputs from sparse feature batches: what stock layers training and model.predict consume.

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch, SparseSequence } from '../features/types';
import { MODEL_INPUTS } from '../models/build';
import type { ModelKind } from '../models/types';

/** [B, steps, C] (or [B, C] when flat) with duplicate entries summed. */
export function densifySequence(seq: SparseSequence, flat = false): tf.Tensor {
  const out = new Float32Array(seq.batchSize * seq.steps * seq.width);
  for (let k = 0; k < seq.values.length; k++) out[seq.rows[k] * seq.width + seq.cols[k]] += seq.values[k];
  return flat
    ? tf.tensor2d(out, [seq.batchSize, seq.steps * seq.width])
    : tf.tensor3d(out, [seq.batchSize, seq.steps, seq.width]);
}

/** The model's inputs for a batch, in the model's input order. */
export function buildDenseInputs(kind: ModelKind, batch: FeatureBatch): tf.Tensor[] {
  return MODEL_INPUTS[kind].map((name) => densifySequence(batch[name], name === 'yearly'));
}
