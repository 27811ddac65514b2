// CPU time per thread of this process, so a bench can show where the work ran: the main thread, the worker threads
// started after a reading, and the threads there before them (V8's platform threads: garbage collection and
// compilation helpers, libuv). Node 20 has no per-thread CPU clock: on Linux the counters come from /proc.

import { readFileSync, readdirSync } from 'node:fs';

/** /proc reports thread CPU time in USER_HZ ticks, fixed at 100 per second by the kernel's ABI. */
const TICKS_PER_SECOND = 100;

/** thread id → CPU seconds (user + system); empty where /proc is not there to read */
export type ThreadCpu = Map<string, number>;

export function readThreadCpu(): ThreadCpu {
  const threads: ThreadCpu = new Map();
  let ids: string[];
  try {
    ids = readdirSync('/proc/self/task');
  } catch {
    return threads;
  }
  for (const id of ids) {
    try {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      // The name in parentheses may hold spaces: fields are counted from the last ')', where field 3 (state)
      // starts; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(id, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return threads;
}

export interface CpuSplit {
  /** the main thread */
  main: number;
  /** threads that were not there at `existing` (the workers started since) */
  workers: number;
  /** the other threads that were (V8's and libuv's helpers) */
  helpers: number;
}

/**
 * CPU seconds between `from` and `to`, split by thread. `existing` is a reading taken before the workers started;
 * null where /proc could not be read.
 */
export function splitThreadCpu(existing: ThreadCpu, from: ThreadCpu, to: ThreadCpu): CpuSplit | null {
  const main = String(process.pid);
  if (!to.has(main)) return null;
  const split: CpuSplit = { main: 0, workers: 0, helpers: 0 };
  for (const [id, seconds] of to) {
    const spent = seconds - (from.get(id) ?? 0);
    if (id === main) split.main += spent;
    else if (existing.has(id)) split.helpers += spent;
    else split.workers += spent;
  }
  return split;
}
