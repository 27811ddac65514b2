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

/**
 * At most `maxPoints` points: consecutive points are averaged in equal buckets and the last point is kept as it is
 * (it is the newest figure). A chart a few hundred pixels wide shows no more, and recharts' cost grows with points.
 */
export function downsampleBatchPoints(points: readonly BatchPoint[], maxPoints: number): BatchPoint[] {
  if (points.length <= maxPoints) return [...points];
  const buckets = Math.max(1, maxPoints - 1);
  const body = points.length - 1;
  const out: BatchPoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * body) / buckets);
    const to = Math.floor(((b + 1) * body) / buckets);
    let x = 0;
    let loss = 0;
    let accuracy = 0;
    for (let i = from; i < to; i++) {
      x += points[i].x;
      loss += points[i].loss;
      accuracy += points[i].accuracy;
    }
    const n = to - from;
    if (n > 0) out.push({ x: x / n, loss: loss / n, accuracy: accuracy / n });
  }
  out.push(points[points.length - 1]);
  return out;
}

/** Round ticks from 0 up to `max` (integers, at most seven of them): given to the axis so recharts does not compute its own. */
export function epochTicks(maxEpoch: number): number[] {
  const max = Math.max(1, Math.ceil(maxEpoch));
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => max / s <= 6) ?? Math.ceil(max / 6);
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** Round ticks from 0 up to at least the highest finite value (the loss axis). */
export function lossTicks(values: readonly number[]): number[] {
  const highest = Math.max(0, ...values.filter(Number.isFinite));
  if (highest === 0) return [0, 1];
  const raw = highest / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let i = 0; i * step < highest + step - 1e-12; i++) ticks.push(Number((i * step).toPrecision(6)));
  return ticks;
}
