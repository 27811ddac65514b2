// Scoring throughput by worker threads: the same users and dual-LSTM model scored over 1 worker and over N
// (default: every core), side by side in one process, with the main process's peak memory and the CPU time of the
// main thread against the whole process (the workers), to show where the work ran.

import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { exportModelArtifacts } from '../src/core/bundle';
import { buildFeatureSpec, specWidth } from '../src/core/features';
import { buildModel } from '../src/core/models/build';
import { DEFAULT_HYPERPARAMETERS } from '../src/core/models/hyperparameters';
import { generateDemo } from '../src/core/synthetic';
import { scoreStoreOnPool, startWorkerPool } from '../src/cli/workerPool';
import { cpuSince, readCpuSeconds } from './threadCpu';

export interface ScoreBenchRow {
  environment: string;
  model: string;
  users: number;
  workers: number;
  usersPerSec: number;
  speedup: number;
  peakRssMB: number;
  /** CPU seconds of the main thread while scoring; null off Linux */
  mainCpuSec: number | null;
  /** CPU seconds of every thread of the process while scoring (main + workers) */
  allCpuSec: number;
}

export async function runScoreBench(options: {
  users: number;
  workers?: number[];
  log: (line: string) => void;
}): Promise<ScoreBenchRow[]> {
  await tf.setBackend('cpu');
  const world = generateDemo({ users: options.users, seed: 42 });
  const spec = buildFeatureSpec(world.store);
  const kind = 'dual';
  const model = buildModel(kind, DEFAULT_HYPERPARAMETERS[kind], {
    width: specWidth(spec),
    months: spec.months,
    days: spec.days,
  });
  const { modelJson, weights } = await exportModelArtifacts(model);
  model.dispose();
  const rows: ScoreBenchRow[] = [];
  for (const workers of options.workers ?? [1, availableParallelism()]) {
    const pool = await startWorkerPool(workers, { modelJson, weights, kind, backend: 'wasm' });
    try {
      const cpuBefore = readCpuSeconds();
      const started = performance.now();
      await scoreStoreOnPool(pool, world.store, spec, workers);
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSince(cpuBefore);
      const usersPerSec = options.users / seconds;
      const speedup = rows.length ? usersPerSec / rows[0].usersPerSec : 1;
      const peakRssMB = process.resourceUsage().maxRSS / 1024;
      rows.push({
        environment: 'node',
        model: kind,
        users: options.users,
        workers,
        usersPerSec,
        speedup,
        peakRssMB,
        mainCpuSec: cpu.main,
        allCpuSec: cpu.all,
      });
      options.log(
        `score: ${workers} workers, ${Math.round(usersPerSec)} users/s, CPU ${cpu.all.toFixed(1)} s ` +
          `(main thread ${cpu.main === null ? '?' : cpu.main.toFixed(1)} s) in ${seconds.toFixed(1)} s`,
      );
    } finally {
      await pool.close();
    }
  }
  return rows;
}

export function formatScoreBench(rows: readonly ScoreBenchRow[]): string {
  const head =
    'environment      model    users       workers   users/s   × 1 worker   peak RSS MB   main CPU s   all CPU s';
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(15),
      r.model.padEnd(8),
      r.users.toLocaleString('en-US').padStart(10),
      String(r.workers).padStart(8),
      r.usersPerSec.toFixed(0).padStart(9),
      r.speedup.toFixed(2).padStart(11),
      r.peakRssMB.toFixed(0).padStart(12),
      (r.mainCpuSec === null ? '?' : r.mainCpuSec.toFixed(1)).padStart(11),
      r.allCpuSec.toFixed(1).padStart(10),
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}
