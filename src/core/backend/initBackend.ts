// Chooses and starts a TF.js backend with fall-back (webgl → wasm → cpu), and reports what actually runs.
// No DOM here: WASM binary locations come from the caller (Vite `?url` imports in the app, file paths in Node).

import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../models/types';
import { describeError } from '../errors';

export interface BackendOptions {
  /** e.g. { 'tfjs-backend-wasm-simd.wasm': url, ... } or, in Node, a directory prefix ending in '/' */
  wasmPaths?: Record<string, string> | string;
  /** threaded WASM needs cross-origin isolation; off by default */
  threads?: boolean;
}

export interface BackendInfo {
  backend: BackendName;
  renderer: string | null;
  fellBackFrom: BackendName | null;
  message: string | null;
}

const FALLBACK_ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

async function tryBackend(name: BackendName, options: BackendOptions): Promise<string | null> {
  try {
    if (name === 'wasm') {
      if (options.wasmPaths) setWasmPaths(options.wasmPaths as Record<string, string>);
      if (!options.threads) setThreadsCount(1);
    }
    // setBackend can resolve false while getBackend() still names the backend: trust the boolean
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name ? null : `${name} did not start`;
  } catch (err) {
    return `${name} failed: ${describeError(err)}`;
  }
}

/** The WebGL renderer string (e.g. "SwiftShader"), or null when it cannot be read. */
export function readWebglRenderer(): string | null {
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/** Starts the preferred backend, falling back along webgl → wasm → cpu; says what happened. */
export async function initBackend(
  preferred: BackendName,
  options: BackendOptions = {},
): Promise<BackendInfo> {
  const order = [
    preferred,
    ...FALLBACK_ORDER.filter(
      (b) => b !== preferred && FALLBACK_ORDER.indexOf(b) > FALLBACK_ORDER.indexOf(preferred),
    ),
  ];
  const failures: string[] = [];
  for (const name of order) {
    const failure = await tryBackend(name, options);
    if (failure) {
      failures.push(failure);
      continue;
    }
    return {
      backend: name,
      renderer: name === 'webgl' ? readWebglRenderer() : null,
      fellBackFrom: name === preferred ? null : preferred,
      message: failures.length ? `${failures.join('; ')}; using ${name}.` : null,
    };
  }
  throw new Error(`No TensorFlow.js backend could start (${failures.join('; ')}).`);
}

/** How often the context is checked besides the event: a lost context leaves TF.js's reads waiting forever. */
const CONTEXT_POLL_MS = 250;

type WebglBackendLike = { gpgpu?: { gl?: { canvas?: EventTarget; isContextLost?: () => boolean } } };

/**
 * Calls onLost once when the WebGL context of the active webgl backend is lost: on the canvas's event or, where that
 * does not come (an OffscreenCanvas in a worker), on a poll of isContextLost. Returns a function that stops
 * watching; a no-op on other backends.
 */
export function watchWebglContext(onLost: (message: string) => void): () => void {
  const gl = (tf.backend() as unknown as WebglBackendLike).gpgpu?.gl;
  const canvas = gl?.canvas;
  if (!gl || !canvas || typeof canvas.addEventListener !== 'function') return () => {};
  let told = false;
  const listener = () => {
    if (told) return;
    told = true;
    onLost(
      'The WebGL context was lost (GPU reset or too much memory); the run stopped. Try the WASM backend.',
    );
  };
  canvas.addEventListener('webglcontextlost', listener);
  const poll = setInterval(() => {
    if (gl.isContextLost?.()) listener();
  }, CONTEXT_POLL_MS);
  return () => {
    clearInterval(poll);
    canvas.removeEventListener('webglcontextlost', listener);
  };
}

/** True when the active backend is webgl and its context is lost (a run may fail on an op before the event comes). */
export function isWebglContextLost(): boolean {
  return (tf.backend() as unknown as WebglBackendLike).gpgpu?.gl?.isContextLost?.() ?? false;
}
