/**
 * One browser client of the soak: a page of the app in its own browser context, driven by role and label
 * locators (the e2e page objects' locators; their assertions are the test runner's, so the waits here are
 * Playwright's own `waitFor`). Each action waits for the state a user would wait for. The responsiveness
 * figure is the in-page click probe's (click-probe.ts).
 */
import { createWriteStream } from 'node:fs';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from '@playwright/test';
import { AppPage } from '../../e2e/pages/app-page.ts';
import { DetailsPane } from '../../e2e/pages/details-pane.ts';
import { TerminalsView } from '../../e2e/pages/terminals-view.ts';
import { collectHeapSnapshot } from '../lib/heap-snapshot.ts';
import { clickProbeScript, type ClickResult, type ClickTarget } from './click-probe.ts';

/** How long one UI step may wait for what it waits for (a busy 2-core machine, a fault in progress). */
export const UI_WAIT_MS = 90_000;
const VIEWPORT = { width: 1400, height: 900 };
const POLL_MS = 50;

interface ProbeWindow {
  __soakArm(target: ClickTarget): void;
  __soakResult: ClickResult | null;
}

export interface PageCounters {
  heapBytes: number;
  nodes: number;
  listeners: number;
  documents: number;
}

export type ViewName = 'Systems' | 'Host' | 'Events' | 'Terminals';

