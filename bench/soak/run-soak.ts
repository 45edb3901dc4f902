/**
 * The soak, start to end: a fresh simulator seeded with hundreds of systems, the real web-mode server over
 * it, a Node client of the contract and two browser pages; a warm-up of the whole workload, then rest and the
 * first measurement; the timed workload, then rest and the same measurement again. Bounded: every lane stops
 * when its phase's time is up (after each of its kinds has run once), and every wait has a limit.
 */
import { closeQuietly } from '../../src/base/index.ts';
import { BACKGROUND_HISTORY_MS } from '../../src/contract/index.ts';
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../e2e/support/paths.ts';
import { ensureRendererBuilt } from '../../e2e/support/renderer-build.ts';
import { SimControl } from '../../sim/control/client.ts';
import { startSimulator, type BenchSimulator } from '../lib/simulator.ts';
import { ContractClient } from './contract-client.ts';
import { sleep, type SoakContext } from './context.ts';
import { soakWorld } from './fixture.ts';
import { bulkLane } from './lanes/bulk.ts';
import { churnLane } from './lanes/churn.ts';
import { execLane } from './lanes/exec.ts';
import { faultLane } from './lanes/faults.ts';
import { operatorLane, watcherLane } from './lanes/ui.ts';
import { watchLane } from './lanes/watch.ts';
import {
  foldMax,
  responsiveness,
  settle,
  snapshot,
  type Figures,
  type Responsiveness,
  type Rig,
  type Snapshot,
} from './measure.ts';
import { PROBE_NODE_ARGS, probeOf } from './probe-client.ts';
import { quiesce } from './quiesce.ts';
import type { SoakResult, TrendPoint } from './report.ts';
import { startServer, type SoakServer } from './server.ts';
import { FaultWindow, Tally } from './tally.ts';
import { SoakPage } from './ui-page.ts';
import { isHolding } from './verdict.ts';

export interface SoakOptions {
  minutes: number;
  warmupMinutes: number;
  /** Skip warming up until the app's bounded histories are full (a test of the machinery). */
  quickWarmup: boolean;
  systems: number;
  /** Rounds of the responsiveness measurement (median of these). */
  rounds: number;
  /** Progress lines (to stderr: the report goes to stdout). */
  log(line: string): void;
}

/** Completions of simulated operations after this long: like HCS, not instantly. */
const COMPLETION_DELAY_MS = 20;
/** The server's enumeration interval (the app's default). */
const POLL_MS = 2000;
/** The app core samples a system nobody watches any more for 30 s (DEFAULT_STATISTICS_GRACE_MS): rest longer. */
const STATISTICS_GRACE_MS = 30_000;
const REST_MS = STATISTICS_GRACE_MS + 5000;
/** How long the holdings may take to come back at the end (polled every 2 s). */
const SETTLE_LIMIT_MS = 180_000;
/** Beyond its phase, how long a lane may go on to get each of its kinds done once. */
const LANE_EXTRA_MS = 5 * 60_000;
/** Further warm-up rounds, at most, until the timeline is full. */
const WARMUP_ROUNDS_MAX = 4;
/** How often the figures are sampled during the timed workload. */
const SAMPLE_MS = 30_000;
const CHURN_WORKERS = 4;
const EXEC_WORKERS = 2;

/** The holdings (the figures that must come back exactly) that differ between two snapshots. */
function holdingsChanged(a: Snapshot, b: Snapshot, grewOnly: boolean): string[] {
  const names = [...new Set([...Object.keys(a.figures), ...Object.keys(b.figures)])].filter(isHolding);
  return names.filter((name) => {
    const [x, y] = [a.figures[name] ?? 0, b.figures[name] ?? 0];
    return grewOnly ? y > x : y !== x;
  });
}

interface During {
  max: Figures;
  samples: number;
  trend: TrendPoint[];
}

