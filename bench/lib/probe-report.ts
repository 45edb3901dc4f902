import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPORT_TIMEOUT_MS = 30_000;

/**
 * Asks a server for report `n` of a probe preloaded into it (bench/core/loop-lag.mjs, bench/memory/heap-probe.mjs:
 * each answers SIGUSR2 by writing `<dir>/<n>.json` whole, then renaming it) and waits for the file.
 */
export async function probeReport<T>(pid: number, dir: string, n: number, what: string): Promise<T> {
  process.kill(pid, 'SIGUSR2');
  const file = join(dir, `${n}.json`);
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the server wrote no ${what} report ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
