/**
 * The Node side of the probe (probe.ts): opens a probed page and reads its figures. Waits poll the page every
 * POLL_MS (not every frame), so the checks themselves cost the page little and the same on both sides.
 */
import type { Browser, Page } from '@playwright/test';
import type { BareChromium, BarePage } from '../lib/bare-chromium.ts';
import { probeScript, type ProbeState } from './probe.ts';

const POLL_MS = 50;
export const VIEWPORT = { width: 1400, height: 900 };

interface ProbeWindow {
  __uiList: ProbeState;
  __uiListArm(ids: string[], state: string): void;
}

/**
 * What the change rounds need of a page, whichever driver drives it: Playwright (`playwrightProbe`) or the bare
 * DevTools-protocol driver, whose `BarePage` has this shape already (`openBareProbedPage`,
 * bench/lib/bare-chromium.ts).
 */
export interface ProbeDriver {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Polls `predicate(arg)` in the page every POLL_MS until it is truthy. */
  waitFor<T, A>(predicate: (arg: A) => T, arg: A, what: string, timeoutMs: number): Promise<unknown>;
}

export function playwrightProbe(page: Page): ProbeDriver {
  // Playwright's own types unbox the argument (handles to values); the probe passes plain JSON only.
  type Evaluate = (fn: (arg: unknown) => unknown, arg: unknown) => Promise<unknown>;
  type WaitFor = (fn: (arg: unknown) => unknown, arg: unknown, options: object) => Promise<unknown>;
  const evaluate = page.evaluate.bind(page) as Evaluate;
  const waitForFunction = page.waitForFunction.bind(page) as WaitFor;
  return {
    evaluate: (fn, arg) => evaluate(fn as (arg: unknown) => unknown, arg) as never,
    waitFor: (predicate, arg, _what, timeoutMs) =>
      waitForFunction(predicate as (arg: unknown) => unknown, arg, { polling: POLL_MS, timeout: timeoutMs }),
  };
}

/**
 * A page of the bare driver (a browser context of its own) with the probe installed before any of the page's
 * scripts (as Playwright's addInitScript installs it), navigated to `url` and waited on until its first row is on
 * screen. Resolves with the page, still with the Page domain on, and when that frame came by the page's clock
 * (`paintAt`, ms from its time origin; `timeOrigin`, ms since the epoch).
 */
export async function openBareProbe(
  browser: BareChromium,
  firstId: string,
  url: string,
  timeoutMs: number,
  viewport: { width: number; height: number } = VIEWPORT,
): Promise<{ page: BarePage; paintAt: number; timeOrigin: number }> {
  const page = await browser.newPage(viewport.width, viewport.height);
  // Chromium runs scripts added for new documents only while the Page domain is enabled.
  await page.send('Page.enable');
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: probeScript(firstId) });
  await page.send('Page.navigate', { url });
  const { paintAt, timeOrigin } = await page.waitFor(
    () => {
      const g = globalThis as unknown as ProbeWindow & { performance: { timeOrigin: number } };
      const at = g.__uiList?.firstRow.paintAt ?? null;
      return at === null ? null : { paintAt: at, timeOrigin: g.performance.timeOrigin };
    },
    undefined,
    `the first row of ${url}`,
    timeoutMs,
  );
  return { page, paintAt, timeOrigin };
}

/** `openBareProbe`'s page as a probe driver, with the Page domain off again: nothing reports while rounds run. */
export async function openBareProbedPage(
  browser: BareChromium,
  firstId: string,
  url: string,
  timeoutMs: number,
): Promise<ProbeDriver> {
  const { page } = await openBareProbe(browser, firstId, url, timeoutMs);
  await page.send('Page.disable');
  return page;
}

/** A fresh context (cold cache, no cookies) and page with the probe installed. */
export async function openProbedPage(browser: Browser, firstId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript({ content: probeScript(firstId) });
  return page;
}

/**
 * Navigates and resolves with the ms from navigation start (the page's time origin) to the frame that first
 * shows the first id, and the grid's aria-rowcount (header row included) once it does.
 */
