/**
 * The app core in the web-mode server (the process that is Electron's main process in the desktop app), each
 * figure beside a baseline measured in the same run:
 *  1. event-loop lag while 20 HCS calls each take 1 s (the simulator's latency fault) and notifications arrive
 *     (20 other systems paused and resumed in turn): the server's own loop delay, max and p99, measured inside it
 *     (bench/core/loop-lag.mjs), beside the same server's loop idle for as long;
 *     With `--profile` the server is profiled, and the report says what it ran during each phase's longest stall.
 *  2. HCS calls per second for statistics with 3 windows watching the same 10 systems, beside 1 window
 *     (the simulator's call log, properties calls only): the core's one sampler per system should make them equal.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fixture } from '../sim/control/types.ts';
import { probeReport } from './lib/probe-report.ts';
import type { PageProfiler } from './lib/profile.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { Observer, startApp, type AppUnderTest } from './ui-list/app-server.ts';

const SLOW_CALLS = 20;
const SLOW_CALL_MS = 1_000;
const NOTIFYING = 20;
/** Each phase (idle, loaded) lasts this long. */
const PHASE_MS = 8_000;
const STATS_SYSTEMS = 10;
const STATS_WINDOWS = 3;
/** The core's default statistics interval is 1 s: a window of this many seconds counts ~this many rounds. */
const STATS_WINDOW_MS = 10_000;
const STATE_TIMEOUT_MS = 60_000;

const slowId = (i: number) => `slow-${String(i).padStart(2, '0')}`;
const busyId = (i: number) => `busy-${String(i).padStart(2, '0')}`;
const statsId = (i: number) => `stats-${String(i).padStart(2, '0')}`;

