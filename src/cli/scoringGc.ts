// `score` on worker threads runs with V8's garbage collector on each thread alone (--single-threaded-gc). The fast
// LSTM's forward pass allocates ≈ 200 MB of ArrayBuffers per 512-user batch (every read of a tensor is a copy), so each
// worker starts a full collection every ~100 ms; by default V8 marks on its helper threads, which cost ≈ 35% on top of
// the workers' own CPU and, on 2 cores, took the second worker's core. On the worker's own thread the same collections
// cost the worker no measurable time (bench --only score, see README). V8 flags are process-wide and fixed once V8
// runs (setting this one at run time aborts V8), so the command relaunches itself once with the flag.

import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

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
