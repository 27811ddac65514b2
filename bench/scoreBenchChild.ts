// The score bench in a process of its own, started with --single-threaded-gc as `score` starts itself
// (src/cli/scoringGc.ts): V8 flags are process-wide, and the other benches run without it. Progress on stderr, the
// rows as one JSON line on stdout. Usage: node --single-threaded-gc --import tsx bench/scoreBenchChild.ts USERS

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SINGLE_THREADED_GC } from '../src/cli/scoringGc';
import { runScoreBench, type ScoreBenchRow } from './scoreBench';

/** Runs the score bench in a child process with the flag and resolves with its rows. */
export function runScoreBenchInChild(users: number): Promise<ScoreBenchRow[]> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [SINGLE_THREADED_GC, '--import', 'tsx', script, String(users)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`the score bench's process failed (exit ${code})`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ScoreBenchRow[]);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runScoreBench({ users: Number(process.argv[2]), log: (line) => process.stderr.write(`${line}\n`) }).then(
    (rows) => process.stdout.write(`${JSON.stringify(rows)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
