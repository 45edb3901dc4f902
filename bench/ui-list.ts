/**
 * The systems list in the browser, end to end in web mode, each figure beside a bare baseline measured in the
 * same run under the same driver (Playwright on Debian's Chromium, same switches, no network listeners):
 *  1. first paint of 10,000 systems: navigation start → the frame that shows the grid's first row, the real
 *     server and simulator seeded with 10,000 systems, beside a bare virtualised React table (bench/ui-list/page)
 *     fetching the same snapshot message over HTTP; and the steps on the way, on both pages (the last script in,
 *     the list in, the first row in the DOM);
 *  2. 1,000 state changes → on screen: 1,000 pause requests (resume in alternate rounds) on the app's WebSocket (through the
 *     app core, HCS, the transport, the store and the grid) until every target has arrived Paused (Running) and
 *     every target row on screen shows it, beside the bare table receiving the same message stream (recorded
 *     during the app's run) from a WebSocket server in this process;
 *  3. events per second into the store: a burst of `systems.changed` (systems paused by another HCS client,
 *     picked up by the app's next enumeration) counted after the page's own WebSocket handler, beside a page
 *     that only parses the same messages pushed as fast as the socket drains.
 * Playwright's network monitoring costs WebSocket pages about half their throughput on these machines
 * (docs/benchmarks.md#driver-overhead): both sides of every ratio pay it.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../e2e/support/paths.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer-build.ts';
import { median } from './lib/measure.ts';
import type { PageProfiler } from './lib/profile.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { IDLE_POLL_MS, startApp, type AppUnderTest } from './ui-list/app-server.ts';
import { buildBaselinePage, startBaselineServer, type BaselineServer } from './ui-list/baseline-server.ts';
import { changeBehindTheApp } from './ui-list/behind-the-app.ts';
import { SYSTEM_COUNT, benchFixture, runningIds, systemId } from './ui-list/fixture.ts';
import { CHANGED_PREFIX } from './ui-list/probe.ts';
import {
  arm,
  clockOffsetMs,
  epochMs,
  firstPaint,
  openBareProbedPage,
  openProbedPage,
  playwrightProbe,
  resetChangedCount,
  type ProbeDriver,
  waitChanged,
  waitShown,
} from './ui-list/probe-reader.ts';
import { closeQuietly } from '../src/base/index.ts';
import { BareChromium } from './lib/bare-chromium.ts';

const FIRST_ID = systemId(0);
const PAINT_ROUNDS = 5;
const CHANGES = 1_000;
/**
 * Rounds alternate pause and resume; the median is reported. A round takes about a second now (it took 40 s when
 * the page handled ~55 systems.changed/s), and a single round's ratio moved by a factor of two between runs.
 */
const CHANGE_ROUNDS = 5;
const BURST = 500;
const BURST_ROUNDS = 4;
/** The shortest poll interval the app accepts: the burst's enumeration comes this long after asking. */
const BURST_POLL_MS = 250;
/** After the app page's first paint, its own start-up requests (list, status, operations) settle. */
const SETTLE_MS = 1_500;
const PAINT_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 60_000;
/** The app's 1,000 changes take ~50 s to reach the screen here; a busier machine gets room (the probe's limit). */
const SHOWN_TIMEOUT_MS = 120_000;

const spread = (values: number[], digits = 0) =>
  `n=${values.length}, min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}`;

/** Events per second between the first and the last of a run's events. */
const perSecond = (count: number, firstAt: number, lastAt: number) =>
  lastAt > firstAt ? ((count - 1) * 1000) / (lastAt - firstAt) : Number.NaN;

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** When a first paint's steps happened, ms from navigation start: what the page's main thread waited for. */
interface PaintPhases {
  /** The last of the page's scripts received. */
  scripts: number;
  /** The list received (the app's snapshot message; the bare table's fetched snapshot). */
  data: number;
  /** The first row in the DOM. */
  dom: number;
  /** The frame that shows it. */
  paint: number;
}