export async function firstPaint(page: Page, url: string, timeoutMs: number) {
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => (globalThis as unknown as ProbeWindow).__uiList.firstRow.paintAt,
    undefined,
    {
      polling: POLL_MS,
      timeout: timeoutMs,
    },
  );
  const paintMs = (await handle.jsonValue()) as number;
  const { domMs, snapshotMs, scriptsMs, fetchedMs } = await page.evaluate(() => {
    const { domAt, snapshotAt } = (globalThis as unknown as ProbeWindow).__uiList.firstRow;
    // Resource timing, in the page's own clock as the probe's: when the last script and the fetched list came in.
    const entries = (
      performance as unknown as {
        getEntriesByType(type: 'resource'): Array<{ name: string; responseEnd: number }>;
      }
    ).getEntriesByType('resource');
    // Only what came before the first row: the views loaded after it (the terminal's chunks) are not waited for.
    // No named functions in here: tsx's keepNames would wrap them in a helper the page does not have.
    let scriptsMs = Number.NaN;
    let fetchedMs = Number.NaN;
    for (const e of entries) {
      if (domAt !== null && e.responseEnd > domAt) continue;
      const path = new URL(e.name).pathname;
      if (path.endsWith('.js'))
        scriptsMs = Number.isNaN(scriptsMs) ? e.responseEnd : Math.max(scriptsMs, e.responseEnd);
      if (path.endsWith('/snapshot.json')) fetchedMs = e.responseEnd;
    }
    return {
      domMs: domAt ?? Number.NaN,
      snapshotMs: snapshotAt ?? Number.NaN,
      scriptsMs,
      fetchedMs,
    };
  });
  // The app's list is a tree grid (hosted containers under their utility VM); the bare table a grid.
  const grid = page.getByRole('treegrid').or(page.getByRole('grid')).first();
  const rowCount = Number(await grid.getAttribute('aria-rowcount'));
  // The list came in by the socket (the app; the probe saw its message) or by a fetch (the bare table).
  const dataMs = Number.isNaN(snapshotMs) ? fetchedMs : snapshotMs;
  return { paintMs, domMs, rowCount, scriptsMs, dataMs };
}

/**
 * The page's clock against this process's: page epoch ms minus ours, read in the middle of an evaluate round
 * trip (both are performance.timeOrigin + now(); the error is at most half the round trip).
 */
export async function clockOffsetMs(page: ProbeDriver): Promise<number> {
  const before = performance.timeOrigin + performance.now();
  const pageEpoch = await page.evaluate(() => performance.timeOrigin + performance.now());
  const after = performance.timeOrigin + performance.now();
  return pageEpoch - (before + after) / 2;
}

/** This process's epoch ms (comparable with the page's through clockOffsetMs). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

export async function arm(page: ProbeDriver, ids: readonly string[], state: string): Promise<void> {
  await page.evaluate(({ ids, state }) => (globalThis as unknown as ProbeWindow).__uiListArm(ids, state), {
    ids: [...ids],
    state,
  });
}

/**
 * Waits for the armed target to be shown; resolves with the page epoch ms of that frame, when the last target
 * arrived, and how many target rows were on screen.
 */
export async function waitShown(page: ProbeDriver, timeoutMs: number) {
  await page.waitFor(
    () => (globalThis as unknown as ProbeWindow).__uiList.target?.shownAt != null,
    undefined,
    'the armed rows on screen',
    timeoutMs,
  );
  return page.evaluate(() => {
    const target = (globalThis as unknown as ProbeWindow).__uiList.target!;
    return {
      shownEpoch: performance.timeOrigin + target.shownAt!,
      allEpoch: performance.timeOrigin + target.allAt!,
      rows: target.shownRows,
    };
  });
}

export async function resetChangedCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as ProbeWindow).__uiList.changed = { count: 0, firstAt: 0, lastAt: 0 };
  });
}

/** Waits until `count` systems.changed messages went through the page's handler; their first and last times. */
export async function waitChanged(page: Page, count: number, timeoutMs: number) {
  await page.waitForFunction(
    (count) => (globalThis as unknown as ProbeWindow).__uiList.changed.count >= count,
    count,
    {
      polling: POLL_MS,
      timeout: timeoutMs,
    },
  );
  return page.evaluate(() => ({ ...(globalThis as unknown as ProbeWindow).__uiList.changed }));
}
