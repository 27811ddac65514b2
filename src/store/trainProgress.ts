// Numbers for the live training view: the TensorBoard-style smoothed line, the remaining-time estimate and run
// names. Pure functions over plain data.

import type { ModelKind } from '../core/models';
import type { RunRecord } from '../core/runs';

/**
 * Exponential moving average with TensorBoard's debiasing (early points are not pulled towards zero).
 * weight 0 returns the values unchanged; non-finite values are carried over without updating the average.
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  const w = Math.min(0.999, Math.max(0, weight));
  let last = 0;
  let steps = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    steps++;
    const debias = w === 0 ? 1 : 1 - w ** steps;
    return last / debias;
  });
}

/**
 * Milliseconds left, from the pace of the batches after the first (the first WebGL batch compiles shaders and is
 * several times slower). Null while there is no pace yet.
 */
export function estimateRemainingMs(p: {
  batchesDone: number;
  totalBatches: number;
  elapsedMs: number;
  firstBatchMs: number;
}): number | null {
  const left = Math.max(0, p.totalBatches - p.batchesDone);
  if (left === 0) return 0;
  if (p.batchesDone < 2) return null;
  const perBatch = (p.elapsedMs - p.firstBatchMs) / (p.batchesDone - 1);
  if (!(perBatch > 0)) return null;
  return left * perBatch;
}

/** "1:05" / "1:02:03" */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export const KIND_LABELS: Record<ModelKind, string> = {
  shallow: 'Shallow dense',
  lstm: 'LSTM',
  dual: 'Dual LSTM',
};

/** "lstm #3": the kind and the next free number among the runs (names stay unique after deletes). */
export function nextRunName(kind: ModelKind, taken: readonly Pick<RunRecord, 'name'>[]): string {
  const names = new Set(taken.map((r) => r.name));
  let n = taken.length + 1;
  while (names.has(`${kind} #${n}`)) n++;
  return `${kind} #${n}`;
}

/** "webgl · SwiftShader", "wasm", …: the backend with a short renderer name. */
/** "1 worker", "2 workers": the data-parallel workers a run trained on. */
export function describeWorkers(workers: number): string {
  return `${workers} worker${workers === 1 ? '' : 's'}`;
}

export function describeBackend(backend: string, renderer: string | null): string {
  if (!renderer) return backend;
  const short = /swiftshader/i.test(renderer) ? 'SwiftShader' : renderer.replace(/^ANGLE \((.*)\)$/, '$1');
  return `${backend} · ${short.length > 40 ? `${short.slice(0, 39)}…` : short}`;
}