async function paintOnce(browser: Browser, url: string, profile?: PageProfiler): Promise<PaintPhases> {
  const page = await openProbedPage(browser, FIRST_ID);
  try {
    const paint = () => firstPaint(page, url, PAINT_TIMEOUT_MS);
    const r = profile ? await profile.record(page, 'ui-list-first-paint', paint) : await paint();
    if (r.rowCount !== SYSTEM_COUNT + 1)
      throw new Error(`${url}: the grid shows ${r.rowCount - 1} systems, not ${SYSTEM_COUNT}`);
    return { scripts: r.scriptsMs, data: r.dataMs, dom: r.domMs, paint: r.paintMs };
  } finally {
    await closePage(page);
  }
}

/** Fresh pages, app and baseline alternating so drift on this shared machine favours neither. */
async function measureFirstPaint(
  browser: Browser,
  app: AppUnderTest,
  baseline: BaselineServer,
  profiler: PageProfiler,
) {
  const result = { app: [] as PaintPhases[], baseline: [] as PaintPhases[] };
  for (let round = 0; round < PAINT_ROUNDS; round++) {
    // The last round is profiled (when profiling): the profiler's own cost stays out of the others.
    const profile = round === PAINT_ROUNDS - 1 && profiler.enabled ? profiler : undefined;
    result.app.push(await paintOnce(browser, app.url, profile));
    result.baseline.push(await paintOnce(browser, `${baseline.url}?mode=fetch`));
  }
  return result;
}

/**
 * The steps of both pages' first paints, medians side by side: where the app's time goes before its first row
 * (docs/benchmarks.md, "The first paint, phase by phase").
 */
function paintPhaseRows(paint: { app: PaintPhases[]; baseline: PaintPhases[] }): BenchRow[] {
  const steps: Array<[keyof PaintPhases, string, string]> = [
    ['scripts', 'the last script in', 'resource timing: the last .js response ended'],
    [
      'data',
      'the list in',
      'the app: its systems.snapshot message, dispatched once the main thread is free; the bare table: snapshot.json fetched',
    ],
    ['dom', 'the first row in the DOM', 'a MutationObserver saw the first id’s cell'],
  ];
  return steps.flatMap(([key, what, note]) => {
    const bare = paint.baseline.map((p) => p[key]);
    const app = paint.app.map((p) => p[key]);
    return [
      {
        name: `bare table: first paint, ${what}`,
        value: median(bare),
        unit: 'ms',
        note: `${note}; ${spread(bare)}`,
      },
      {
        name: `10,000 systems: first paint, ${what}`,
        value: median(app),
        unit: 'ms',
        baseline: `bare table: first paint, ${what}`,
        note: `${note}; ${spread(app)}`,
      },
    ];
  });
}

/** ms from `startEpoch` (ours) to the frame that showed the armed target (the page's clock, corrected). */
async function shownAfter(page: ProbeDriver, offsetMs: number, startEpoch: number): Promise<number> {
  const shown = await waitShown(page, SHOWN_TIMEOUT_MS);
  if (shown.rows === 0) throw new Error('no row of a changed system was on screen');
  return shown.shownEpoch - offsetMs - startEpoch;
}

/**
 * CHANGE_ROUNDS rounds of 1,000 pause (or resume) requests through the app, each beside the bare table replaying
 * the round's recorded messages. `profile` wraps each app round (the profiler's record, under Playwright).
 */
async function measureStateChanges(
  appPage: ProbeDriver,
  app: AppUnderTest,
  basePage: ProbeDriver,
  baseline: BaselineServer,
  profile: <T>(name: string, run: () => Promise<T>) => Promise<T> = (_name, run) => run(),
) {
  const targets = runningIds(CHANGES);
  const result = {
    app: [] as number[],
    core: [] as number[],
    baseline: [] as number[],
    messages: [] as number[],
  };
  for (let round = 0; round < CHANGE_ROUNDS; round++) {
    const action = round % 2 === 0 ? 'pause' : 'resume';
    const state = action === 'pause' ? 'Paused' : 'Running';

    const appOffset = await clockOffsetMs(appPage);
    await arm(appPage, targets, state);
    const stopRecording = app.observer.record();
    const arrived = app.observer.waitForStates(targets, state, RUN_TIMEOUT_MS);
    await profile(`ui-list-state-changes-${round}`, async () => {
      const appStart = epochMs();
      await Promise.all(targets.map((id) => app.observer.request(`systems.${action}`, { id })));
      await arrived;
      result.core.push(epochMs() - appStart);
      result.app.push(await shownAfter(appPage, appOffset, appStart));
    });
    const recording = stopRecording();
    result.messages.push(recording.length);

    const baseOffset = await clockOffsetMs(basePage);
    await arm(basePage, targets, state);
    const baseStart = epochMs();
    await baseline.push(recording);
    result.baseline.push(await shownAfter(basePage, baseOffset, baseStart));
  }
  return result;
}

