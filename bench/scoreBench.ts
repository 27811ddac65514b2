// Scoring throughput by worker threads: the same users and dual-LSTM model scored over 1 worker and over N
// (default: every core), side by side in one process, with the main process's peak memory and the CPU time of the
// main thread, the workers and V8's helper threads, to show where the work ran. On a shared machine the rates swing
// with other load; the CPU times barely do, so each row also gives the ratio they imply on idle cores.

import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { exportModelArtifacts } from '../src/core/bundle';
import { buildFeatureSpec, specWidth } from '../src/core/features';
import { buildModel } from '../src/core/models/build';
import { DEFAULT_HYPERPARAMETERS } from '../src/core/models/hyperparameters';
import { generateDemo } from '../src/core/synthetic';
import { scoreStoreOnPool, startWorkerPool } from '../src/cli/workerPool';
import { readThreadCpu, splitThreadCpu, type CpuSplit } from './threadCpu';

export interface ScoreBenchRow {
  environment: string;
  model: string;
  users: number;
  workers: number;
  usersPerSec: number;
  speedup: number;
  peakRssMB: number;
  /** CPU seconds while scoring of the main thread, the worker threads and the helper threads; null off Linux */
  cpu: CpuSplit | null;
  /**
   * × 1 worker on idle cores, from the CPU times (see idleCoresSeconds): how the rates would compare if this process
   * had the machine to itself
   */
  idleCoresSpeedup: number | null;
  /** share of the scoring time the worker threads' event loops were busy (mean over workers): 1 = never waiting */
  workerBusy: number;
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
  let oneWorkerCpu: number | null = null;
  for (const workers of options.workers ?? [1, availableParallelism()]) {
    const existing = readThreadCpu();
    const pool = await startWorkerPool(workers, { modelJson, weights, kind, backend: 'wasm' });
    try {
      const loops = pool.threads.map((t) => t.performance.eventLoopUtilization());
      const cpuBefore = readThreadCpu();
      const started = performance.now();
      await scoreStoreOnPool(pool, world.store, spec, workers);
      const seconds = (performance.now() - started) / 1000;
      const cpu = splitThreadCpu(existing, cpuBefore, readThreadCpu());
      if (workers === 1 && cpu) oneWorkerCpu = cpu.workers;
      const workerBusy =
        pool.threads.reduce((a, t, i) => a + t.performance.eventLoopUtilization(loops[i]).utilization, 0) /
        workers;
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
        cpu,
        idleCoresSpeedup: cpu && oneWorkerCpu !== null ? oneWorkerCpu / idleCoresSeconds(cpu, workers) : null,
        workerBusy,
      });
      options.log(
        `score: ${workers} workers, ${Math.round(usersPerSec)} users/s in ${seconds.toFixed(1)} s, CPU s ` +
          (cpu
            ? `main ${cpu.main.toFixed(2)}, workers ${cpu.workers.toFixed(2)}, helpers ${cpu.helpers.toFixed(2)}`
            : 'not readable here') +
          `, workers busy ${(workerBusy * 100).toFixed(0)}%`,
      );
    } finally {
      await pool.close();
    }
  }
  return rows;
}

/**
 * Wall seconds on idle cores: a worker's share of the worker time, or, when that is shorter, all the CPU time spread
 * over every core (then the helpers and the main thread take time the workers would have had).
 */
function idleCoresSeconds(cpu: CpuSplit, workers: number): number {
  return Math.max(cpu.workers / workers, (cpu.main + cpu.workers + cpu.helpers) / availableParallelism());
}

export function formatScoreBench(rows: readonly ScoreBenchRow[]): string {
  const head =
    'environment      model    users       workers   users/s   × 1 worker   peak RSS MB   CPU s: main  workers  ' +
    'helpers   idle-core ×   workers busy';
  const cpuText = (v: number | undefined) => (v === undefined ? '?' : v.toFixed(2));
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(15),
      r.model.padEnd(8),
      r.users.toLocaleString('en-US').padStart(10),
      String(r.workers).padStart(8),
      r.usersPerSec.toFixed(0).padStart(9),
      r.speedup.toFixed(2).padStart(11),
      r.peakRssMB.toFixed(0).padStart(12),
      cpuText(r.cpu?.main).padStart(11),
      cpuText(r.cpu?.workers).padStart(7),
      cpuText(r.cpu?.helpers).padStart(7),
      (r.idleCoresSpeedup === null ? '?' : r.idleCoresSpeedup.toFixed(2)).padStart(11),
      `${(r.workerBusy * 100).toFixed(0)}%`.padStart(13),
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}
