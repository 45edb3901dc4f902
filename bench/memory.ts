/**
 * Memory at scale in web mode: the page's JS heap and the server's RSS (the process that is Electron's main
 * process in the desktop app) with 10,000 systems listed, after `--churn-minutes` (default 10) of state changes
 * beside the same figures right after the first paint, in the same run. The page's heap is read after a forced
 * garbage collection (DevTools protocol), so the two readings compare live objects; the server's RSS is read as
 * it is (/proc), as a user's task manager shows it, and the server's JS heap after a forced GC beside it. A third
 * reading, once the app's bounded histories are full (the events timeline, TIMELINE_CAPACITY entries; the host
 * figures' last BACKGROUND_HISTORY_MS of samples), tells a history filling from a leak: heap snapshots of this
 * section (December 2026, docs/benchmarks.md) showed the growth after the first paint to be those histories
 * filling and V8 compiling the hot paths, and the data flat from there on.
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumArgs, chromiumPath } from '../e2e/support/paths.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer-build.ts';
import { pageHeapShares } from './lib/heap-snapshot.ts';
import { probeReport } from './lib/probe-report.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { startApp, type AppUnderTest, type Observer } from './ui-list/app-server.ts';
import { SYSTEM_COUNT, benchFixture, runningIds, systemId } from './ui-list/fixture.ts';
import { VIEWPORT } from './ui-list/probe-reader.ts';
import { BACKGROUND_HISTORY_MS, TIMELINE_CAPACITY } from '../src/contract/index.ts';

/** Systems paused and resumed in turn during the churn (each change reaches the page as systems.changed). */
const CHURNED = 200;
const STATE_TIMEOUT_MS = 120_000;
const PAINT_TIMEOUT_MS = 60_000;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kb / 1024;
}

async function pageHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

/** The page's globals this file uses (bench code is typed without the DOM library). */
interface PageGlobals {
  requestIdleCallback(callback: () => void): number;
}

/** The server's JS heap after a forced GC, in MB (bench/memory/heap-probe.mjs, report `n`). */
async function serverHeapMb(app: AppUnderTest, dir: string, n: number): Promise<number> {
  const { heapUsed } = await probeReport<{ heapUsed: number }>(app.pid, dir, n, 'heap');
  return heapUsed / 1024 / 1024;
}

/** Resolves when the page is next idle (nothing queued: events handled, frames drawn). */
async function pageIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        (globalThis as unknown as PageGlobals).requestIdleCallback(() => resolve(undefined)),
      ),
  );
}

/** Pauses the systems, then resumes them; resolves with the number of state changes. */
async function pauseAndResume(app: AppUnderTest, ids: readonly string[]): Promise<number> {
  for (const [action, state] of [
    ['systems.pause', 'Paused'],
    ['systems.resume', 'Running'],
  ] as const) {
    const arrived = app.observer.waitForStates(ids, state, STATE_TIMEOUT_MS);
    await Promise.all(ids.map((id) => app.observer.request(action, { id })));
    await arrived;
  }
  return ids.length * 2;
}

/** Pauses and resumes the systems until `minutes` are over; resolves with the number of state changes. */
async function churn(app: AppUnderTest, ids: readonly string[], minutes: number): Promise<number> {
  const until = performance.now() + minutes * 60_000;
  let changes = 0;
  while (performance.now() < until) changes += await pauseAndResume(app, ids);
  return changes;
}

/** Whether the core's events timeline holds as many entries as it keeps (the page's copy holds the same). */
async function timelineFull(observer: Observer): Promise<boolean> {
  const { entries, capacity } = (await observer.request('timeline.list', {})) as {
    entries: unknown[];
    capacity: number;
  };
  return entries.length >= capacity;
}

/**
 * Churns until the app's bounded histories are full (the warm-up): the events timeline, and the samples the core
 * keeps of every system the host's figures watch (BACKGROUND_HISTORY_MS of them, counted from `since`, when the
 * page opened and began watching). Resolves with the number of state changes.
 */
async function warmUp(app: AppUnderTest, ids: readonly string[], since: number): Promise<number> {
  let changes = 0;
  while (performance.now() - since < BACKGROUND_HISTORY_MS || !(await timelineFull(app.observer)))
    changes += await pauseAndResume(app, ids);
  return changes;
}