export class SoakPage {
  readonly app: AppPage;
  readonly terminals: TerminalsView;
  private cdp: CDPSession | null = null;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly url: string,
  ) {
    this.app = new AppPage(page);
    this.terminals = new TerminalsView(page);
  }

  static async open(browser: Browser, url: string): Promise<SoakPage> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript({ content: clickProbeScript(UI_WAIT_MS) });
    const soakPage = new SoakPage(context, page, url);
    await soakPage.load();
    return soakPage;
  }

  /** (Re)loads the app and waits for the list. */
  async load(): Promise<void> {
    await this.page.goto(this.url);
    await this.app.grid.waitFor({ timeout: UI_WAIT_MS });
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  details(id: string): DetailsPane {
    return new DetailsPane(this.page, id);
  }

  async showView(name: ViewName): Promise<void> {
    const tab = this.page
      .getByRole('tablist', { name: 'Views' })
      .getByRole('tab', { name: new RegExp(`^${name}`) });
    await tab.click({ timeout: UI_WAIT_MS });
    await this.page
      .getByRole('tablist', { name: 'Views' })
      .getByRole('tab', { name: new RegExp(`^${name}`), selected: true })
      .waitFor({ timeout: UI_WAIT_MS });
  }

  /** The systems list with no notice, no search, no details and nothing ticked: where every measurement starts. */
  async rest(): Promise<void> {
    await this.dismissNotices();
    await this.showView('Systems');
    const close = this.page.getByRole('button', { name: 'Close details' });
    if (await close.isVisible()) await close.click({ timeout: UI_WAIT_MS });
    await close.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    await this.untickAll();
    await this.search('');
  }

  /**
   * Dismisses every notice still shown, one by one, as a user would: failures stay until dismissed (a step
   * that failed in a fault window leaves one), and a stack of them covers the details pane's buttons.
   */
  async dismissNotices(): Promise<void> {
    const dismiss = this.page.getByRole('button', { name: 'Dismiss', exact: true });
    for (let shown = await dismiss.count(); shown > 0; shown = await dismiss.count()) {
      await dismiss.first().click({ timeout: UI_WAIT_MS });
      // One fewer once the toast has gone (its exit animation ended).
      await dismiss.nth(shown - 1).waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    }
  }

  /** Filters the list by `text` and, when `expectIds` are given, waits until each one's row is shown. */
  async search(text: string, expectIds: readonly string[] = []): Promise<void> {
    await this.app.searchBox.fill(text, { timeout: UI_WAIT_MS });
    for (const id of expectIds) await this.app.row(id).waitFor({ timeout: UI_WAIT_MS });
  }

  /** Shows one system's details (by its row, after searching for it). */
  async openDetails(id: string): Promise<DetailsPane> {
    await this.showView('Systems');
    await this.search(id, [id]);
    await this.idCell(id).click({ timeout: UI_WAIT_MS });
    const details = this.details(id);
    await details.region.waitFor({ timeout: UI_WAIT_MS });
    return details;
  }

  async closeDetails(): Promise<void> {
    const close = this.page.getByRole('button', { name: 'Close details' });
    if (await close.isVisible()) await close.click({ timeout: UI_WAIT_MS });
  }

  async detailsTab(details: DetailsPane, name: 'Overview' | 'Statistics' | 'Processes'): Promise<void> {
    await details.region.getByRole('tab', { name }).click({ timeout: UI_WAIT_MS });
    await details.region.getByRole('tab', { name, selected: true }).waitFor({ timeout: UI_WAIT_MS });
  }

  /** Waits until the row of `id` shows `state`. */
  async waitState(id: string, state: string): Promise<void> {
    await this.app
      .stateOf(id)
      .filter({ hasText: new RegExp(`^${state}$`) })
      .waitFor({ timeout: UI_WAIT_MS });
  }

  async untickAll(): Promise<void> {
    const all = this.page.getByRole('checkbox', { name: 'Select all shown systems' });
    const bar = this.app.bulkActions;
    if (!(await bar.isVisible())) return;
    // The header box ticks every shown row when it is not fully ticked; a second click unticks them all.
    await this.search('');
    for (let i = 0; i < 2 && (await bar.isVisible()); i++) await all.click({ timeout: UI_WAIT_MS });
    await bar.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  }

  idCell(id: string): Locator {
    return this.app.row(id).getByRole('gridcell', { name: id, exact: true }).first();
  }

  /**
   * Clicks `locator` and resolves with the ms from the click (its event time in the page) to the frame that
   * shows `target`; see click-probe.ts.
   */
  async timedClick(locator: Locator, target: ClickTarget): Promise<number> {
    await this.page.evaluate((t) => (globalThis as unknown as ProbeWindow).__soakArm(t), target);
    await locator.click({ timeout: UI_WAIT_MS });
    const handle = await this.page.waitForFunction(
      () => {
        const r = (globalThis as unknown as ProbeWindow).__soakResult;
        return r && (r.shownAt !== null || r.timedOut) ? r : null;
      },
      undefined,
      { polling: POLL_MS, timeout: UI_WAIT_MS + 10_000 },
    );
    const result = (await handle.jsonValue()) as ClickResult;
    if (result.timedOut || result.clickAt === null || result.shownAt === null)
      throw new Error(`the page did not show ${JSON.stringify(target)} within ${UI_WAIT_MS / 1000} s`);
    return result.shownAt - result.clickAt;
  }

  /**
   * The page's JS heap and DOM counters (the DevTools protocol), after a full collection when `gc`. Counted in
   * the renderer, so nodes and listeners that the page no longer reaches but V8 has not yet collected count
   * until `gc`.
   */
  async counters(gc: boolean): Promise<PageCounters> {
    this.cdp ??= await this.context.newCDPSession(this.page);
    if (gc) await this.cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await this.cdp.send('Runtime.getHeapUsage');
    const { documents, nodes, jsEventListeners } = await this.cdp.send('Memory.getDOMCounters');
    return { heapBytes: usedSize, nodes, listeners: jsEventListeners, documents };
  }

  /** A heap snapshot of the page (DevTools' format) written to `file`: what holds the page's memory. */
  async writeHeapSnapshot(file: string): Promise<void> {
    this.cdp ??= await this.context.newCDPSession(this.page);
    const out = createWriteStream(file);
    try {
      await collectHeapSnapshot(this.cdp, (chunk) => out.write(chunk));
    } finally {
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(resolve);
      });
    }
  }
}
