// The worker's TF.js backend: WebGL by default (OffscreenCanvas), WASM and CPU on request, with the core's fall-back.
// The WASM binaries are served by the app itself (Vite `?url` imports), never fetched from a CDN.

import * as tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, type BackendInfo } from '../../core/backend';
import type { BackendName } from '../../core/models';

export const WASM_PATHS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};

let active: { preferred: BackendName; info: BackendInfo } | null = null;

/** Backend starts run one at a time: two overlapping tf.setBackend calls (a switch, then Train at once) could
 * leave the slower one's failure as the outcome ("wasm did not start; using cpu") while wasm was in fact running. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts the preferred backend, or keeps the one already running for the same preference. Models of earlier runs stay
 * usable after a switch: TF.js moves a tensor's data to the active backend the first time a kernel reads it.
 */
export function ensureBackend(preferred: BackendName): Promise<{ info: BackendInfo; changed: boolean }> {
  const next = queue.then(() => startBackend(preferred));
  queue = next.catch(() => undefined);
  return next;
}

async function startBackend(preferred: BackendName): Promise<{ info: BackendInfo; changed: boolean }> {
  if (active && active.preferred === preferred && tf.getBackend() === active.info.backend)
    return { info: active.info, changed: false };
  const info = await initBackend(preferred, { wasmPaths: WASM_PATHS });
  const changed = active?.info.backend !== info.backend;
  active = { preferred, info };
  return { info, changed };
}

/** What runs now, or null before any backend was started. */
export function activeBackend(): BackendInfo | null {
  return active?.info ?? null;
}
