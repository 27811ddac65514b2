// Turns a sparse sequence into the dense row-major [B, steps, width] array the stock TF.js layers take (and tests read).

import type { SparseSequence } from './types';

export function densify(seq: SparseSequence): Float32Array {
  const out = new Float32Array(seq.batchSize * seq.steps * seq.width);
  for (let k = 0; k < seq.values.length; k++) out[seq.rows[k] * seq.width + seq.cols[k]] += seq.values[k];
  return out;
}
