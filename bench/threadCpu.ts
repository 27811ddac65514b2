// CPU time of the main thread apart from the whole process, so a bench can show where the work ran: Node 20 has no
// per-thread CPU clock, so on Linux the main thread's own counters come from /proc (its thread id is the process id).

import { readFileSync } from 'node:fs';

/** /proc reports thread CPU time in USER_HZ ticks, fixed at 100 per second by the kernel's ABI. */
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  /** this thread (the main thread) alone; null where /proc is not there to read */
  main: number | null;
  /** every thread of the process: main, workers, GC and I/O helpers */
  all: number;
}

export function readCpuSeconds(): CpuSeconds {
  const { user, system } = process.cpuUsage();
  return { main: mainThreadSeconds(), all: (user + system) / 1e6 };
}

/** CPU seconds spent between two readings. */
export function cpuSince(before: CpuSeconds): CpuSeconds {
  const now = readCpuSeconds();
  return {
    main: now.main === null || before.main === null ? null : now.main - before.main,
    all: now.all - before.all,
  };
}

function mainThreadSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // The name in parentheses may hold spaces: fields are counted from the last ')', where field 3 (state) starts;
    // utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
