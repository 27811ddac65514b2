// Tensor reads and writes of the fast path without a fresh ArrayBuffer each time. On WASM every dataSync() copies out
// of the WASM heap into a new buffer, and a training step made ≈ 27 MB of such short-lived buffers per 32 users of a
// dual LSTM; the collections they started ran on the engine's helper threads and took the core a second worker
// needs. Here a read copies into a buffer this module keeps, and a tensor made from a kept buffer is safe to make on
// WASM only, because its write copies into the heap at once (the cpu backend keeps the array itself).

import * as tf from '@tensorflow/tfjs';

type WasmLike = { wasm?: { HEAPU8: Uint8Array }; getMemoryOffset?: (dataId: object) => number };

const kept = new Map<string, Float32Array>();

/**
 * A buffer of `length` floats kept under `name` between calls (its contents are whatever the last user left). One
 * name is one use at a time: a caller must be done with it before the next call under the same name.
 */
export function keptBuffer(name: string, length: number): Float32Array {
  let buffer = kept.get(name);
  if (!buffer || buffer.length < length) {
    buffer = new Float32Array(Math.max(length, Math.ceil((buffer?.length ?? 0) * 1.5)));
    kept.set(name, buffer);
  }
  return buffer.subarray(0, length);
}

function wasmBackend(): Required<WasmLike> | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as WasmLike;
  return backend.wasm && backend.getMemoryOffset ? (backend as Required<WasmLike>) : null;
}

/** A float32 tensor's values as a view of the WASM heap (valid until the next allocation), or null off WASM. */
export function heapView(t: tf.Tensor): Float32Array | null {
  const backend = wasmBackend();
  if (!backend) return null;
  return new Float32Array(backend.wasm.HEAPU8.buffer, backend.getMemoryOffset(t.dataId), t.size);
}

/** The tensor's values in the kept buffer `name` (WASM), or its dataSync() copy elsewhere. */
export function readKept(t: tf.Tensor, name: string): Float32Array {
  const view = heapView(t);
  if (!view) return t.dataSync() as Float32Array;
  const out = keptBuffer(name, t.size);
  out.set(view);
  return out;
}

/** Whether a tensor may be made from a buffer that is written again later (the backend copies it at once). */
export function writesCopy(): boolean {
  return wasmBackend() !== null;
}

/** A buffer to fill and make a tensor from: the kept one on WASM, a fresh one where the backend keeps the array. */
export function bufferForTensor(name: string, length: number): Float32Array {
  return writesCopy() ? keptBuffer(name, length) : new Float32Array(length);
}
