// Chart data for the training curves: epoch points at the end of each epoch, and the per-batch training line
// (smoothed) placed at fractional epochs, so both share one x axis like TensorBoard's.

import type { BatchLog, EpochLog } from '../../core/runs';
import { smoothEma } from '../../store/trainProgress';

export interface EpochPoint {
  x: number;
  loss: number;
  valLoss: number | null;
  accuracy: number;
  valAccuracy: number | null;
}

export interface BatchPoint {
  x: number;
  loss: number;
  accuracy: number;
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function buildEpochPoints(epochs: readonly EpochLog[]): EpochPoint[] {
  return epochs.map((e) => ({
    x: e.epoch + 1,
    loss: e.loss,
    valLoss: finiteOrNull(e.valLoss),
    accuracy: e.accuracy,
    valAccuracy: finiteOrNull(e.valAccuracy),
  }));
}

/** Batches per epoch as the logs show them (the highest batch index + 1 of the first epoch seen complete). */
export function inferBatchesPerEpoch(batches: readonly BatchLog[]): number {
  let most = 0;
  for (const b of batches) most = Math.max(most, b.batch + 1);
  return Math.max(1, most);
}

/** Per-batch training loss and accuracy, smoothed (weight 0 = raw), at x = epoch + (batch + 1) / batchesPerEpoch. */
export function buildBatchPoints(
  batches: readonly BatchLog[],
  batchesPerEpoch: number,
  smoothing: number,
): BatchPoint[] {
  const per = batchesPerEpoch > 0 ? batchesPerEpoch : inferBatchesPerEpoch(batches);
  const loss = smoothEma(
    batches.map((b) => b.loss),
    smoothing,
  );
  const accuracy = smoothEma(
    batches.map((b) => b.accuracy),
    smoothing,
  );
  return batches.map((b, i) => ({ x: b.epoch + (b.batch + 1) / per, loss: loss[i], accuracy: accuracy[i] }));
}
