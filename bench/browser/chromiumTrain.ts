// Chromium half of the training benchmark: bundles trainWorker.ts, serves it with the WASM binaries on 127.0.0.1
// (port 4600–4699), and times stock against fast inside a real Web Worker of headless system Chromium.

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { resolveWasmDir } from '../../src/cli/nodeBackend';
import { bundleForBrowser, launchBenchChromium } from './chromium';
import type { BackendName, ModelKind } from '../../src/core/models';
import type { TrainingImpl } from '../../src/core/training';
import type { Measurement } from '../trainCore';

/** Node branches of the emscripten glue; never taken in a browser. */
const NODE_ONLY_MODULES = ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto'];

export interface BrowserJob {
  kind: ModelKind;
  impl: TrainingImpl;
  batches: number;
  backend: BackendName;
  /** data-parallel workers (replica sub-workers spawned by the bench worker); absent: 1 */
  workers?: number;
  /** WASM threads in each worker (XNNPACK's pool; needs the page cross-origin isolated); absent: 1 */
  threads?: number;
}

export interface BrowserMeasurement extends Measurement {
  job: BrowserJob;
  renderer: string | null;
  /** the worker's WASM heap after the job (its high-water mark), MB */
  wasmHeapMB: number;
}

async function serve(worker: string, replica: string): Promise<{ server: Server; origin: string }> {
  const dir = resolveWasmDir();
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    // cross-origin isolation, so SharedArrayBuffer (and with it threaded WASM) exists in the page and its workers
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-embedder-policy', 'require-corp');
    if (url === '/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker);
    } else if (url.startsWith('/replica.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(replica);
    } else if (url.startsWith('/wasm/') && url.endsWith('.wasm')) {
      res
        .writeHead(200, { 'content-type': 'application/wasm' })
        .end(readFileSync(join(dir, url.slice(6).replace(/[^\w.-]/g, ''))));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>train bench</title>');
    }
  });
  for (let port = 4600; port < 4700; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, origin: `http://127.0.0.1:${port}` };
  }
  throw new Error('No free port in 4600–4699 for the training benchmark page.');
}

/** Runs each job in a fresh worker (a fresh WASM heap, so peaks do not carry over) and returns its measurement. */
export async function runChromiumTrainJobs(
  jobs: BrowserJob[],
  log: (line: string) => void = () => {},
): Promise<BrowserMeasurement[]> {
  const { server, origin } = await serve(
    await bundleForBrowser(new URL('./trainWorker.ts', import.meta.url), NODE_ONLY_MODULES),
    await bundleForBrowser(new URL('./replicaWorker.ts', import.meta.url), NODE_ONLY_MODULES),
  );
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const results: BrowserMeasurement[] = [];
    for (const job of jobs) {
      const reply = await page.evaluate(
        ({ job, wasmBase }) =>
          new Promise<{ ok: boolean; result?: Omit<BrowserMeasurement, 'job'>; error?: string }>(
            (resolve) => {
              const worker = new Worker('/worker.js');
              worker.onmessage = (e) => {
                worker.terminate();
                resolve(e.data);
              };
              worker.onerror = (e) => resolve({ ok: false, error: e.message });
              worker.postMessage({ ...job, wasmBase });
            },
          ),
        { job, wasmBase: `${origin}/wasm/` },
      );
      if (!reply.ok || !reply.result)
        throw new Error(`Chromium worker ${job.kind}/${job.impl}/${job.backend}: ${reply.error}`);
      log(
        `chromium ${job.backend} ${job.kind} ${job.impl} ×${job.workers ?? 1}${job.threads ? ` (${job.threads} WASM threads)` : ''}: ${reply.result.samplesPerSec.toFixed(1)} samples/s, step tensors ${reply.result.peakTensorMB.toFixed(0)} MB, WASM heap ${reply.result.wasmHeapMB.toFixed(0)} MB`,
      );
      results.push({ ...reply.result, job });
    }
    return results;
  } finally {
    await browser.close();
    server.close();
  }
}
