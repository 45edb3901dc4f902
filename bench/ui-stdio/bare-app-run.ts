/**
 * The ui-stdio app run under the bare DevTools-protocol driver (bench/lib/bare-chromium.ts): the same steps as
 * the Playwright run in bench/ui-stdio.ts (the Systems view, the system's row, Exec…, the command, the console
 * switch, Start, Enter in the terminal, the last line on screen, Close tab), each control found in the page by
 * its role and accessible name as Playwright's locators find it, and clicked or typed into with real input
 * events at its centre.
 */
import type { BarePage } from '../lib/bare-chromium.ts';

/** A control to find: by role and accessible name (exact, or a prefix), optionally inside another. */
interface ControlQuery {
  role: 'button' | 'dialog' | 'gridcell' | 'region' | 'status' | 'switch' | 'tab' | 'tablist' | 'textbox';
  name: string;
  prefix?: boolean;
  /** A CSS selector, or a query of its own, for the element to search in. */
  within?: string | ControlQuery;
}

interface ControlState {
  x: number;
  y: number;
  checked: boolean | null;
  text: string;
}

/**
 * Runs in the page: the first visible element matching `query`, its centre, checked state and text; null when
 * there is none (yet). Self-contained: it is sent to the page as source.
 */
function locateInPage(query: ControlQuery & { list?: boolean }): ControlState | null {
  interface El {
    id: string;
    tagName: string;
    textContent: string | null;
    checked?: boolean;
    getAttribute(name: string): string | null;
    getClientRects(): { length: number };
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
    closest(selector: string): El | null;
    querySelectorAll(selector: string): Iterable<El>;
  }
  const doc = (globalThis as unknown as { document: El & { getElementById(id: string): El | null } })
    .document;
  const selectors: Record<ControlQuery['role'], string> = {
    button: 'button,[role="button"]',
    dialog: '[role="dialog"],[role="alertdialog"]',
    gridcell: '[role="gridcell"]',
    region: '[role="region"],section[aria-label],section[aria-labelledby]',
    status: '[role="status"]',
    switch: '[role="switch"]',
    tab: '[role="tab"]',
    tablist: '[role="tablist"]',
    textbox: 'textarea,input:not([type]),input[type="text"],input[type="search"],[role="textbox"]',
  };
  const g = globalThis as unknown as {
    getComputedStyle(el: unknown): { display: string; visibility: string };
  };
  // Text as a screen reader gets it: without what is aria-hidden or not rendered (Fluent's tabs repeat their
  // label in a hidden span that reserves the bold width).
  const textOf = (node: {
    nodeType: number;
    textContent: string | null;
    childNodes?: Iterable<unknown>;
  }): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1) return '';
    const el = node as unknown as El;
    if (el.getAttribute('aria-hidden') === 'true' || el.getAttribute('hidden') !== null) return '';
    const style = g.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return '';
    let text = '';
    for (const child of node.childNodes ?? [])
      text += textOf(child as { nodeType: number; textContent: string | null });
    return text;
  };
  const nameOf = (el: El): string => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(/\s+/)
        .map((id) => {
          const labelEl = doc.getElementById(id);
          return labelEl ? textOf(labelEl as never) : '';
        })
        .join(' ')
        .trim();
    if (el.id) {
      for (const l of doc.querySelectorAll('label'))
        if (l.getAttribute('for') === el.id) return textOf(l as never).trim();
    }
    return textOf(el as never).trim();
  };
  const visible = (el: El) => el.getClientRects().length > 0 && !el.closest('[hidden]');
  const seen: string[] = [];
  const find = (q: ControlQuery, root: El): El | null => {
    for (const el of root.querySelectorAll(selectors[q.role])) {
      if (visible(el)) seen.push(`${q.role} "${nameOf(el)}"`);
      const name = nameOf(el);
      if ((q.prefix ? name.startsWith(q.name) : name === q.name) && visible(el)) return el;
    }
    return null;
  };
  let root: El | null = doc;
  if (typeof query.within === 'string') {
    root = null;
    for (const el of doc.querySelectorAll(query.within)) if (visible(el)) root = el;
  } else if (query.within) {
    root = find(query.within, doc);
  }
  const el = root ? find(query, root) : null;
  // Asked for what is there (to say why a control was not found): the visible candidates' names.
  if (query.list) throw new Error(`${root ? '' : 'no container; '}seen: ${seen.join(', ') || 'nothing'}`);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  return {
    x: box.left + box.width / 2,
    y: box.top + box.height / 2,
    checked: typeof el.checked === 'boolean' ? el.checked : null,
    text: (el.textContent ?? '').trim(),
  };
}

async function locate(page: BarePage, query: ControlQuery, what: string): Promise<ControlState> {
  try {
    return await page.waitFor(locateInPage, query, what);
  } catch (e) {
    const seen = await page.evaluate(locateInPage, { ...query, list: true }).catch((f: unknown) => String(f));
    throw new Error(`${e instanceof Error ? e.message : String(e)}; ${String(seen)}`);
  }
}

/** Resolves in the page after two animation frames. */
function twoFramesInPage() {
  const { requestAnimationFrame } = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
  return new Promise<boolean>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))),
  );
}

/** Frames a control may take to hold still (a dialog's opening animation takes a few). */
const MAX_UNSTABLE_FRAMES = 120;

