// Training throughput at the method's scale (C = 2,000, M = 18, D = 90, hidden 64, batch 64, realistic sparsity):
// stock layers on dense inputs against the fast sparse path, side by side in one process, per backend.

import { initBackend } from '../src/core/backend';
import type { BackendName, ModelKind } from '../src/core/models';
import type { TrainingImpl } from '../src/core/training';
import { startTrainReplicas } from '../src/cli/trainReplicas';
import { measureTraining } from './trainCore';
import { runChromiumTrainJobs, type BrowserJob } from './browser/chromiumTrain';

export { BENCH_SCALE, createBenchBatch } from './trainCore';

function jsHeapMB(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export interface TrainBenchRow {
  environment: 'node' | 'chromium-worker';
  model: ModelKind;
  backend: BackendName;
  impl: TrainingImpl;
  /** data-parallel workers (replicas), this thread included */
  workers: number;
  /** WASM threads in each worker (XNNPACK's pool, cross-origin isolated page): 1 but in its own Chromium row */
  wasmThreads: number;
  samplesPerSec: number;
  ratioToStock: number | null;
  /** samples/s against the same row on one worker */
  ratioToOneWorker: number | null;
  secondsPerEpoch10k: number;
  /** JS heap (largest seen; not exposed in a Chromium worker) + peak tensor bytes of one step, MB */
  peakMemoryMB: number;
  peakTensorMB: number;
  batchesTimed: number;
}

export interface TrainBenchOptions {
  backends?: BackendName[];
  models?: ModelKind[];
  wasmPaths?: string;
  fastBatches?: number;
  stockBatches?: number;
  /** skip stock rows whose single batch would take minutes (dual on cpu) */
  skipSlowStock?: boolean;
  /** data-parallel worker counts of the fast rows (default 1 and 2) */
  workers?: number[];
  /** also measure in a headless Chromium Web Worker (WASM one thread, and WebGL) */
  browser?: boolean;
  log?: (line: string) => void;
}

/**
 * The reference setting: WASM, one thread, in a real browser worker; plus WebGL through SwiftShader.
 * lstm and dual only; the stock dual on WebGL is skipped with skipSlowStock (minutes per batch).
 */
async function measureInChromium(
  models: ModelKind[],
  counts: { fast: number; stock: number; workers: number[] },
  skipSlowStock: boolean,
  log: (line: string) => void,
) {
  const jobs: BrowserJob[] = [];
  for (const backend of ['wasm', 'webgl'] as const) {
    for (const impl of ['fast', 'stock'] as const) {
      for (const kind of models.filter((m) => m !== 'shallow')) {
        if (
          impl === 'stock' &&
          (counts.stock === 0 || (skipSlowStock && backend === 'webgl' && kind === 'dual'))
        )
          continue;
        // data-parallel rows on WASM only: WebGL sub-workers would share one (software) GPU
        const workerCounts = impl === 'fast' && backend === 'wasm' ? counts.workers : [1];
        for (const workers of workerCounts)
          jobs.push({ kind, impl, backend, batches: counts[impl], workers });
        // the other way to use a second core (issue 16): one worker whose matrix products run on 2 WASM threads
        if (impl === 'fast' && backend === 'wasm' && kind === 'dual' && counts.workers.some((w) => w > 1))
          jobs.push({ kind, impl, backend, batches: counts[impl], workers: 1, threads: 2 });
      }
    }
  }
  const measured = await runChromiumTrainJobs(jobs, log);
  return measured.map((m): TrainBenchRow => ({
    environment: 'chromium-worker',
    model: m.job.kind,
    backend: m.job.backend,
    impl: m.job.impl,
    workers: m.job.workers ?? 1,
    wasmThreads: m.job.threads ?? 1,
    samplesPerSec: m.samplesPerSec,
    ratioToStock: null,
    ratioToOneWorker: null,
    secondsPerEpoch10k: 10000 / m.samplesPerSec,
    peakMemoryMB: m.peakMemoryMB,
    peakTensorMB: m.peakTensorMB,
    batchesTimed: m.job.batches,
  }));
}

export async function runTrainBench(options: TrainBenchOptions = {}): Promise<TrainBenchRow[]> {
  const {
    backends = ['wasm', 'cpu'],
    models = ['shallow', 'lstm', 'dual'],
    fastBatches = 8,
    workers: workerCounts = [1, 2],
    stockBatches = 2,
    skipSlowStock = true,
    log = () => {},
  } = options;
  const rows: TrainBenchRow[] = [];
  for (const backend of backends) {
    const info = await initBackend(backend, { wasmPaths: options.wasmPaths });
    if (info.backend !== backend) {
      log(`skipping ${backend}: ${info.message}`);
      continue;
    }
    // fast rows first: the WASM heap never shrinks, so a stock row would inflate every later peak
    for (const impl of (stockBatches > 0 ? ['fast', 'stock'] : ['fast']) as TrainingImpl[]) {
      for (const model of models) {
        if (impl === 'stock' && skipSlowStock && backend === 'cpu' && model === 'dual') continue;
        // the stock path trains on one worker only (trainOnBatch gives no gradients to share)
        for (const count of impl === 'fast' ? workerCounts : [1]) {
          const batches = impl === 'fast' ? fastBatches : stockBatches;
          const links = count > 1 ? startTrainReplicas(count - 1) : [];
          const m = await measureTraining(model, impl, batches, jsHeapMB, links);
          rows.push({
            environment: 'node',
            model,
            backend,
            impl,
            workers: count,
            wasmThreads: 1,
            samplesPerSec: m.samplesPerSec,
            ratioToStock: null,
            ratioToOneWorker: null,
            secondsPerEpoch10k: 10000 / m.samplesPerSec,
            peakMemoryMB: m.peakMemoryMB,
            peakTensorMB: m.peakTensorMB,
            batchesTimed: batches,
          });
          log(
            `${backend} ${model} ${impl} ×${count}: ${m.samplesPerSec.toFixed(1)} samples/s, peak ${m.peakMemoryMB.toFixed(0)} MB`,
          );
        }
      }
    }
  }
  if (options.browser) {
    rows.push(
      ...(await measureInChromium(
        models,
        { fast: fastBatches, stock: stockBatches, workers: workerCounts },
        skipSlowStock,
        log,
      )),
    );
  }
  for (const row of rows) {
    const stock = rows.find(
      (r) =>
        r.environment === row.environment &&
        r.backend === row.backend &&
        r.model === row.model &&
        r.impl === 'stock',
    );
    row.ratioToStock = stock ? row.samplesPerSec / stock.samplesPerSec : null;
    const one = rows.find(
      (r) =>
        r.environment === row.environment &&
        r.backend === row.backend &&
        r.model === row.model &&
        r.impl === row.impl &&
        r.workers === 1 &&
        r.wasmThreads === 1,
    );
    row.ratioToOneWorker = one ? row.samplesPerSec / one.samplesPerSec : null;
  }
  return rows;
}
