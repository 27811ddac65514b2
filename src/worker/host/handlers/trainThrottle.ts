// Batch progress throttled to about ten messages a second: logs gather between emits and none are lost.

import type { BatchLog } from '../../../core/runs';

export interface BatchThrottle {
  /** records one batch; emits when the interval has passed since the last emit */
  push(log: BatchLog, samples: number): void;
  /** emits whatever is pending (end of an epoch, end of the run) */
  flush(): void;
}

export interface BatchProgress {
  logs: BatchLog[];
  batchesDone: number;
  samplesDone: number;
  elapsedMs: number;
  firstBatchMs: number;
}

export function createBatchThrottle(options: {
  intervalMs: number;
  now: () => number;
  emit: (progress: BatchProgress) => void;
}): BatchThrottle {
  const startedAt = options.now();
  let lastEmit = Number.NEGATIVE_INFINITY;
  let pending: BatchLog[] = [];
  let batchesDone = 0;
  let samplesDone = 0;
  let firstBatchMs = 0;
  const emitPending = (at: number) => {
    if (pending.length === 0) return;
    lastEmit = at;
    const logs = pending;
    pending = [];
    options.emit({ logs, batchesDone, samplesDone, elapsedMs: at - startedAt, firstBatchMs });
  };
  return {
    push(log, samples) {
      const at = options.now();
      if (batchesDone === 0) firstBatchMs = at - startedAt;
      batchesDone++;
      samplesDone += samples;
      pending.push(log);
      if (at - lastEmit >= options.intervalMs) emitPending(at);
    },
    flush: () => emitPending(options.now()),
  };
}

/** Size of batch `batch` when `users` are cut into batches of `batchSize` (the last one may be short). */
export function batchSizeAt(batch: number, users: number, batchSize: number): number {
  return Math.max(0, Math.min(batchSize, users - batch * batchSize));
}