export const memorySection: BenchSection = {
  name: 'memory',
  description: 'memory with 10,000 systems: page JS heap and server RSS after churn beside after first paint',
  async run({ options }: BenchContext): Promise<BenchRow[]> {
    ensureRendererBuilt('bench');
    const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-memory-'));
    let app: AppUnderTest | null = null;
    let browser: Browser | null = null;
    try {
      const fixtureFile = join(dir, 'fixture.json');
      writeFileSync(fixtureFile, JSON.stringify(benchFixture()));
      const heapDir = join(dir, 'heap');
      mkdirSync(heapDir);
      app = await startApp(
        dir,
        fixtureFile,
        SYSTEM_COUNT,
        [
          '--expose-gc',
          '--import',
          pathToFileURL(join(import.meta.dirname, 'memory', 'heap-probe.mjs')).href,
        ],
        { HCS_BENCH_HEAP_DIR: heapDir },
      );
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const opened = performance.now();
      await page.goto(app.url);
      await page.getByText(systemId(0), { exact: true }).first().waitFor({ timeout: PAINT_TIMEOUT_MS });
      // The chunks the page loads once idle (the terminals) are part of its resting state, not of the churn.
      await page.waitForLoadState('networkidle');
      await pageIdle(page);
      const heapFirst = await pageHeapMb(cdp);
      const sharesFirst = await pageHeapShares(cdp);
      const rssFirst = rssMb(app.pid);
      const serverHeapFirst = await serverHeapMb(app, heapDir, 1);
      const started = performance.now();
      const warmChanges = await warmUp(app, runningIds(CHURNED), opened);
      await pageIdle(page);
      const heapWarm = await pageHeapMb(cdp);
      const sharesWarm = await pageHeapShares(cdp);
      const rssWarm = rssMb(app.pid);
      const serverHeapWarm = await serverHeapMb(app, heapDir, 2);
      const remaining = Math.max(0, options.churnMinutes - (performance.now() - started) / 60_000);
      const changes = warmChanges + (await churn(app, runningIds(CHURNED), remaining));
      const minutes = (performance.now() - started) / 60_000;
      // The observer has seen the last change; the page has handled it once it is idle again.
      await pageIdle(page);
      const heapAfter = await pageHeapMb(cdp);
      const sharesAfter = await pageHeapShares(cdp);
      const rssAfter = rssMb(app.pid);
      const serverHeapAfter = await serverHeapMb(app, heapDir, 3);
      const churnNote = `${changes} state changes of ${CHURNED} systems in ${minutes.toFixed(1)} min`;
      return [
        {
          name: 'page JS heap after first paint',
          value: heapFirst,
          unit: 'MB',
          note: `${SYSTEM_COUNT.toLocaleString('en')} systems listed; after a forced GC`,
        },
        {
          name: 'page JS heap, histories full',
          value: heapWarm,
          unit: 'MB',
          baseline: 'page JS heap after first paint',
          note: `after ${warmChanges} state changes: the timeline holds its ${TIMELINE_CAPACITY} entries, the host figures ${BACKGROUND_HISTORY_MS / 60_000} min of samples`,
        },
        {
          name: 'page JS heap after churn',
          value: heapAfter,
          unit: 'MB',
          baseline: 'page JS heap after first paint',
          target: '≤ 1.1×',
          note: `${churnNote}; after a forced GC`,
        },
        {
          name: 'page JS heap after churn, beside histories full',
          value: heapAfter,
          unit: 'MB',
          baseline: 'page JS heap, histories full',
          note: 'what grew after the bounded histories were full',
        },
        {
          name: 'page JS data after first paint',
          value: sharesFirst.dataMb,
          unit: 'MB',
          note: `heap snapshot: objects, arrays, closures, strings, numbers (no compiled code: ${sharesFirst.codeMb.toFixed(1)} MB)`,
        },
        {
          name: 'page JS data, histories full',
          value: sharesWarm.dataMb,
          unit: 'MB',
          baseline: 'page JS data after first paint',
          note: `compiled code ${sharesWarm.codeMb.toFixed(1)} MB`,
        },
        {
          name: 'page JS data after churn',
          value: sharesAfter.dataMb,
          unit: 'MB',
          baseline: 'page JS data after first paint',
          target: '≤ 1.1×',
          note: `compiled code ${sharesAfter.codeMb.toFixed(1)} MB`,
        },
        {
          name: 'page JS data after churn, beside histories full',
          value: sharesAfter.dataMb,
          unit: 'MB',
          baseline: 'page JS data, histories full',
          note: 'the page data that grew after the bounded histories were full',
        },
        {
          name: 'server JS heap after first paint',
          value: serverHeapFirst,
          unit: 'MB',
          note: "after a forced GC (bench/memory/heap-probe.mjs): the app core's live data",
        },
        {
          name: 'server JS heap, histories full',
          value: serverHeapWarm,
          unit: 'MB',
          baseline: 'server JS heap after first paint',
          note: 'after a forced GC',
        },
        {
          name: 'server JS heap after churn',
          value: serverHeapAfter,
          unit: 'MB',
          baseline: 'server JS heap after first paint',
          target: '≤ 1.1×',
          note: 'after a forced GC',
        },
        {
          name: 'server RSS after first paint',
          value: rssFirst,
          unit: 'MB',
          note: `${SYSTEM_COUNT.toLocaleString('en')} systems`,
        },
        {
          name: 'server RSS, histories full',
          value: rssWarm,
          unit: 'MB',
          baseline: 'server RSS after first paint',
          note: `after ${warmChanges} state changes`,
        },
        {
          name: 'server RSS after churn',
          value: rssAfter,
          unit: 'MB',
          baseline: 'server RSS after first paint',
          target: '≤ 1.1×',
          note: churnNote,
        },
      ];
    } finally {
      await browser?.close();
      await app?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
