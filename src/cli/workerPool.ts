// A pool of scoring worker threads (scoreWorker.ts): batches go to the least busy worker, several in flight each,
// and the scores come back in batch order.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { EventStore } from '../core/events';
import { createBatchBuilder } from '../core/features';
import type { FeatureBatch, FeatureSpec, SparseSequence } from '../core/features';
import { SCORING_BATCH, allUsers } from '../core/runs';
import type { ScoreWorkerData, ScoreWorkerReply } from './scoreWorker';
import { UsageError, numberFlag, type ParsedArgs } from './args';
import { spawnTsxWorker } from './tsxWorker';

/** Every core: the main thread only builds batches (or streams DuckDB rows) and mostly waits on the workers. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** `--workers N` (default: every core), checked: a whole number ≥ 1. */
export function workersOf(args: ParsedArgs): number {
  const workers = numberFlag(args, 'workers', defaultWorkerCount());
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError('--workers must be a whole number ≥ 1');
  return workers;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
}

export interface WorkerPool {
  predict(batch: FeatureBatch): Promise<Float32Array>;
  close(): Promise<void>;
}

export async function startWorkerPool(count: number, data: ScoreWorkerData): Promise<WorkerPool> {
  const pending = new Map<number, { resolve: (s: Float32Array) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const workers: PoolWorker[] = await Promise.all(
    Array.from({ length: count }, () => startWorker(data, pending)),
  );
  return {
    predict(batch) {
      const target = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      target.busy++;
      return new Promise<Float32Array>((resolve, reject) => {
        pending.set(id, {
          resolve: (s) => (target.busy--, resolve(s)),
          reject: (e) => (target.busy--, reject(e)),
        });
        target.worker.postMessage({ id, batch }, transferables(batch));
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function startWorker(
  data: ScoreWorkerData,
  pending: Map<number, { resolve: (s: Float32Array) => void; reject: (e: Error) => void }>,
): Promise<PoolWorker> {
  const worker = spawnTsxWorker(new URL('./scoreWorker.ts', import.meta.url), data);
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: ScoreWorkerReply | { ready: true }) => {
      if ('ready' in message) return resolve({ worker, busy: 0 });
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.scores);
    });
  });
}

function transferables(batch: FeatureBatch): ArrayBuffer[] {
  const seqs: SparseSequence[] = [batch.yearly, batch.monthly, batch.daily];
  return [
    batch.users.buffer,
    batch.labels.buffer,
    ...seqs.flatMap((s) => [s.rows.buffer, s.cols.buffer, s.values.buffer]),
  ] as ArrayBuffer[];
}

/** Scores every store user over the pool, keeping two batches in flight per worker. */
export async function scoreStoreOnPool(
  pool: WorkerPool,
  store: EventStore,
  spec: FeatureSpec,
  workers: number,
): Promise<Float32Array> {
  const builder = createBatchBuilder(store, spec);
  const users = allUsers(store);
  const scores = new Float32Array(users.length);
  const inFlight = new Set<Promise<void>>();
  for (let start = 0; start < users.length; start += SCORING_BATCH) {
    const part = users.subarray(start, Math.min(users.length, start + SCORING_BATCH));
    const job: Promise<void> = pool.predict(builder.build(part)).then((s) => {
      scores.set(s, start);
      inFlight.delete(job);
    });
    inFlight.add(job);
    if (inFlight.size >= 2 * workers) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return scores;
}