/** Runs every lane for `minutes`; samples every figure meanwhile, when `during` is given. */
async function phase(ctx: SoakContext, rig: Rig, minutes: number, during: During | null): Promise<void> {
  ctx.timeUp = false;
  const limitMs = minutes * 60_000 + LANE_EXTRA_MS;
  const timer = setTimeout(() => (ctx.timeUp = true), minutes * 60_000);
  const watchdog = setInterval(() => {
    if (rig.server.exited !== null) ctx.aborted = `the server exited (${rig.server.exited})`;
  }, 1000);
  const phaseStart = Date.now();
  let sampling = false;
  const sample = () => {
    if (!during || sampling) return;
    sampling = true;
    snapshot(rig, false).then(
      (s) => {
        foldMax(during.max, s.figures);
        during.samples++;
        during.trend.push({
          atMs: s.at - phaseStart,
          serverHeap: s.figures['server: JS heap used']!,
          serverRss: s.figures['server: RSS']!,
          simRss: s.figures['simulator: RSS']!,
        });
        sampling = false;
      },
      () => (sampling = false),
    );
  };
  const sampler = during ? setInterval(sample, SAMPLE_MS) : null;
  sample();
  try {
    await Promise.all([
      churnLane(ctx, CHURN_WORKERS, limitMs),
      bulkLane(ctx, limitMs),
      execLane(ctx, EXEC_WORKERS, limitMs),
      watchLane(ctx, limitMs),
      faultLane(ctx, limitMs),
      operatorLane(ctx, rig.operator, limitMs),
      watcherLane(ctx, rig.watcher, limitMs),
    ]);
  } finally {
    clearTimeout(timer);
    clearInterval(watchdog);
    if (sampler) clearInterval(sampler);
  }
  if (ctx.aborted) throw new Error(ctx.aborted);
}

/**
 * With HCS_SOAK_HEAP_SNAPSHOTS=DIR, heap snapshots of both pages after the figures at the start and at the
 * end (DIR/operator-start.heapsnapshot …): what grew, by constructor and retainer, in Chrome's DevTools. Taken
 * after the figures, so they change none of them.
 */
async function pageHeapSnapshots(
  rig: Rig,
  when: 'start' | 'end',
  log: (line: string) => void,
): Promise<void> {
  const dir = process.env.HCS_SOAK_HEAP_SNAPSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [name, page] of [
    ['operator', rig.operator],
    ['watcher', rig.watcher],
  ] as const) {
    const file = join(dir, `${name}-${when}.heapsnapshot`);
    await page.writeHeapSnapshot(file);
    log(`soak: heap snapshot of the ${name}'s page: ${file}`);
  }
}

/**
 * Quiesces, measures the UI (before the rest: the clicks open details, whose statistics the core samples for
 * its grace period after), then rests.
 */
