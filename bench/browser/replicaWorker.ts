// Web Worker entry of one data-parallel replica for the Chromium training benchmark: the core's serveReplica on the
// backend the coordinator names, WASM binaries from the `wasm` query parameter of this worker's URL.

import { initBackend } from '../../src/core/backend';
import type { BackendName } from '../../src/core/models';
import { serveReplica, type ReplicaRequest } from '../../src/core/training';

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];
const wasmBase = new URL(self.location.href).searchParams.get('wasm') ?? '/wasm/';
const scope = self as unknown as DedicatedWorkerGlobalScope;

serveReplica(
  {
    post: (reply, transfer) => scope.postMessage(reply, transfer),
    listen: (onRequest) => (scope.onmessage = (e: MessageEvent<ReplicaRequest>) => onRequest(e.data)),
  },
  async (setup) => {
    const wasmPaths = Object.fromEntries(WASM_FILES.map((f) => [f, `${wasmBase}${f}`]));
    const info = await initBackend(setup.backend as BackendName, { wasmPaths, threads: false });
    if (info.backend !== setup.backend)
      throw new Error(`backend ${setup.backend} did not start: ${info.message}`);
  },
);
