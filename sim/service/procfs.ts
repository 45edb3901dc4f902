import { readFileSync } from 'node:fs';

// Figures of a real host process from /proc, for ProcessList and the statistics of the system it runs in.
// A process that has gone (or a host without /proc) simply yields null.

export interface ProcSample {
  pid: number;
  /** The executable's name as the kernel reports it (/proc/<pid>/comm). */
  imageName: string;
  user100ns: number;
  kernel100ns: number;
  residentBytes: number;
  sharedBytes: number;
  /** Private data + stack: the closest thing to Windows' commit charge. */
  commitBytes: number;
}

const PAGE_BYTES = 4096;
/** USER_HZ is 100 on every Linux ABI Node supports; one tick is 100000 units of 100 ns. */
const TICK_100NS = 100_000;

export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // comm may contain spaces and parentheses: the fields after it start after the last ')'.
    const close = stat.lastIndexOf(')');
    const open = stat.indexOf('(');
    if (close < 0 || open < 0) return null;
    const imageName = stat.slice(open + 1, close);
    const rest = stat
      .slice(close + 2)
      .trim()
      .split(/\s+/);
    // rest[0] is field 3 (state); utime is field 14, stime field 15.
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    const statm = readFileSync(`/proc/${pid}/statm`, 'latin1').trim().split(/\s+/).map(Number);
    const [, resident = 0, shared = 0, , , data = 0] = statm;
    return {
      pid,
      imageName,
      user100ns: Number.isFinite(utime) ? utime * TICK_100NS : 0,
      kernel100ns: Number.isFinite(stime) ? stime * TICK_100NS : 0,
      residentBytes: resident * PAGE_BYTES,
      sharedBytes: shared * PAGE_BYTES,
      commitBytes: data * PAGE_BYTES,
    };
  } catch {
    return null;
  }
}
