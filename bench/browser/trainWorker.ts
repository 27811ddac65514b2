// Web Worker entry of the Chromium training benchmark: the same timed loop as in Node (bench/trainCore.ts), on the
// backend asked for, one thread. Messages: { kind, impl, batches, backend, wasmBase } → { ok, result | error }.

import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/core/backend';
import type { BackendName, ModelKind } from '../../src/core/models';
import type { TrainingImpl } from '../../src/core/training';
import { measureTraining } from '../trainCore';
import { describeError } from '../../src/core/errors';

interface Job {
  kind: ModelKind;
  impl: TrainingImpl;
  batches: number;
  backend: BackendName;
  wasmBase: string;
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
  const info = await initBackend(job.backend, { wasmPaths, threads: false });
  if (info.backend !== job.backend) throw new Error(`backend ${job.backend} did not start: ${info.message}`);
  const m = await measureTraining(job.kind, job.impl, job.batches, jsHeapMB);
  return { ...m, wasmHeapMB: wasmHeapMB(), renderer: info.renderer };
}

self.onmessage = (event: MessageEvent<Job>) => {
  run(event.data).then(
    (result) => self.postMessage({ ok: true, result }),
    (err: unknown) => self.postMessage({ ok: false, error: describeError(err) }),
  );
};
