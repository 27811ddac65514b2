// Web Worker entry of the Chromium training benchmark: the same timed loop as in Node (bench/trainCore.ts), on the
// backend asked for, one thread. Messages: { kind, impl, batches, backend, wasmBase, workers } → { ok, result | error }.

import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../src/core/backend';
import type { BackendName, ModelKind } from '../../src/core/models';
import { createMessageLink, type ReplicaLink, type TrainingImpl } from '../../src/core/training';
import { measureTraining } from '../trainCore';
import { describeError } from '../../src/core/errors';

interface Job {
  kind: ModelKind;
  impl: TrainingImpl;
  batches: number;
  backend: BackendName;
  wasmBase: string;
  /** data-parallel workers: this worker and workers − 1 replica sub-workers (absent: 1) */
  workers?: number;
  /** WASM threads (XNNPACK's pool) in this worker; needs cross-origin isolation (absent: 1) */
  threads?: number;
}

/** Replica sub-workers (bench/browser/replicaWorker.ts, served at /replica.js) behind the core's message link. */
function spawnReplicas(count: number, wasmBase: string): ReplicaLink[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(`/replica.js?wasm=${encodeURIComponent(wasmBase)}`);
    return createMessageLink({
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen(onReply, onFailure) {
        worker.onmessage = (e) => onReply(e.data);
        worker.onerror = (e) => onFailure(`replica sub-worker: ${e.message}`);
      },
      terminate: () => worker.terminate(),
    });
  });
}

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

/** JS heap where the browser exposes it (Chromium does not in workers: then 0), MB. */
function jsHeapMB(): number {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return (memory?.usedJSHeapSize ?? 0) / 2 ** 20;
}

/** The WASM heap's size: it grows to the largest step and never shrinks, MB. */
function wasmHeapMB(): number {
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm;
  return (wasm?.HEAPU8.byteLength ?? 0) / 2 ** 20;
}

async function run(job: Job) {
  const wasmPaths = Object.fromEntries(WASM_FILES.map((f) => [f, `${job.wasmBase}${f}`]));
  const threads = job.threads ?? 1;
  if (threads > 1 && !self.crossOriginIsolated)
    throw new Error('WASM threads need a cross-origin isolated page (COOP/COEP headers)');
  if (threads > 1) {
    // TF.js caps its XNNPACK pool at hardwareConcurrency / 2 (it assumes two hyperthreads a core): on a 2-core
    // machine that is 1 thread, so the bench reports twice the cores it wants to use
    Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: 2 * threads });
    setThreadsCount(threads);
  }
  const info = await initBackend(job.backend, { wasmPaths, threads: threads > 1 });
  if (threads > 1 && getThreadsCount() !== threads)
    throw new Error(`asked for ${threads} WASM threads, the backend runs ${getThreadsCount()}`);
  if (info.backend !== job.backend) throw new Error(`backend ${job.backend} did not start: ${info.message}`);
  const links = spawnReplicas((job.workers ?? 1) - 1, job.wasmBase);
  const m = await measureTraining(job.kind, job.impl, job.batches, jsHeapMB, links);
  return { ...m, wasmHeapMB: wasmHeapMB(), renderer: info.renderer };
}

self.onmessage = (event: MessageEvent<Job>) => {
  run(event.data).then(
    (result) => self.postMessage({ ok: true, result }),
    (err: unknown) => self.postMessage({ ok: false, error: describeError(err) }),
  );
};
