// The soak's machinery in one short run (bench/soak.ts, `npm run soak -- --minutes 1`): its own simulator and
// web-mode server on loopback, two Chromium pages, every kind of action of the workload, faults included; then
// every figure measured before, during and after, and the verdicts. The figures that must come back exactly
// (handles, callback registrations, processes, descriptors, active resources, event listeners, koffi
// callbacks, WebSockets, exec sessions, pending operations) must have come back: a leak of any of them in the
// app fails this test. Memory and the click times are not asserted here — a minute on a shared machine is
// noise for them; they are the full soak's to judge (20 minutes, run by hand, see docs/soak.md). That the
// verdict logic itself catches a leak is shown with planted leaks in bench/soak/verdict.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../bench/soak/report.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hcs-soak-test-'));
let running: ChildProcess | null = null;
afterAll(async () => {
  // Past the time limit: the soak stops its server, simulator and browser on SIGTERM (run-soak.ts).
  if (running && running.exitCode === null && running.signalCode === null) {
    const closed = new Promise((r) => running!.once('close', r));
    running.kill('SIGTERM');
    await closed;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The soak's own limits bound it (each lane, each wait, the settle); this only catches a driver that hangs. */
const RUN_LIMIT_MS = 30 * 60_000;

function soak(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/soak.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, HCS_SOAK_KEEP_LOGS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output = (output + d).slice(-200_000)));
  return new Promise((r) => child.on('close', (code) => r({ code, output })));
}

describe.skipIf(process.platform !== 'linux')('the soak, one minute', () => {
  it(
    'measures every figure before, during and after, and nothing it holds has grown',
    async () => {
      const json = join(dir, 'verdict.json');
      const { code, output } = await soak([
        ...['--minutes', '1', '--warmup', '0.2', '--quick-warmup', '--systems', '40', '--rounds', '3'],
        ...['--json', json],
      ]);
      // 0: every verdict passed; 1: one failed (memory or a click time may, on a loaded machine).
      expect([0, 1], output).toContain(code);
      const verdict = JSON.parse(readFileSync(json, 'utf8')) as Verdict;
      const rows = new Map(verdict.rows.map((row) => [row.name, row]));

      for (const name of [
        'server: RSS',
        'server: JS heap used',
        'server: open fds',
        'server: event listeners',
        'server: active resources',
        'server: koffi callbacks',
        'server: WebSocket connections',
        'server: unhandled rejections',
        'simulator: RSS',
        'simulator: JS heap used',
        'simulator: open fds',
        'simulator: event listeners',
        'sim: system handles',
        'sim: process handles',
        'sim: callback registrations',
        'sim: processes running',
        'app: exec sessions',
        'page A (operator): JS heap',
        'page A (operator): DOM nodes',
        'page A (operator): JS event listeners',
        'page B (watcher): DOM nodes',
        'UI: click a system → its details (median of 3)',
      ])
        expect(rows.has(name), `${name} is measured`).toBe(true);

      // The pages, the contract client of the driver, and the koffi callbacks the HCS binding registers.
      expect(rows.get('server: WebSocket connections')!.before).toBe(3);
      expect(rows.get('server: koffi callbacks')!.before).toBeGreaterThan(0);
      expect(rows.get('sim: system handles')!.before).toBe(40);
      // Sampled during the timed workload too.
      expect(rows.get('server: RSS')!.during).toBeGreaterThan(0);
      expect(rows.get('sim: system handles')!.during).toBeGreaterThanOrEqual(40);

      const grown = verdict.rows.filter((row) => row.bound.kind !== 'ratio' && !row.pass);
      expect(
        grown.map((row) => `${row.name}: ${row.before} → ${row.after}`),
        output,
      ).toEqual([]);
      expect(verdict.workload.pass, verdict.workload.detail).toBe(true);
    },
    RUN_LIMIT_MS,
  );
});
