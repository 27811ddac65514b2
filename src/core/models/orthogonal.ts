// Seeded orthogonal matrices computed in plain JS. TF.js's own orthogonal initializer runs a QR decomposition op by
// op, which took 15–20 s per LSTM on SwiftShader WebGL before the first batch; Gram–Schmidt here takes milliseconds.

import { createRandom } from '../random';

function gaussian(random: () => number): number {
  // Box–Muller; 1 − u keeps log away from 0
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A [rows, cols] row-major matrix with orthonormal rows (rows ≤ cols) or orthonormal columns (rows ≥ cols),
 * like Keras's Orthogonal(gain = 1) up to the random draw.
 */
export function orthogonalMatrix(rows: number, cols: number, seed: number): Float32Array {
  const long = Math.max(rows, cols);
  const short = Math.min(rows, cols);
  const random = createRandom(seed);
  // `short` vectors of length `long`, orthonormalised in turn (modified Gram–Schmidt, in float64)
  const vectors = Array.from({ length: short }, () =>
    Float64Array.from({ length: long }, () => gaussian(random)),
  );
  for (let i = 0; i < short; i++) {
    const v = vectors[i];
    for (let j = 0; j < i; j++) {
      const u = vectors[j];
      let dot = 0;
      for (let k = 0; k < long; k++) dot += u[k] * v[k];
      for (let k = 0; k < long; k++) v[k] -= dot * u[k];
    }
    let norm = 0;
    for (let k = 0; k < long; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < long; k++) v[k] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < short; i++)
    for (let k = 0; k < long; k++) {
      // rows ≤ cols: vector i is row i; otherwise it is column i
      if (rows <= cols) out[i * cols + k] = vectors[i][k];
      else out[k * cols + i] = vectors[i][k];
    }
  return out;
}
