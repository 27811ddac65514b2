// Splits a feature batch into contiguous row ranges, one per replica, and cuts a FeatureBatch to one range.

import type { FeatureBatch, SparseSequence } from '../../features/types';

export interface ShardRange {
  lo: number;
  hi: number;
}

/** N near-equal contiguous ranges over `rows` rows (the first ones one longer); empty ranges when rows < N. */
export function planShards(rows: number, shards: number): ShardRange[] {
  const base = Math.floor(rows / shards);
  const extra = rows % shards;
  const out: ShardRange[] = [];
  for (let s = 0, lo = 0; s < shards; s++) {
    const hi = lo + base + (s < extra ? 1 : 0);
    out.push({ lo, hi });
    lo = hi;
  }
  return out;
}

function sliceSequence(seq: SparseSequence, lo: number, hi: number): SparseSequence {
  const first = lo * seq.steps;
  const end = hi * seq.steps;
  let count = 0;
  for (let k = 0; k < seq.rows.length; k++) if (seq.rows[k] >= first && seq.rows[k] < end) count++;
  const rows = new Int32Array(count);
  const cols = new Int32Array(count);
  const values = new Float32Array(count);
  for (let k = 0, j = 0; k < seq.rows.length; k++) {
    if (seq.rows[k] < first || seq.rows[k] >= end) continue;
    rows[j] = seq.rows[k] - first;
    cols[j] = seq.cols[k];
    values[j++] = seq.values[k];
  }
  return { batchSize: hi - lo, steps: seq.steps, width: seq.width, rows, cols, values };
}

/** Rows [lo, hi) of a batch, in fresh buffers (so they can be transferred to another thread). */
export function sliceFeatureBatch(batch: FeatureBatch, lo: number, hi: number): FeatureBatch {
  return {
    users: batch.users.slice(lo, hi),
    labels: batch.labels.slice(lo, hi),
    yearly: sliceSequence(batch.yearly, lo, hi),
    monthly: sliceSequence(batch.monthly, lo, hi),
    daily: sliceSequence(batch.daily, lo, hi),
  };
}

/** The buffers of a batch, for postMessage's transfer list. */
export function batchBuffers(batch: FeatureBatch): ArrayBuffer[] {
  const seqs = [batch.yearly, batch.monthly, batch.daily];
  return [
    batch.users.buffer,
    batch.labels.buffer,
    ...seqs.flatMap((s) => [s.rows.buffer, s.cols.buffer, s.values.buffer]),
  ] as ArrayBuffer[];
}