async function measureEventRate(
  appPage: Page,
  app: AppUnderTest,
  countPage: Page,
  baseline: BaselineServer,
  profiler: PageProfiler,
) {
  // Systems the state-change runs did not touch.
  const ids = runningIds(CHANGES + BURST).slice(CHANGES);
  const result = { app: [] as number[], coreMs: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < BURST_ROUNDS; round++) {
    await changeBehindTheApp(app.socketPath, ids, round % 2 === 0 ? 'pause' : 'resume');
    await resetChangedCount(appPage);
    const stopRecording = app.observer.record();
    const emitted = app.observer.countChanged(BURST, RUN_TIMEOUT_MS);
    const { core, page } = await profiler.record(appPage, `ui-list-event-rate-${round}`, async () => {
      await app.observer.request('settings.setPollInterval', { ms: BURST_POLL_MS });
      const core = await emitted;
      await app.observer.request('settings.setPollInterval', { ms: IDLE_POLL_MS });
      return { core, page: await waitChanged(appPage, BURST, RUN_TIMEOUT_MS) };
    });
    result.app.push(perSecond(page.count, page.firstAt, page.lastAt));
    result.coreMs.push(core.lastAt - core.firstAt);

    const burst = stopRecording().filter((text) => text.startsWith(CHANGED_PREFIX));
    await resetChangedCount(countPage);
    await baseline.push(burst);
    const base = await waitChanged(countPage, burst.length, RUN_TIMEOUT_MS);
    result.baseline.push(perSecond(base.count, base.firstAt, base.lastAt));
  }
  return result;
}

/**
 * The state-change rounds again with both pages under the bare driver: under Playwright every WebSocket frame
 * is also reported to the driver, work on the browser's threads and in this process that competes for the
 * cores with the app's server while its messages stream (docs/benchmarks.md, "Driver overhead").
 */
