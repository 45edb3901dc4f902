/**
 * Chromium driven through the DevTools protocol over a pipe (`--remote-debugging-pipe`), with no protocol
 * domain enabled: pages are created, sized and driven with `Runtime.evaluate` and `Input` events only.
 *
 * Why: Playwright enables the `Network` domain on every page it drives, so Chromium reports every WebSocket
 * frame, payload included, to the driver — work on the page's own threads that a user's browser or the Electron
 * app never does, and that falls on a WebSocket stream but not on a baseline without one (docs/benchmarks.md,
 * "Driver overhead"). A benchmark that compares the two runs both under this driver instead.
 *
 * Input goes through `Input.dispatchMouseEvent` / `Input.dispatchKeyEvent` / `Input.insertText`, as a user's
 * would (Playwright's clicks and fills do the same), not through synthetic DOM events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

/**
 * The switches Playwright adds for a headless page, so that both drivers render the same way (the three
 * `--disable-*` are among Playwright's defaults: no throttling of pages it does not consider in front).
 */
const HEADLESS_ARGS = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
];

export class BareChromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private received = '';
  private exited: Error | null = null;

  private constructor(
    private readonly child: ChildProcess,
    private readonly profileDir: string,
  ) {
    const input = child.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (text: string) => this.onData(text));
    child.once('exit', (code, signal) => {
      this.exited = new Error(`chromium exited (${signal ?? code})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  static async launch(executablePath: string, args: readonly string[]): Promise<BareChromium> {
    const profileDir = mkdtempSync(join(tmpdir(), 'hcs-bench-bare-chromium-'));
    const child = spawn(
      executablePath,
      [...args, ...HEADLESS_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profileDir}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const browser = new BareChromium(child, profileDir);
    await browser.send('Browser.getVersion');
    return browser;
  }

  /** One protocol command; `sessionId` addresses a page attached with `flatten`. */
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** A new page of `width` × `height` CSS pixels, with the page's content security policy bypassed or not. */
  async newPage(width: number, height: number, options: { bypassCSP?: boolean } = {}): Promise<BarePage> {
    // A browser context of its own, as Playwright gives each page: its own window. Two pages opened as tabs of
    // one window left the first without frames while the second's window was in front: a page that processed
    // its last message at 330 ms drew it at 790 ms (2–7 frames a second instead of 60).
    const { browserContextId } = await this.send<{ browserContextId: string }>('Target.createBrowserContext');
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
      browserContextId,
    });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    const page = new BarePage(this, sessionId, browserContextId);
    await page.send('Emulation.setDeviceMetricsOverride', {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    // A headless page has no focused window: without this, focus and key events go nowhere.
    await page.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    if (options.bypassCSP) await page.send('Page.setBypassCSP', { enabled: true });
    return page;
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      await this.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  private onData(text: string): void {
    this.received += text;
    let end: number;
    while ((end = this.received.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.received.slice(0, end)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      this.received = this.received.slice(end + 1);
      if (message.id === undefined) continue; // an event: none is subscribed to
      const pending = this.pending.get(message.id);
      if (!pending) continue;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result);
    }
  }
}

export class BarePage {
  constructor(
    private readonly browser: BareChromium,
    private readonly sessionId: string,
    private readonly browserContextId: string,
  ) {}

  /** Closes the page with its browser context (its renderer process ends; nothing of it keeps running). */
  async close(): Promise<void> {
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId });
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /**
   * Evaluates `fn(arg)` in the page and returns its (awaited, JSON) value; a throw in the page rejects here
   * with its message. `fn` must use only what the page has (it is sent as source, as Playwright's evaluate does).
   */
  async evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    }>('Runtime.evaluate', {
      // The source may call `__name` (the transpiler's helper that keeps function names), not in the page.
      expression: `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg ?? null)}); })()`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  }

  /** Runs a script's source in the page (a library's build, as a script tag would). */
  async addScript(source: string): Promise<void> {
    const { exceptionDetails } = await this.send<{ exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      {
        expression: source,
      },
    );
    if (exceptionDetails) throw new Error(`the script failed: ${exceptionDetails.text}`);
  }

  /** Navigates and waits for the document to finish loading. */
  async goto(url: string): Promise<void> {
    await this.send('Page.navigate', { url });
    await this.waitFor(
      () =>
        (globalThis as unknown as { document: { readyState: string } }).document.readyState === 'complete',
      undefined,
      'the page to load',
    );
  }

  /** Waits (asking the page every 50 ms) until `predicate(arg)` is truthy in the page; returns its value. */
  async waitFor<T, A>(
    predicate: (arg: A) => T,
    arg: A,
    what: string,
    timeoutMs = 30_000,
  ): Promise<NonNullable<T>> {
    const started = Date.now();
    let failure = '';
    for (;;) {
      const value = await this.evaluate(predicate, arg).catch((e: unknown) => {
        failure = e instanceof Error ? e.message : String(e);
        return null;
      });
      if (value) return value as NonNullable<T>;
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${what}${failure ? ` (the page said: ${failure})` : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A left click at a point of the page (CSS pixels of the viewport). */
  async clickAt(x: number, y: number): Promise<void> {
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', {
      type: 'mousePressed',
      x,
      y,
      button: 'left',
      clickCount: 1,
    });
    await this.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      x,
      y,
      button: 'left',
      clickCount: 1,
    });
  }

  /** Types `text` into the focused element, as an input method would (Playwright's fill does the same). */
  async insertText(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  async pressEnter(): Promise<void> {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
    await this.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: '\r', unmodifiedText: '\r' });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }
}
