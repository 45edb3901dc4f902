// Small helpers shared by the native tests.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Waits (yielding to the event loop) until `condition` holds; the test's timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * This process's open descriptors, each as "number → what it is" (the link in /proc/self/fd: `pipe:[…]`,
 * `socket:[…]`, a path): a number that was closed and opened again for something else is a new entry.
 */
export function descriptorEntries(): string[] {
  const entries: string[] = [];
  for (const fd of openDescriptors()) {
    try {
      entries.push(`${fd} → ${readlinkSync(`/proc/self/fd/${fd}`)}`);
    } catch {
      // Closed while listed (the listing's own directory descriptor, a library thread's socket).
    }
  }
  return entries;
}

/**
 * Waits until this process holds no descriptor beyond `before` (descriptorEntries() taken when the test began)
 * and returns those it still holds beyond them: [] when the test left nothing open. A descriptor of `before`
 * that has gone since is not this test's: the previous test's sockets close asynchronously, after it ended.
 * Entries, not counts: a socket closing while another opens keeps the count for a moment. The deadline only
 * bounds the failure message (a leak never goes); it is not a synchronisation.
 */
export async function descriptorsBeyond(before: readonly string[]): Promise<string[]> {
  const known = new Set(before);
  const beyond = () => descriptorEntries().filter((entry) => !known.has(entry));
  let left = beyond();
  const deadline = Date.now() + 10_000;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    left = beyond();
  }
  return left;
}

/** The descriptors this process has open right now. */
export function openDescriptors(): number[] {
  return readdirSync('/proc/self/fd')
    .map(Number)
    .sort((a, b) => a - b);
}

/** Whether a descriptor of this process is close-on-exec (O_CLOEXEC, octal 02000000 in fdinfo's flags). */
export function isCloseOnExec(fd: number): boolean {
  const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
  if (flags === undefined) throw new Error(`no flags for fd ${fd}`);
  return (parseInt(flags, 8) & 0o2000000) !== 0;
}

/** HRESULTs in assertions, as Windows prints them. */
export { formatHresult as hex } from '../../../src/base/index.ts';
