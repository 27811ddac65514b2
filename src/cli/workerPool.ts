// A pool of scoring worker threads (scoreWorker.ts): requests (a store's user range, or a ready-made feature batch) go
// to the least busy worker, several in flight each, and the scores come back in order.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { sliceStoreUsers, type EventStore } from '../core/events';
import type { FeatureBatch, FeatureSpec, SparseSequence } from '../core/features';
import { SCORING_BATCH } from '../core/runs';
import type {
  ScoreWorkerData,
  ScoreWorkerReply,
  ScoreWorkerRequest,
  StoreContext,
  StoreUsers,
} from './scoreWorker';
import { UsageError, numberFlag, type ParsedArgs } from './args';
import { spawnTsxWorker } from './tsxWorker';

/** Every core: the main thread only slices the store (or streams DuckDB rows) and mostly waits on the workers. */
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
  /** the worker threads, for a bench to read their event-loop utilisation */
  readonly threads: readonly Worker[];
  /** scores of a feature batch built by the caller */
  predict(batch: FeatureBatch): Promise<Float32Array>;
  /** tells every worker the spec and category tables the user ranges that follow belong to */
  setStoreContext(context: StoreContext): void;
  /** scores of a store's user range (sliceStoreUsers), the worker building the batches */
  scoreUsers(users: StoreUsers): Promise<Float32Array>;
  close(): Promise<void>;
}

export async function startWorkerPool(count: number, data: ScoreWorkerData): Promise<WorkerPool> {
  const pending = new Map<number, { resolve: (s: Float32Array) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const workers: PoolWorker[] = await Promise.all(
    Array.from({ length: count }, () => startWorker(data, pending)),
  );
  // Least busy worker; postMessage keeps each worker's messages in order, so a context arrives before its ranges.
  const send = (
    request: (id: number) => ScoreWorkerRequest,
    transfer: ArrayBuffer[],
  ): Promise<Float32Array> => {
    const target = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    target.busy++;
    return new Promise<Float32Array>((resolve, reject) => {
      pending.set(id, {
        resolve: (s) => (target.busy--, resolve(s)),
        reject: (e) => (target.busy--, reject(e)),
      });
      target.worker.postMessage(request(id), transfer);
    });
  };
  return {
    threads: workers.map((w) => w.worker),
    predict: (batch) => send((id) => ({ kind: 'batch', id, batch }), batchTransferables(batch)),
    setStoreContext(context) {
      for (const w of workers)
        w.worker.postMessage({ kind: 'context', context } satisfies ScoreWorkerRequest);
    },
    scoreUsers: (users) => send((id) => ({ kind: 'users', id, users }), usersTransferables(users)),
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

function batchTransferables(batch: FeatureBatch): ArrayBuffer[] {
  const seqs: SparseSequence[] = [batch.yearly, batch.monthly, batch.daily];
  return [
    batch.users.buffer,
    batch.labels.buffer,
    ...seqs.flatMap((s) => [s.rows.buffer, s.cols.buffer, s.values.buffer]),
  ] as ArrayBuffer[];
}

function usersTransferables(users: StoreUsers): ArrayBuffer[] {
  return [users.userStart, users.category, users.day, users.action, users.count].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * Users per range sent to a worker: large enough that a message and a batch builder per range cost nothing, small
 * enough that every worker gets several (the last one to finish idles at most one range). A multiple of
 * SCORING_BATCH, so each range is cut into the same batches of 512 as the one-thread path.
 */
export function rangeSize(users: number, workers: number): number {
  const batches = Math.ceil(users / (workers * 8 * SCORING_BATCH));
  return Math.min(4, Math.max(1, batches)) * SCORING_BATCH;
}

/**
 * Scores every store user over the pool: the main thread slices contiguous user ranges (copies of their events,
 * transferred) and the workers build the feature batches and run the forward passes; two ranges in flight each.
 */
export async function scoreStoreOnPool(
  pool: WorkerPool,
  store: EventStore,
  spec: FeatureSpec,
  workers: number,
): Promise<Float32Array> {
  const users = store.userIds.length;
  const scores = new Float32Array(users);
  pool.setStoreContext({ spec, categoryIds: store.categoryIds, categoryNames: store.categoryNames });
  const size = rangeSize(users, workers);
  const inFlight = new Set<Promise<void>>();
  for (let start = 0; start < users; start += size) {
    const {
      categoryIds: _ids,
      categoryNames: _names,
      ...range
    } = sliceStoreUsers(store, start, Math.min(users, start + size));
    const job: Promise<void> = pool.scoreUsers(range).then((s) => {
      scores.set(s, start);
      inFlight.delete(job);
    });
    inFlight.add(job);
    if (inFlight.size >= 2 * workers) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return scores;
}