async function rest(ctx: SoakContext, rig: Rig, rounds: number): Promise<Responsiveness> {
  ctx.log('soak: quiescing');
  await quiesce(ctx, [rig.operator, rig.watcher]);
  ctx.log('soak: measuring the UI');
  const ui = await responsiveness(rig.operator, rounds);
  ctx.log(`soak: at rest for ${REST_MS / 1000} s (the statistics grace period)`);
  await sleep(REST_MS);
  return ui;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const startedAt = Date.now();
  const { log } = options;
  ensureRendererBuilt('soak');
  const dir = mkdtempSync(join(tmpdir(), 'hcs-soak-'));
  let sim: BenchSimulator | null = null;
  let server: SoakServer | null = null;
  let client: ContractClient | null = null;
  let browser: Browser | null = null;
  // Stopped by a signal (Ctrl+C, a test's time limit): stop the server's process group, the simulator and the
  // browser before going, as the end of a run does.
  const stopped = (signal: NodeJS.Signals) => {
    log(`soak: ${signal}, stopping`);
    void Promise.allSettled([browser?.close(), server?.stop(), sim?.stop()]).then(() =>
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15)),
    );
  };
  process.once('SIGINT', stopped);
  process.once('SIGTERM', stopped);
  try {
    sim = await startSimulator({ logFile: join(dir, 'simulator.log'), nodeArgs: PROBE_NODE_ARGS, ipc: true });
    const control = new SimControl(sim.socketPath);
    const world = soakWorld(options.systems, COMPLETION_DELAY_MS);
    await control.reset(world.fixture);
    log(`soak: simulator seeded with ${options.systems} systems; logs in ${dir}`);
    server = await startServer(dir, sim.socketPath, POLL_MS);
    client = await ContractClient.connect(server.url);
    const connected = client;
    await connected.until(
      () => connected.connected && world.fixture.systems.every((s) => connected.systems.has(s.id)),
      180_000,
      'the server to list every seeded system',
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const rig: Rig = {
      server,
      control,
      client,
      simPid: sim.pid,
      simProbe: probeOf(sim.process, 'the simulator'),
      operator: await SoakPage.open(browser, server.url),
      watcher: await SoakPage.open(browser, server.url),
    };
    let n = 0;
    const ctx: SoakContext = {
      url: server.url,
      client,
      control,
      world,
      tally: new Tally(),
      faults: new FaultWindow(15_000),
      pace: Math.min(1, Math.max(0.1, options.minutes / 5)),
      timeUp: false,
      aborted: null,
      next: () => ++n,
      log,
    };

    log(`soak: warm-up, ${options.warmupMinutes} min`);
    const warmupStarted = Date.now();
    await phase(ctx, rig, options.warmupMinutes, null);
    // The app keeps bounded histories that grow until they are full: memory compared before they are is the
    // histories filling, not a leak. Warm up until the largest, the timeline, is full, and for as long as the
    // core keeps the samples of systems watched for the host's figures (a few rounds at most; a quick
    // warm-up skips this).
    let timeline = await client.request('timeline.list', {});
    for (let round = 0; !options.quickWarmup && round < WARMUP_ROUNDS_MAX; round++) {
      const statisticsFull = Date.now() - warmupStarted >= BACKGROUND_HISTORY_MS;
      if (timeline.entries.length >= timeline.capacity && statisticsFull) break;
      log(
        `soak: the timeline holds ${timeline.entries.length} of ${timeline.capacity}${statisticsFull ? '' : '; the host statistics histories are not full yet'}: warming up more`,
      );
      await phase(ctx, rig, options.warmupMinutes, null);
      timeline = await client.request('timeline.list', {});
    }
    const timelineAfterWarmup = { entries: timeline.entries.length, capacity: timeline.capacity };
    const uiStart = await rest(ctx, rig, options.rounds);
    const loadStart = loadavg()[0]!;
    // After warm-up the counts should already be steady: two snapshots in a row that agree.
    const first = await settle(
      () => snapshot(rig, true),
      (current, previous) => previous !== null && holdingsChanged(previous, current, false).length === 0,
      SETTLE_LIMIT_MS,
    );
    if (!first.settled) log('soak: the counts after warm-up did not hold still; comparing with the last');
    const start = first.snapshot;
    await pageHeapSnapshots(rig, 'start', log);
    log(
      `soak: after warm-up: server RSS ${(start.figures['server: RSS']! / 1048576).toFixed(1)} MB; timed workload, ${options.minutes} min`,
    );

    const during: During = { max: {}, samples: 0, trend: [] };
    await phase(ctx, rig, options.minutes, during);
    const uiEnd = await rest(ctx, rig, options.rounds);
    const loadEnd = loadavg()[0]!;
    // Growth is what a leak looks like: wait (bounded) until no holding is above its start.
    const last = await settle(
      () => snapshot(rig, true),
      (current) => holdingsChanged(start, current, true).length === 0,
      SETTLE_LIMIT_MS,
    );
    await pageHeapSnapshots(rig, 'end', log);
    return {
      minutes: options.minutes,
      warmupMinutes: options.warmupMinutes,
      timelineAfterWarmup,
      systems: options.systems,
      start,
      end: last.snapshot,
      settled: last.settled,
      settleMs: REST_MS + last.waitedMs,
      uiStart,
      uiEnd,
      during: during.max,
      duringSamples: during.samples,
      trend: during.trend,
      loadAverage: { start: loadStart, end: loadEnd },
      tally: ctx.tally,
      serverExited: server.exited,
      elapsedMs: Date.now() - startedAt,
    };
  } finally {
    process.off('SIGINT', stopped);
    process.off('SIGTERM', stopped);
    client?.close();
    if (browser) await closeQuietly(browser);
    await server?.stop();
    await sim?.stop();
    // Kept only when asked for (set and not empty: the short run's test clears it).
    if (!process.env.HCS_SOAK_KEEP_LOGS) rmSync(dir, { recursive: true, force: true });
    else log(`soak: logs kept in ${dir}`);
  }
}
