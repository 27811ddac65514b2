// Runs a child process and samples its memory from /proc (Linux): the kernel's own high-water mark (VmHWM) is
// the peak RSS, whatever the child does between two samples. Elsewhere the peak reads as null.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildMemory {
  /** peak RSS in MB (VmHWM), the last value read before the child exited */
  peakRssMB: number | null;
  /** RSS in MB at each mark() call, e.g. after each quarter of the input */
  marks: number[];
}

function readStatusMB(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface WatchedChild {
  child: ChildProcess;
  /** records the child's RSS now */
  mark(): void;
  /** resolves with the exit code, stdout and stderr text (when piped) and the memory figures */
  done: Promise<{ code: number | null; stdout: string; stderr: string; memory: ChildMemory }>;
}

export function spawnWatched(
  command: string,
  args: string[],
  options: { stdin: 'pipe' | 'ignore'; collectStdout: boolean },
): WatchedChild {
  const child = spawn(command, args, { stdio: [options.stdin, 'pipe', 'pipe'] });
  const memory: ChildMemory = { peakRssMB: null, marks: [] };
  const sample = () => {
    const hwm = child.pid ? readStatusMB(child.pid, 'VmHWM') : null;
    if (hwm != null) memory.peakRssMB = Math.max(memory.peakRssMB ?? 0, hwm);
  };
  const timer = setInterval(sample, 200);
  let stdout = '';
  let stderr = '';
  // Read stdout always (a full pipe would stall the child); keep it only when asked.
  child.stdout!.on('data', (b: Buffer) => {
    if (options.collectStdout) stdout += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; memory: ChildMemory }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        clearInterval(timer);
        resolve({ code, stdout, stderr, memory });
      });
    },
  );
  return {
    child,
    mark() {
      sample();
      const rss = child.pid ? readStatusMB(child.pid, 'VmRSS') : null;
      if (rss != null) memory.marks.push(rss);
    },
    done,
  };
}