/**
 * Clicks the control's centre once it holds still across two frames, as Playwright's actionability check does:
 * a dialog opens with an animation, and a point taken mid-way can miss the button that ends up elsewhere.
 */
async function click(page: BarePage, query: ControlQuery): Promise<void> {
  const what = `${query.role} "${query.name}"`;
  let at = await locate(page, query, what);
  for (let frames = 0; ; frames += 2) {
    await page.evaluate(twoFramesInPage, undefined);
    const now = await locate(page, query, what);
    if (now.x === at.x && now.y === at.y) break;
    if (frames > MAX_UNSTABLE_FRAMES) throw new Error(`${what} never held still`);
    at = now;
  }
  await page.clickAt(at.x, at.y);
}

interface BareRunSpec {
  systemId: string;
  command: string;
  tty: boolean;
  /** The shown session's panel in the Terminals view (a CSS selector). */
  panel: string;
  /** The text of the process's last line. */
  marker: string;
  timeoutMs: number;
}

interface BareRun {
  ms: number;
  /** The last output never reached the screen. */
  tailLost: boolean;
}

/**
 * Runs in the page: resolves once `marker` is on the panel's terminal (or, should the output lose its tail,
 * 3 s after the exit was shown), checking at every animation frame as Playwright's `waitForFunction` with
 * `polling: 'raf'` does in the other run (and the xterm.js baselines do).
 */
function untilShownInPage(arg: { panel: string; marker: string; timeoutMs: number }) {
  const { document, requestAnimationFrame } = globalThis as unknown as {
    document: { querySelector(s: string): { textContent: string | null } | null };
    requestAnimationFrame(callback: () => void): void;
  };
  const started = performance.now();
  let exitSeen: number | null = null;
  return new Promise<{ at: number; tailLost: boolean }>((resolve, reject) => {
    const check = () => {
      const now = performance.now();
      if (document.querySelector(`${arg.panel} .xterm-rows`)?.textContent?.includes(arg.marker))
        return resolve({ at: now, tailLost: false });
      if (document.querySelector(`${arg.panel} [role="status"]`)?.textContent?.startsWith('Exited')) {
        exitSeen ??= now;
        if (now - exitSeen > 3000) return resolve({ at: exitSeen, tailLost: true });
      }
      if (now - started > arg.timeoutMs) return reject(new Error(`${arg.marker} never showed`));
      requestAnimationFrame(check);
    };
    check();
  });
}

/** Waits until the panel's status line starts with `prefix` ("Running", "Exited"). */
async function untilStatus(page: BarePage, panel: string, prefix: string): Promise<void> {
  const statusText = (arg: { panel: string }) =>
    (
      globalThis as unknown as {
        document: { querySelector(s: string): { textContent: string | null } | null };
      }
    ).document.querySelector(`${arg.panel} [role="status"]`)?.textContent ?? null;
  await page
    .waitFor(
      (arg) =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string | null } | null };
          }
        ).document
          .querySelector(`${arg.panel} [role="status"]`)
          ?.textContent?.startsWith(arg.prefix),
      { panel, prefix },
      `the session's status to start with ${prefix}`,
    )
    .catch(async (e: unknown) => {
      const now = await page.evaluate(statusText, { panel }).catch(() => null);
      throw new Error(
        `${e instanceof Error ? e.message : String(e)}; the status line says: ${JSON.stringify(now)}`,
      );
    });
}

/** The app run of bench/ui-stdio.ts (see there), driven without the Network domain. */
export async function bareAppRun(page: BarePage, spec: BareRunSpec): Promise<BareRun> {
  const views: ControlQuery = { role: 'tablist', name: 'Views' };
  await click(page, { role: 'tab', name: 'Systems', within: views });
  await click(page, { role: 'gridcell', name: spec.systemId });
  const details: ControlQuery = { role: 'region', name: `Details of ${spec.systemId}` };
  await click(page, { role: 'button', name: 'Exec…', within: details });
  const dialog: ControlQuery = { role: 'dialog', name: `Exec in ${spec.systemId}` };
  // Fill the command line as Playwright's fill does: focus, select what is there, type over it.
  await click(page, { role: 'textbox', name: 'Command line', prefix: true, within: dialog });
  await page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { select?(): void } | null } }).document
      .activeElement;
    el?.select?.();
  });
  await page.insertText(spec.command);
  const consoleSwitch: ControlQuery = { role: 'switch', name: 'Emulated console', within: dialog };
  if ((await locate(page, consoleSwitch, 'the console switch')).checked !== spec.tty)
    await click(page, consoleSwitch);
  await click(page, { role: 'button', name: 'Start', within: dialog });
  await untilStatus(page, spec.panel, 'Running');
  await page.evaluate((panel) => {
    const { document } = globalThis as unknown as {
      document: { querySelector(s: string): { focus(): void } | null };
    };
    document.querySelector(`${panel} [aria-label^="Terminal of "]`)?.focus();
  }, spec.panel);
  const t0 = await page.evaluate(() => performance.now());
  await page.pressEnter();
  const end = await page.evaluate(untilShownInPage, {
    panel: spec.panel,
    marker: spec.marker,
    timeoutMs: spec.timeoutMs,
  });
  // Forget the session (it has exited) so that its terminal does not weigh on the next run.
  await untilStatus(page, spec.panel, 'Exited');
  await click(page, { role: 'button', name: 'Close tab', within: spec.panel });
  return { ms: end.at - t0, tailLost: end.tailLost };
}