async function measureBareStateChanges(app: AppUnderTest, baseline: BaselineServer) {
  const browser = await BareChromium.launch(chromiumPath, chromiumArgs);
  try {
    const appPage = await openBareProbedPage(browser, FIRST_ID, app.url, PAINT_TIMEOUT_MS);
    const tablePage = await openBareProbedPage(
      browser,
      FIRST_ID,
      `${baseline.url}?mode=ws`,
      PAINT_TIMEOUT_MS,
    );
    await baseline.whenSockets(1, PAINT_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return await measureStateChanges(appPage, app, tablePage, baseline);
  } finally {
    await browser.close();
  }
}

export const uiListSection: BenchSection = {
  name: 'ui-list',
  description:
    'the systems list with 10,000 systems in web mode (Playwright + Chromium) beside a bare React table',
  async run({ profiler }: BenchContext) {
    if (process.platform !== 'linux')
      throw new Error('the ui-list section runs against the simulator (Linux only)');
    ensureRendererBuilt('bench');
    const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-ui-list-'));
    let app: AppUnderTest | null = null;
    let baseline: BaselineServer | null = null;
    let browser: Browser | null = null;
    try {
      const fixtureFile = join(dir, 'fixture.json');
      writeFileSync(fixtureFile, JSON.stringify(benchFixture()));
      const pageDir = join(dir, 'baseline-page');
      await buildBaselinePage(pageDir);
      app = await startApp(dir, fixtureFile, SYSTEM_COUNT, profiler.processArgs('ui-list-server'));
      baseline = await startBaselineServer(pageDir);
      baseline.setSnapshot(app.snapshotText);
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

      const paint = await measureFirstPaint(browser, app, baseline, profiler);

      const appPage = await openProbedPage(browser, FIRST_ID);
      await firstPaint(appPage, app.url, PAINT_TIMEOUT_MS);
      const tablePage = await openProbedPage(browser, FIRST_ID);
      await firstPaint(tablePage, `${baseline.url}?mode=ws`, PAINT_TIMEOUT_MS);
      await baseline.whenSockets(1, PAINT_TIMEOUT_MS);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const changes = await measureStateChanges(
        playwrightProbe(appPage),
        app,
        playwrightProbe(tablePage),
        baseline,
        (name, run) => profiler.record(appPage, name, run),
      );
      await closePage(tablePage);

      const countPage = await openProbedPage(browser, FIRST_ID);
      await countPage.goto(`${baseline.url}?mode=count`);
      await baseline.whenSockets(1, PAINT_TIMEOUT_MS);
      const rate = await measureEventRate(appPage, app, countPage, baseline, profiler);
      await closeQuietly(browser);
      browser = null;
      const bare = await measureBareStateChanges(app, baseline);

      const snapshotMb = (app.snapshotText.length / 1e6).toFixed(1);
      const barePaints = paint.baseline.map((p) => p.paint);
      const appPaints = paint.app.map((p) => p.paint);
      const rows: BenchRow[] = [
        {
          name: 'bare table: first paint',
          value: median(barePaints),
          unit: 'ms',
          note: `navigation → frame showing the first row; snapshot fetched (${snapshotMb} MB); ${spread(barePaints)}`,
        },
        {
          name: '10,000 systems: first paint',
          value: median(appPaints),
          unit: 'ms',
          baseline: 'bare table: first paint',
          target: '≤ 1.3×',
          note: `navigation → frame showing ${FIRST_ID}; fresh context each; ${spread(appPaints)}`,
        },
        ...paintPhaseRows(paint),
        {
          name: 'bare table: 1,000 changes shown',
          value: median(changes.baseline),
          unit: 'ms',
          note: `the app run's ${Math.round(median(changes.messages))} messages replayed over ws; ${spread(changes.baseline)}`,
        },
        {
          name: '1,000 state changes → on screen',
          value: median(changes.app),
          unit: 'ms',
          baseline: 'bare table: 1,000 changes shown',
          target: '≤ 2×',
          note: `pause/resume requests → all arrived and on-screen rows show it; ${spread(changes.app)}`,
        },
        {
          name: '1,000 state changes → app core done',
          value: median(changes.core),
          unit: 'ms',
          baseline: 'bare table: 1,000 changes shown',
          target: '≤ 1.5×',
          note: `the same runs: requests → a Node ws client has every final systems.changed; ${spread(changes.core)}`,
        },
        {
          name: 'bare table: 1,000 changes shown, bare driver',
          value: median(bare.baseline),
          unit: 'ms',
          note: `as above, both pages driven by bench/lib/bare-chromium.ts (no protocol domain enabled); ${spread(bare.baseline)}`,
        },
        {
          name: '1,000 state changes → on screen, bare driver',
          value: median(bare.app),
          unit: 'ms',
          baseline: 'bare table: 1,000 changes shown, bare driver',
          target: '≤ 2×',
          note: `the same rounds without Playwright's Network domain; ${spread(bare.app)}`,
        },
        {
          name: '1,000 state changes → app core done, bare driver',
          value: median(bare.core),
          unit: 'ms',
          baseline: 'bare table: 1,000 changes shown, bare driver',
          target: '≤ 1.5×',
          note: `the same rounds; ${spread(bare.core)}`,
        },
        {
          name: 'page parse-only ceiling',
          value: median(rate.baseline),
          unit: 'events/s',
          note: `the same ${BURST} systems.changed messages, pushed as fast as the socket drains; ${spread(rate.baseline)}`,
        },
        {
          name: 'systems.changed → renderer store',
          value: median(rate.app),
          unit: 'events/s',
          baseline: 'page parse-only ceiling',
          target: '≥ 0.8×',
          note: `a ${BURST}-system enumeration burst, counted after the page's handler (contract check, store); ${spread(rate.app)}`,
        },
        {
          name: `app core → Node ws client: ${BURST}-event burst`,
          value: median(rate.coreMs),
          unit: 'ms',
          note: `context: one enumeration emits the burst back to back; first to last event; ${spread(rate.coreMs, 1)}`,
        },
      ];
      return rows;
    } finally {
      if (browser) await closeQuietly(browser);
      await baseline?.close();
      await app?.stop();
      profiler.summariseProcess('ui-list-server');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