function running(ids: readonly string[]): Fixture {
  return {
    completionDelayMs: 0,
    systems: ids.map((id) => ({ id, systemType: 'Container', runtimeOsType: 'windows', state: 'Running' })),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LagReport {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  samples: number;
  /** The part of the stalls during which the server itself ran (bench/core/loop-lag.mjs). */
  busyMaxMs: number;
  busyP99Ms: number;
  /** The latest tick of the phase: when it ran (µs, the monotonic clock of Node's CPU profiles) and how late. */
  longest: { endUs: number; lateMs: number; cpuMs: number };
}

/** The stretch of the server's profile a phase's longest stall covers (plus the 1 ms the timer waits anyway). */
function stallWindow(phase: string, report: LagReport) {
  const { endUs, lateMs, cpuMs } = report.longest;
  return {
    title: `core-lag-server: the ${phase} phase's longest stall (${lateMs.toFixed(1)} ms late, ${cpuMs.toFixed(1)} ms of CPU)`,
    fromUs: endUs - (lateMs + 1) * 1000,
    toUs: endUs,
  };
}

/** The server's loop delay since the last report (bench/core/loop-lag.mjs). */
function lagReport(app: AppUnderTest, dir: string, n: number): Promise<LagReport> {
  return probeReport<LagReport>(app.pid, dir, n, 'loop-lag');
}

/** Pauses and resumes the systems in turn until `done()`: every change is an HCS notification to the core. */
async function churn(observer: Observer, ids: readonly string[], done: () => boolean): Promise<number> {
  let changes = 0;
  while (!done()) {
    for (const [action, state] of [
      ['systems.pause', 'Paused'],
      ['systems.resume', 'Running'],
    ] as const) {
      const arrived = observer.waitForStates(ids, state, STATE_TIMEOUT_MS);
      await Promise.all(ids.map((id) => observer.request(action, { id })));
      await arrived;
      changes += ids.length;
    }
  }
  return changes;
}

async function eventLoopLag(work: string, profiler: PageProfiler): Promise<BenchRow[]> {
  const lagDir = join(work, 'reports');
  mkdirSync(lagDir);
  const slow = Array.from({ length: SLOW_CALLS }, (_, i) => slowId(i));
  const busy = Array.from({ length: NOTIFYING }, (_, i) => busyId(i));
  const fixtureFile = join(work, 'lag-fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(running([...slow, ...busy])));
  const app = await startApp(
    work,
    fixtureFile,
    slow.length + busy.length,
    [
      '--import',
      pathToFileURL(join(import.meta.dirname, 'core', 'loop-lag.mjs')).href,
      ...profiler.processArgs('core-lag-server'),
    ],
    { HCS_BENCH_LOOP_LAG_DIR: lagDir },
  );
  const stalls: Array<ReturnType<typeof stallWindow>> = [];
  try {
    await lagReport(app, lagDir, 1); // start-up's delays are not the idle loop's
    await sleep(PHASE_MS);
    const idle = await lagReport(app, lagDir, 2);
    stalls.push(stallWindow('idle', idle));

    for (const id of slow) await app.control.setFaults({ system: id, latencyMs: SLOW_CALL_MS });
    let over = false;
    let slowCalls = 0;
    const callers = slow.map(async (id) => {
      while (!over) {
        await app.observer.request('systems.properties', { id, version: 'v1', types: [] });
        slowCalls++;
      }
    });
    const started = performance.now();
    const changes = churn(app.observer, busy, () => over);
    await sleep(PHASE_MS);
    over = true;
    const loaded = await lagReport(app, lagDir, 3);
    stalls.push(stallWindow('loaded', loaded));
    const seconds = (performance.now() - started) / 1000;
    const notified = await changes;
    await Promise.all(callers);
    const load =
      `${SLOW_CALLS} calls of ${SLOW_CALL_MS / 1000} s always in flight (${slowCalls} done), ` +
      `${notified} state changes in ${seconds.toFixed(1)} s`;
    const idleNote = `same server, idle ${PHASE_MS / 1000} s; histogram with a 1 ms timer (1 ms is no lag)`;
    const busyNote =
      'of each stall, the part the server itself ran (its CPU time); the rest is waiting for a core';
    return [
      { name: 'main loop lag, idle: max', value: idle.maxMs, unit: 'ms', note: idleNote },
      { name: 'main loop lag, idle: p99', value: idle.p99Ms, unit: 'ms', note: idleNote },
      {
        name: 'main loop lag, slow HCS calls + notifications: max',
        value: loaded.maxMs,
        unit: 'ms',
        baseline: 'main loop lag, idle: max',
        note: load,
        target: 'max < 10 ms',
      },
      {
        name: 'main loop lag, slow HCS calls + notifications: p99',
        value: loaded.p99Ms,
        unit: 'ms',
        baseline: 'main loop lag, idle: p99',
        note: load,
      },
      { name: 'main loop busy stall, idle: max', value: idle.busyMaxMs, unit: 'ms', note: busyNote },
      {
        name: 'main loop busy stall, slow HCS calls + notifications: max',
        value: loaded.busyMaxMs,
        unit: 'ms',
        baseline: 'main loop busy stall, idle: max',
        note: busyNote,
        target: 'max < 10 ms',
      },
      {
        name: 'main loop busy stall, slow HCS calls + notifications: p99',
        value: loaded.busyP99Ms,
        unit: 'ms',
        note: busyNote,
      },
    ];
  } finally {
    await app.stop();
    profiler.summariseProcess('core-lag-server', stalls);
  }
}

/** Properties calls (what a statistics sample asks) the server made in [from, to). */
async function propertiesCallsPerSecond(app: AppUnderTest, from: number, to: number): Promise<number> {
  const calls = await app.control.calls();
  const counted = calls.filter((c) => c.op.includes('Properties') && c.t >= from && c.t < to).length;
  return (counted * 1000) / (to - from);
}

async function statisticsCalls(work: string): Promise<BenchRow[]> {
  const ids = Array.from({ length: STATS_SYSTEMS }, (_, i) => statsId(i));
  const fixtureFile = join(work, 'stats-fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(running(ids)));
  const app = await startApp(work, fixtureFile, ids.length);
  const windows: Observer[] = [];
  try {
    const measure = async (count: number) => {
      while (windows.length < count) {
        const { observer, opened } = Observer.connect(app.url);
        await opened;
        windows.push(observer);
        for (const id of ids) await observer.request('statistics.watch', { id });
      }
      // One interval for the samplers to settle, then a window of whole seconds.
      await sleep(1_000);
      const from = Date.now();
      await sleep(STATS_WINDOW_MS);
      return propertiesCallsPerSecond(app, from, Date.now());
    };
    const one = await measure(1);
    const three = await measure(STATS_WINDOWS);
    const note = `${STATS_SYSTEMS} running systems watched, ${STATS_WINDOW_MS / 1000} s window, sampler every 1 s`;
    return [
      { name: 'statistics: HCS calls with 1 window watching', value: one, unit: 'calls/s', note },
      {
        name: `statistics: HCS calls with ${STATS_WINDOWS} windows watching`,
        value: three,
        unit: 'calls/s',
        baseline: 'statistics: HCS calls with 1 window watching',
        note,
        target: '= 1×',
      },
    ];
  } finally {
    for (const w of windows) w.close();
    await app.stop();
  }
}

export const coreSection: BenchSection = {
  name: 'core',
  description: 'the app core in the web-mode server: event-loop lag under slow HCS calls, statistics calls',
  async run({ profiler }: BenchContext) {
    const work = mkdtempSync(join(tmpdir(), 'hcs-bench-core-'));
    try {
      const lagDir = join(work, 'lag');
      const statsDir = join(work, 'stats');
      mkdirSync(lagDir);
      mkdirSync(statsDir);
      return [...(await eventLoopLag(lagDir, profiler)), ...(await statisticsCalls(statsDir))];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
