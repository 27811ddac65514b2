// Starts TF.js in Node for the CLI: WASM (SIMD, one thread) from the installed package's files, or the CPU backend.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend, type BackendInfo } from '../core/backend';
import { UsageError } from './args';

const require = createRequire(import.meta.url);

export function resolveWasmDir(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

export async function startNodeBackend(name: string | undefined): Promise<BackendInfo> {
  const backend = name ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu in Node (WebGL needs a browser), got "${backend}"`);
  return initBackend(backend, { wasmPaths: resolveWasmDir() });
}
