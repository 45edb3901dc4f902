// Small helpers shared by the native tests.
import { readdirSync, readFileSync } from 'node:fs';

/** Waits (yielding to the event loop) until `condition` holds; the test's timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Waits until this process holds exactly the descriptors `expected` again, and returns what it holds then.
 * Exactly, not as many: a library thread may close its socket while the listing runs, and the listing's own
 * directory descriptor then takes a higher number — the count matches for a moment while the set does not.
 * The deadline only bounds the failure message (a leak never settles); it is not a synchronisation.
 */
export async function descriptorsBackTo(expected: number[]): Promise<number[]> {
  const same = (list: number[]) =>
    list.length === expected.length && list.every((fd, i) => fd === expected[i]);
  let list = openDescriptors();
  const deadline = Date.now() + 10_000;
  while (!same(list) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    list = openDescriptors();
  }
  return list;
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
