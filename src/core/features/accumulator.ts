// Sums (step, column) counts for one user at a time into a reused dense scratch, stamped so nothing is cleared or
// allocated per user, then appends that user's entries in (row, column) order to growable COO buffers.

import type { SparseSequence, Transform } from './types';

export class SequenceAccumulator {
  private readonly sums: Float64Array;
  private readonly stamp: Uint32Array;
  private currentStamp = 1;
  private touched: Int32Array;
  private touchedCount = 0;
  private rows = new Int32Array(1024);
  private cols = new Int32Array(1024);
  private values = new Float32Array(1024);
  private entries = 0;

  constructor(
    readonly steps: number,
    readonly width: number,
    private readonly transform: Transform,
  ) {
    this.sums = new Float64Array(steps * width);
    this.stamp = new Uint32Array(steps * width);
    this.touched = new Int32Array(Math.min(1024, steps * width));
  }

  /** Adds `value` at key = step * width + column for the current user. */
  add(key: number, value: number): void {
    if (this.stamp[key] !== this.currentStamp) {
      this.stamp[key] = this.currentStamp;
      this.sums[key] = value;
      if (this.touchedCount === this.touched.length)
        this.touched = grow(this.touched, this.touched.length * 2);
      this.touched[this.touchedCount++] = key;
    } else this.sums[key] += value;
  }

  /** Emits the current user's entries as batch row b, then starts the next user. */
  flushUser(b: number): void {
    const n = this.touchedCount;
    if (n > 0) {
      const keys = this.touched.subarray(0, n).sort();
      this.reserve(this.entries + n);
      const { width, steps } = this;
      const log = this.transform === 'log1p';
      for (let j = 0; j < n; j++) {
        const key = keys[j];
        const sum = this.sums[key];
        if (sum === 0) continue;
        const step = (key / width) | 0;
        this.rows[this.entries] = b * steps + step;
        this.cols[this.entries] = key - step * width;
        this.values[this.entries] = log ? Math.log1p(sum) : sum;
        this.entries++;
      }
    }
    this.touchedCount = 0;
    this.currentStamp = this.currentStamp === 0xffffffff ? this.resetStamps() : this.currentStamp + 1;
  }

  /** The batch's sequence (fresh arrays sized to the entries) and a reset for the next batch. */
  finish(batchSize: number): SparseSequence {
    const out: SparseSequence = {
      batchSize,
      steps: this.steps,
      width: this.width,
      rows: this.rows.slice(0, this.entries),
      cols: this.cols.slice(0, this.entries),
      values: this.values.slice(0, this.entries),
    };
    this.entries = 0;
    return out;
  }

  private reserve(size: number): void {
    if (size <= this.rows.length) return;
    const capacity = Math.max(size, this.rows.length * 2);
    this.rows = grow(this.rows, capacity);
    this.cols = grow(this.cols, capacity);
    const values = new Float32Array(capacity);
    values.set(this.values.subarray(0, this.entries));
    this.values = values;
  }

  private resetStamps(): number {
    this.stamp.fill(0);
    return 1;
  }
}

function grow(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(capacity);
  out.set(a);
  return out;
}
