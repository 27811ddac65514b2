// The Node half of the training bench in a process of its own, started with --single-threaded-gc as `train --workers
// N` (N > 1) starts itself (src/cli/workerThreadGc.ts): V8 flags are process-wide, and the other benches run without
// it. Both the one-worker and the N-worker rows run under it, so their ratio compares like with like. Progress on
// stderr, the rows as one JSON line on stdout. Usage: node --single-threaded-gc --import tsx bench/trainBenchChild.ts OPTIONS_JSON

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SINGLE_THREADED_GC } from '../src/cli/workerThreadGc';
import { runTrainBench, type TrainBenchOptions, type TrainBenchRow } from './trainBench';

type ChildOptions = Omit<TrainBenchOptions, 'browser' | 'log'>;

/** Runs the Node rows of the training bench in a child process with the flag and resolves with them. */
export function runNodeTrainBenchInChild(options: ChildOptions): Promise<TrainBenchRow[]> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [SINGLE_THREADED_GC, '--import', 'tsx', script, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`the training bench's process failed (exit ${code})`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as TrainBenchRow[]);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = JSON.parse(process.argv[2]) as ChildOptions;
  runTrainBench({ ...options, browser: false, log: (line) => process.stderr.write(`${line}\n`) }).then(
    (rows) => process.stdout.write(`${JSON.stringify(rows)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
