/**
 * Memory at scale in web mode: the page's JS heap and the server's RSS (the process that is Electron's main
 * process in the desktop app) with 10,000 systems listed, after `--churn-minutes` (default 10) of state changes
 * beside the same figures right after the first paint, in the same run. The page's heap is read after a forced
 * garbage collection (DevTools protocol), so the two readings compare live objects; the server's RSS is read as
 * it is (/proc), as a user's task manager shows it.
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../e2e/support/paths.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer-build.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { startApp, type AppUnderTest } from './ui-list/app-server.ts';
import { SYSTEM_COUNT, benchFixture, runningIds, systemId } from './ui-list/fixture.ts';
import { VIEWPORT } from './ui-list/probe-reader.ts';

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

/** Resolves when the page is next idle (nothing queued: events handled, frames drawn). */
async function pageIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        (globalThis as unknown as PageGlobals).requestIdleCallback(() => resolve(undefined)),
      ),
  );
}

/** Pauses and resumes the systems until `minutes` are over; resolves with the number of state changes. */
async function churn(app: AppUnderTest, ids: readonly string[], minutes: number): Promise<number> {
  const until = performance.now() + minutes * 60_000;
  let changes = 0;
  while (performance.now() < until) {
    for (const [action, state] of [
      ['systems.pause', 'Paused'],
      ['systems.resume', 'Running'],
    ] as const) {
      const arrived = app.observer.waitForStates(ids, state, STATE_TIMEOUT_MS);
      await Promise.all(ids.map((id) => app.observer.request(action, { id })));
      await arrived;
      changes += ids.length;
    }
  }
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
      app = await startApp(dir, fixtureFile, SYSTEM_COUNT);
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(app.url);
      await page.getByText(systemId(0), { exact: true }).first().waitFor({ timeout: PAINT_TIMEOUT_MS });
      // The chunks the page loads once idle (the terminals) are part of its resting state, not of the churn.
      await page.waitForLoadState('networkidle');
      await pageIdle(page);
      const heapFirst = await pageHeapMb(cdp);
      const rssFirst = rssMb(app.pid);
      const started = performance.now();
      const changes = await churn(app, runningIds(CHURNED), options.churnMinutes);
      const minutes = (performance.now() - started) / 60_000;
      // The observer has seen the last change; the page has handled it once it is idle again.
      await pageIdle(page);
      const heapAfter = await pageHeapMb(cdp);
      const rssAfter = rssMb(app.pid);
      const churnNote = `${changes} state changes of ${CHURNED} systems in ${minutes.toFixed(1)} min`;
      return [
        {
          name: 'page JS heap after first paint',
          value: heapFirst,
          unit: 'MB',
          note: `${SYSTEM_COUNT.toLocaleString('en')} systems listed; after a forced GC`,
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
          name: 'server RSS after first paint',
          value: rssFirst,
          unit: 'MB',
          note: `${SYSTEM_COUNT} systems`,
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
