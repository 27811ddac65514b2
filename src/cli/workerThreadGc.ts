// Commands that run on several worker threads (`score`, and `train`/`sweep`/`audit` with more than one worker) run with V8's
// garbage collector on each thread alone (--single-threaded-gc). The fast LSTM reads every tensor as a copy, so a
// scoring worker allocates ≈ 200 MB of ArrayBuffers per 512-user batch and starts a full collection every ~100 ms;
// by default V8 marks on its helper threads, which cost ≈ 35% on top of the workers' own CPU and, on 2 cores, took
// the second worker's core. On the worker's own thread the same collections cost the worker no measurable time
// (bench --only score, see README); data-parallel training gained too (dual on 2 workers, quiet machine: 1.29× →
// 1.37×). V8 flags are process-wide and fixed once V8 runs (setting this one at run time aborts V8), so the command
// relaunches itself once with the flag.

import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { defaultTrainWorkers } from '../core/training';

export const SINGLE_THREADED_GC = '--single-threaded-gc';

export function hasSingleThreadedGc(): boolean {
  return process.execArgv.includes(SINGLE_THREADED_GC);
}

/** The value of `--workers` as given (`--workers N` or `--workers=N`; '' when it has none), or undefined. */
function workersText(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workers') return argv[i + 1] ?? '';
    if (argv[i].startsWith('--workers=')) return argv[i].slice('--workers='.length);
  }
  return undefined;
}

/**
 * Whether `score` with these arguments runs on more than one worker thread (not `--stdin`, which scores on this
 * thread). A `--workers` value that is not a number is left to the command's own message.
 */
export function scoresOnWorkers(argv: readonly string[], cores = availableParallelism()): boolean {
  if (argv.includes('--stdin')) return false;
  const text = workersText(argv);
  const workers = text === undefined ? cores : Number(text);
  return Number.isInteger(workers) && workers > 1;
}

/**
 * Whether `train` or `sweep` with these arguments trains on more than one worker thread (default: cores − 1, at
 * most 8). The stock path trains on one; a value the command will refuse is left to its own message.
 */
export function trainsOnWorkers(argv: readonly string[], cores = availableParallelism()): boolean {
  const stock = argv.some((a, i) => a === '--impl=stock' || (a === '--impl' && argv[i + 1] === 'stock'));
  if (stock) return false;
  const text = workersText(argv);
  const workers = text === undefined ? defaultTrainWorkers(cores) : Number(text);
  return Number.isInteger(workers) && workers > 1;
}

/** Whether the command runs on more than one worker thread, and so relaunches with SINGLE_THREADED_GC. */
export function usesWorkerThreads(command: string, argv: readonly string[]): boolean {
  if (command === 'score') return scoresOnWorkers(argv);
  if (command === 'train' || command === 'sweep' || command === 'audit') return trainsOnWorkers(argv);
  return false;
}

/** Runs this same command line again in a child process with the flag; resolves with its exit code. */
export function relaunchWithSingleThreadedGc(argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [SINGLE_THREADED_GC, ...process.execArgv, process.argv[1], ...argv], {
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
