import { describe, expect, it } from 'vitest';
import { orthogonalMatrix } from './orthogonal';

function gram(m: Float32Array, rows: number, cols: number, byRows: boolean): number[][] {
  const n = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const at = (i: number, k: number) => (byRows ? m[i * cols + k] : m[k * cols + i]);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < len; k++) s += at(i, k) * at(j, k);
      return s;
    }),
  );
}

describe('seeded orthogonal matrices', () => {
  it('has orthonormal rows when wide, like an LSTM recurrent kernel [H, 4H]', () => {
    const g = gram(orthogonalMatrix(8, 32, 1), 8, 32, true);
    g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
  });

  it('has orthonormal columns when tall', () => {
    const g = gram(orthogonalMatrix(20, 5, 2), 20, 5, false);
    g.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
  });

  it('repeats for a seed and changes with it', () => {
    expect(orthogonalMatrix(4, 16, 3)).toEqual(orthogonalMatrix(4, 16, 3));
    expect(orthogonalMatrix(4, 16, 3)).not.toEqual(orthogonalMatrix(4, 16, 4));
  });
});
