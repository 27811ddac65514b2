// Sparse × dense product for COO feature batches: Σ value · W[col] (+ bias) per row, as a differentiable tf op.
// It runs in plain JS on the typed arrays: cost ∝ non-zeros, and it avoids WASM's slow Gather (≈14 ms for 8k rows)
// and its missing UnsortedSegmentSum kernel. Reads and outputs go through kept buffers on WASM (tensorBuffers.ts).

import * as tf from '@tensorflow/tfjs';
import { bufferForTensor, readKept } from './tensorBuffers';
import type { SparseSequence } from '../features/types';

/**
 * 'rows': output [B·steps, P] with row = b·steps + t (the COO row itself).
 * 'stepMajorT': output [P, steps·B] with column = t·B + b, the layout the fast LSTM reads.
 */
export type ProjectionLayout = 'rows' | 'stepMajorT';

interface Placement {
  /** output position of each COO entry's row: row index ('rows') or column index ('stepMajorT') */
  target: Int32Array;
  count: number;
}

function placeEntries(seq: SparseSequence, layout: ProjectionLayout): Placement {
  const count = seq.batchSize * seq.steps;
  if (layout === 'rows') return { target: seq.rows, count };
  const target = new Int32Array(seq.rows.length);
  for (let k = 0; k < target.length; k++) {
    const r = seq.rows[k];
    const b = Math.floor(r / seq.steps);
    target[k] = (r - b * seq.steps) * seq.batchSize + b;
  }
  return { target, count };
}

function checkEntries(seq: SparseSequence, inputWidth: number): void {
  if (seq.width !== inputWidth) {
    throw new Error(`Feature width ${seq.width} does not match the model's input width ${inputWidth}.`);
  }
  const limit = seq.batchSize * seq.steps;
  for (let k = 0; k < seq.rows.length; k++) {
    if (seq.rows[k] < 0 || seq.rows[k] >= limit || seq.cols[k] < 0 || seq.cols[k] >= seq.width) {
      throw new Error(`Sparse entry ${k} (row ${seq.rows[k]}, col ${seq.cols[k]}) is outside the batch.`);
    }
  }
}

function projectForward(
  w: Float32Array,
  bias: Float32Array,
  seq: SparseSequence,
  place: Placement,
  layout: ProjectionLayout,
) {
  const p = bias.length;
  const n = place.count;
  // every entry is written below (bias first), so a kept buffer's old contents never show
  const out = bufferForTensor('project.out', n * p);
  const rowStride = layout === 'rows' ? p : 1;
  const featStride = layout === 'rows' ? 1 : n;
  for (let j = 0; j < n; j++) for (let q = 0; q < p; q++) out[j * rowStride + q * featStride] = bias[q];
  const { cols, values } = seq;
  for (let k = 0; k < values.length; k++) {
    const base = place.target[k] * rowStride;
    const wBase = cols[k] * p;
    const v = values[k];
    for (let q = 0; q < p; q++) out[base + q * featStride] += v * w[wBase + q];
  }
  return out;
}

function projectBackward(
  dy: Float32Array,
  width: number,
  p: number,
  seq: SparseSequence,
  place: Placement,
  layout: ProjectionLayout,
) {
  const n = place.count;
  const rowStride = layout === 'rows' ? p : 1;
  const featStride = layout === 'rows' ? 1 : n;
  const dw = bufferForTensor('project.dw', width * p).fill(0);
  const db = new Float32Array(p);
  for (let j = 0; j < n; j++) for (let q = 0; q < p; q++) db[q] += dy[j * rowStride + q * featStride];
  const { cols, values } = seq;
  for (let k = 0; k < values.length; k++) {
    const base = place.target[k] * rowStride;
    const wBase = cols[k] * p;
    const v = values[k];
    for (let q = 0; q < p; q++) dw[wBase + q] += v * dy[base + q * featStride];
  }
  return { dw, db };
}

/** Projects a sparse sequence through kernel [C, P] and bias [P]; differentiable with respect to both. */
export function projectSparse(
  kernel: tf.Tensor,
  bias: tf.Tensor,
  seq: SparseSequence,
  layout: ProjectionLayout,
): tf.Tensor2D {
  const [width, p] = kernel.shape as [number, number];
  checkEntries(seq, width);
  const place = placeEntries(seq, layout);
  const shape: [number, number] = layout === 'rows' ? [place.count, p] : [p, place.count];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [w, b] = args as [tf.Tensor, tf.Tensor];
    const out = projectForward(readKept(w, 'project.w'), readKept(b, 'project.b'), seq, place, layout);
    return {
      value: tf.tensor2d(out, shape),
      gradFunc: (dy: tf.Tensor) => {
        const { dw, db } = projectBackward(readKept(dy, 'project.dy'), width, p, seq, place, layout);
        return [tf.tensor2d(dw, [width, p]), tf.tensor1d(db)];
      },
    };
  });
  return op(kernel, bias) as tf.Tensor2D;
}
