/**
 * Exec output in the browser, end to end in web mode: a process in a (simulated) compute system writes N MB of
 * base64; it goes through the simulator's pipe (or pty), the app core's session, a binary WebSocket frame per
 * chunk, the renderer's transport, dedup and acks, into the xterm.js terminal of its tab. Timed from the Enter
 * that lets the process write to the first frame with its last line on screen, as a ratio to xterm.js's own
 * rate for the same amount of the same kind of text, written straight into a Terminal of the same size in the
 * same page and timed the same way: to the first frame that shows its last line. Both sides look for that line
 * once per animation frame.
 *
 * Both sides run under the same driver (Playwright on Debian's Chromium), whose network monitoring costs the
 * WebSocket side about half its throughput (docs/benchmarks.md#driver-overhead): the ratio is the app's cost
 * under that driver, not in a user's browser. So both sides run once more under a driver that enables no
 * protocol domain (bench/lib/bare-chromium.ts, the same Chromium and switches): the "bare driver" rows. The
 * command's own rate, its output read straight from src/hcs in this process with no page open, says how fast
 * the output comes (bench/ui-stdio/source-baseline.ts). Memory: the main process's RSS (sampled from /proc) and
 * the page's JS heap (CDP Runtime.getHeapUsage), both at their peak during the run.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SimControl } from '../sim/control/client.ts';
import { chromiumArgs, chromiumPath, repoRoot } from '../e2e/support/paths.ts';
import { startNodeScript, stopProcessGroup, waitForLine } from '../e2e/support/processes.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer-build.ts';
import { READY_LINE } from '../e2e/support/web-app.ts';
import { median } from './lib/measure.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { startSimulator } from './lib/simulator.ts';
import { closeQuietly } from '../src/base/index.ts';
import { SERVER_BUNDLE, buildServerBundle } from './lib/server-bundle.ts';
import { benchServerFiles } from './lib/server-files.ts';
import { BareChromium } from './lib/bare-chromium.ts';
import { bareAppRun } from './ui-stdio/bare-app-run.ts';
import { startByteServer } from './ui-stdio/socket-baseline.ts';
import { readSource } from './ui-stdio/source-baseline.ts';
import { MAX_FRAME_DATA_BYTES } from '../src/contract/index.ts';

const SYSTEM_ID = 'bench-ui-stdio';
/** Random bytes the process base64-encodes: about 20 MB of output in 76-character lines. */
const RAW_BYTES = 15_000_000;
const ROUNDS = 3;
const DONE = 'UI-STDIO-DONE';
/** The process waits for a line on stdin, then writes RAW_BYTES of base64 and DONE. */
const COMMAND = `read go; head -c ${RAW_BYTES} /dev/urandom | base64; echo ${DONE}`;
const RSS_SAMPLE_MS = 20;
const HEAP_SAMPLE_MS = 100;
const RUN_TIMEOUT_MS = 180_000;
/** What one read of a pty master gives at most (Linux's N_TTY buffer): a console's output comes in these. */
const PTY_READ_BYTES = 4095;
const MB = 1e6;
const MIB = 1024 * 1024;

/**
 * Output bytes of the command: the base64 lines and DONE, with CRLF line ends from a console (which also echoes
 * the Enter that starts it), LF without one.
 */
function outputBytes(tty: boolean): number {
  const chars = 4 * Math.ceil(RAW_BYTES / 3);
  const lines = Math.ceil(chars / 76) + 1;
  return chars + DONE.length + lines * (tty ? 2 : 1) + (tty ? 2 : 0);
}

/** MB/s of a run that drew the command's whole output (with a console or without) in `ms`. */
const rateOf = (tty: boolean, ms: number) => outputBytes(tty) / MB / (ms / 1000);

/** Peak of a value sampled every `ms` until stopped. */
function sampler(ms: number, sample: () => Promise<number | null>) {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const value = await sample().catch(() => null);
      if (value !== null) peak = Math.max(peak, value);
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return peak;
  };
}

function rssBytes(pid: number): number | null {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

async function heapBytes(cdp: CDPSession): Promise<number> {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * The page's globals the in-page functions below use (this file is type-checked with Node's types, without the
 * DOM library).
 */
interface PageElement {
  style: { cssText: string };
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
  appendChild(child: PageElement): void;
  remove(): void;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    createElement(tag: string): PageElement;
    body: PageElement;
  };
  getComputedStyle(element: unknown): { width: string; height: string };
  requestAnimationFrame(callback: () => void): void;
  WebSocket: new (url: string) => {
    binaryType: string;
    onopen: (() => void) | null;
    onmessage: ((event: { data: ArrayBuffer }) => void) | null;
    send(data: string): void;
    close(): void;
  };
  Terminal: new (options: object) => {
    open(element: PageElement): void;
    write(data: Uint8Array, callback?: () => void): void;
    dispose(): void;
  };
}
/** The shown session's panel in the Terminals view (other tabs' panels are hidden). */
const PANEL = 'section[aria-label="Terminals"] [role="tabpanel"]:not([hidden])';

interface AppRun {
  ms: number;
  cols: number;
  rows: number;
  /** The last output never reached the screen (see the report: a console's output can lose its tail). */
  tailLost: boolean;
}

/**
 * Runs the command in the app through its UI. The process waits for a line on stdin before it writes, so the
 * timing starts with its output (not with process creation) and the terminal is attached by then: output
 * written before a client attaches goes only to the session's 1 MiB replay buffer.
 */
async function appRun(page: Page, tty: boolean): Promise<AppRun> {
  const command = COMMAND;
  await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Systems' }).click();
  await page.getByRole('gridcell', { name: SYSTEM_ID, exact: true }).first().click();
  await page
    .getByRole('region', { name: `Details of ${SYSTEM_ID}` })
    .getByRole('button', { name: 'Exec…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Exec in ${SYSTEM_ID}` });
  await dialog.getByRole('textbox', { name: /^Command line/ }).fill(command);
  await dialog.getByRole('switch', { name: 'Emulated console' }).setChecked(tty);
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
  const panel = page.locator(PANEL);
  await panel
    .getByRole('status')
    .filter({ hasText: /^Running/ })
    .waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: /^Terminal of / }).focus();
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press('Enter');
  // Done when DONE is on screen; or, should the output lose its tail, 3 s after the exit was reported.
  const done = await page.waitForFunction(
    ({ panel, marker }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const g = globalThis as unknown as { benchExitSeen?: number };
      const now = performance.now();
      if (document.querySelector(`${panel} .xterm-rows`)?.textContent?.includes(marker)) {
        g.benchExitSeen = undefined;
        return { at: now, tailLost: false };
      }
      if (document.querySelector(`${panel} [role="status"]`)?.textContent?.startsWith('Exited')) {
        g.benchExitSeen ??= now;
        if (now - g.benchExitSeen > 3000) {
          const at = g.benchExitSeen;
          g.benchExitSeen = undefined;
          return { at, tailLost: true };
        }
      }
      return null;
    },
    { panel: PANEL, marker: DONE },
    { polling: 'raf', timeout: RUN_TIMEOUT_MS },
  );
  const end = (await done.jsonValue()) as { at: number; tailLost: boolean };
  const status = (await panel.getByRole('status').textContent()) ?? '';
  const cells = /console (\d+)×(\d+)/.exec(status);
  const box = await panel.locator('.xterm-screen').evaluate((el) => {
    const style = (globalThis as unknown as PageGlobals).getComputedStyle(el);
    return { width: parseFloat(style.width), height: parseFloat(style.height) };
  });
  // Forget the session (it has exited) so that its terminal does not weigh on the next run.
  await panel
    .getByRole('status')
    .filter({ hasText: /^Exited/ })
    .waitFor({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Close tab' }).click();
  return {
    ms: end.at - t0,
    // The console size of a tty session, else the cells of the same box.
    cols: cells ? Number(cells[1]) : Math.floor(box.width / 8),
    rows: cells ? Number(cells[2]) : Math.floor(box.height / 17),
    tailLost: end.tailLost,
  };
}

interface XtermWrite {
  cols: number;
  rows: number;
  bytes: number;
  chunk: number;
  /** The text's last line, looked for on screen as the app's runs look for the process's. */
  marker: string;
  /**
   * Receive the text from this WebSocket (bench/ui-stdio/socket-baseline.ts), writing each message as it comes,
   * instead of making it in the page.
   */
  socketUrl?: string;
}

/**
 * Runs in the page (sent as source by either driver): xterm.js alone, the same amount of base64 text ending in
 * the marker line (made in the page, not timed) written in `chunk`-byte writes into a Terminal of the app's
 * size; with `socketUrl`, the text comes from a bare WebSocket instead, timed from asking for it. Timed, as the
 * app's runs are, to the first animation frame at which the marker is on screen (the terminal's rows in the
 * DOM), not to the last write's callback: a run is over when the user can read its last line.
 */
const writeIntoXtermInPage = async ({ cols, rows, bytes, chunk, marker, socketUrl }: XtermWrite) => {
  const { document, Terminal, WebSocket, requestAnimationFrame } = globalThis as unknown as PageGlobals;
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:0;top:0;z-index:100000;background:#fff;';
  document.body.appendChild(host);
  const term = new Terminal({
    cols,
    rows,
    scrollback: 10_000,
    fontSize: 13,
    fontFamily: "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
  });
  term.open(host);
  await new Promise<void>((r) => requestAnimationFrame(r));
  let t0: number;
  if (socketUrl) {
    const socket = new WebSocket(socketUrl);
    socket.binaryType = 'arraybuffer';
    await new Promise<void>((resolve) => (socket.onopen = resolve));
    let received = 0;
    t0 = performance.now();
    await new Promise<void>((resolve) => {
      socket.onmessage = ({ data: message }) => {
        received += message.byteLength;
        term.write(new Uint8Array(message), received >= bytes ? resolve : undefined);
      };
      socket.send('go');
    });
    socket.close();
  } else {
    // The text is made here, untimed (no named inner function: the page has no `__name`, tsx's helper for them).
    const lines: string[] = [];
    const markerLine = `${marker}\r\n`;
    let size = 0;
    const raw = new Uint8Array(57); // 57 bytes → one 76-character base64 line
    while (size < bytes - markerLine.length) {
      crypto.getRandomValues(raw);
      const line = `${btoa(String.fromCharCode(...raw))}\r\n`;
      lines.push(line);
      size += line.length;
    }
    const text = new TextEncoder().encode(lines.join('')).subarray(0, bytes - markerLine.length);
    const data = new Uint8Array(bytes);
    data.set(text);
    data.set(new TextEncoder().encode(markerLine), text.length);
    t0 = performance.now();
    await new Promise<void>((resolve) => {
      for (let i = 0; i < data.length; i += chunk) {
        const last = i + chunk >= data.length;
        term.write(data.subarray(i, i + chunk), last ? resolve : undefined);
      }
    });
  }
  // Drawn: the marker is in the terminal's rows at a frame (the check the app's runs make, once per frame).
  while (!(host.querySelector('.xterm-rows')?.textContent ?? '').includes(marker))
    await new Promise<void>((resolve) => requestAnimationFrame(resolve));
  const ms = performance.now() - t0;
  term.dispose();
  host.remove();
  return ms;
};

/**
 * One xterm.js baseline: the app's console output (its size, ending in DONE) into a Terminal of `cells`, in
 * `chunk`-byte writes or, with `socketUrl`, from the bare WebSocket.
 */
function xtermWrite(cells: { cols: number; rows: number }, chunk: number, socketUrl?: string): XtermWrite {
  return { ...cells, bytes: outputBytes(true), chunk, marker: DONE, ...(socketUrl ? { socketUrl } : {}) };
}

/** xterm.js alone in the same page (see writeIntoXtermInPage). */
async function xtermRun(page: Page, write: XtermWrite): Promise<number> {
  return page.evaluate(writeIntoXtermInPage, write);
}

/**
 * The same runs of the app and of xterm.js alone under the bare driver (bench/lib/bare-chromium.ts), which
 * enables no protocol domain: Playwright's `Network` domain has Chromium report every WebSocket frame of the
 * app's run to the driver, a cost the baseline (no socket) does not pay and a user's browser never does.
 */
async function bareRounds(
  url: string,
  xtermSource: string,
  cells: { cols: number; rows: number },
  socketUrl: string,
): Promise<Record<'tty' | 'pipes' | 'xterm' | 'socket', number[]>> {
  const rates = { tty: [] as number[], pipes: [] as number[], xterm: [] as number[], socket: [] as number[] };
  const browser = await BareChromium.launch(chromiumPath, chromiumArgs);
  try {
    const page = await browser.newPage(1400, 900, { bypassCSP: true });
    await page.goto(url);
    await page.waitFor(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
          '[role="treegrid"][aria-label="Compute systems"]',
        ) !== null,
      undefined,
      'the systems list',
    );
    await page.addScript(xtermSource);
    for (let round = 0; round < ROUNDS; round++) {
      for (const tty of [true, false]) {
        const run = await bareAppRun(page, {
          systemId: SYSTEM_ID,
          command: COMMAND,
          tty,
          panel: PANEL,
          marker: DONE,
          timeoutMs: RUN_TIMEOUT_MS,
        });
        if (run.tailLost)
          throw new Error(`the ${tty ? 'console' : 'pipes'} run under the bare driver lost its tail`);
        rates[tty ? 'tty' : 'pipes'].push(rateOf(tty, run.ms));
      }
      const ms = await page.evaluate(writeIntoXtermInPage, xtermWrite(cells, 64 * 1024));
      rates.xterm.push(rateOf(true, ms));
      const socketMs = await page.evaluate(
        writeIntoXtermInPage,
        xtermWrite(cells, MAX_FRAME_DATA_BYTES, socketUrl),
      );
      rates.socket.push(rateOf(true, socketMs));
    }
    return rates;
  } finally {
    await browser.close();
  }
}

export const uiStdioSection: BenchSection = {
  name: 'ui-stdio',
  description: 'exec output to the terminal in web mode (Playwright + Chromium) beside xterm.js alone',
  async run({ profiler }: BenchContext) {
    if (process.platform !== 'linux')
      throw new Error('the ui-stdio section runs against the simulator (Linux only)');
    ensureRendererBuilt('bench');
    const sim = await startSimulator();
    const logDir = mkdtempSync(join(tmpdir(), 'hcs-bench-ui-'));
    const control = new SimControl(sim.socketPath);
    await control.seed({
      systems: [{ id: SYSTEM_ID, systemType: 'Container', runtimeOsType: 'linux', state: 'Running' }],
    });
    const token = randomBytes(16).toString('hex');
    buildServerBundle();
    const server = startNodeScript(
      SERVER_BUNDLE,
      [
        ...['--host', '127.0.0.1', '--port', '0', '--token', token, '--backend', 'simulator'],
        ...['--sim-socket', sim.socketPath],
        ...benchServerFiles(logDir),
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, HCS_SIM_SOCKET: sim.socketPath },
        logFile: join(logDir, 'server.log'),
        require: join(repoRoot, 'src', 'server', 'threadpool.cjs'),
        nodeArgs: profiler.processArgs('ui-stdio-server'),
        typescript: false,
      },
    );
    // Listening from the start: the bundled server can print its line while the browser is still launching, and
    // a line printed before anyone listens is gone. (Awaited below; a failure meanwhile is reported there.)
    const ready = waitForLine(server, READY_LINE, 90_000, 'the web server');
    ready.catch(() => undefined);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const byteServer = await startByteServer(outputBytes(true), DONE);
    try {
      const [, url] = await ready;
      // CSP bypass only to load xterm.js's own build next to the app for the baseline.
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(url!);
      await page.getByRole('treegrid', { name: 'Compute systems' }).waitFor({ timeout: 30_000 });
      const xtermBuild = createRequire(import.meta.url).resolve('@xterm/xterm/lib/xterm.js');
      await page.addScriptTag({ path: xtermBuild });
      const cdp = await context.newCDPSession(page);

      const serverPid = server.pid!;
      const idleRss = rssBytes(serverPid) ?? 0;
      const rates: Record<'tty' | 'pipes' | 'xterm' | 'xtermSmall' | 'socket', number[]> = {
        tty: [],
        pipes: [],
        xterm: [],
        xtermSmall: [],
        socket: [],
      };
      let rssPeak = 0;
      let appHeapPeak = 0;
      let xtermHeapPeak = 0;
      let cells = { cols: 0, rows: 0 };
      const tailsLost = { tty: 0, pipes: 0 };
      // Alternate the sides round by round so that drift on this shared machine favours neither.
      for (let round = 0; round < ROUNDS; round++) {
        for (const tty of [true, false]) {
          const stopRss = sampler(RSS_SAMPLE_MS, async () => rssBytes(serverPid));
          const stopHeap = sampler(HEAP_SAMPLE_MS, () => heapBytes(cdp));
          const run = await appRun(page, tty);
          if (run.tailLost) tailsLost[tty ? 'tty' : 'pipes']++;
          rssPeak = Math.max(rssPeak, await stopRss());
          appHeapPeak = Math.max(appHeapPeak, await stopHeap());
          rates[tty ? 'tty' : 'pipes'].push(rateOf(tty, run.ms));
          if (tty) cells = { cols: run.cols, rows: run.rows };
        }
        const stopHeap = sampler(HEAP_SAMPLE_MS, () => heapBytes(cdp));
        const ms = await xtermRun(page, xtermWrite(cells, 64 * 1024));
        xtermHeapPeak = Math.max(xtermHeapPeak, await stopHeap());
        rates.xterm.push(rateOf(true, ms));
        const smallMs = await xtermRun(page, xtermWrite(cells, PTY_READ_BYTES));
        rates.xtermSmall.push(rateOf(true, smallMs));
        const socketMs = await xtermRun(page, xtermWrite(cells, MAX_FRAME_DATA_BYTES, byteServer.url));
        rates.socket.push(rateOf(true, socketMs));
      }
      // With --profile, one more run of each mode with the page profiled, outside the measured rounds (the
      // server's profile covers the whole section).
      if (profiler.enabled)
        for (const tty of [true, false])
          await profiler.record(page, `ui-stdio-${tty ? 'console' : 'pipes'}`, () => appRun(page, tty));
      await context.close();
      const bare = await bareRounds(url!, readFileSync(xtermBuild, 'utf8'), cells, byteServer.url);
      // The output's own rate: the same command read straight from src/hcs in this process (no page open).
      const source = { tty: [] as number[], pipes: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const tty of [true, false]) {
          const run = await readSource(SYSTEM_ID, COMMAND, tty, cells);
          if (run.bytes < outputBytes(tty) - 2)
            throw new Error(`the ${tty ? 'console' : 'pipes'} source run read ${run.bytes} bytes`);
          source[tty ? 'tty' : 'pipes'].push(run.bytes / MB / (run.ms / 1000));
        }
      }

      const mb = (outputBytes(true) / MB).toFixed(1);
      const lostNote = (n: number) =>
        n > 0 ? `; the output's last bytes never came in ${n} of ${ROUNDS}` : '';
      const spread = (values: number[]) =>
        `min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}`;
      const rows: BenchRow[] = [
        {
          name: 'xterm.js write, same page',
          value: median(rates.xterm),
          unit: 'MB/s',
          note: `${mb} MB base64, 64 KiB writes, DOM renderer, ${cells.cols}×${cells.rows}; ${spread(rates.xterm)}`,
        },
        {
          name: 'xterm.js write, pty-sized writes',
          value: median(rates.xtermSmall),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page',
          note: `the same in ${PTY_READ_BYTES}-byte writes, as a console's output comes; ${spread(rates.xtermSmall)}`,
        },
        {
          name: 'exec output → terminal, console',
          value: median(rates.tty),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page',
          target: '≥ 0.7×',
          note: `pty → core → WebSocket → xterm, with acks; ${spread(rates.tty)}${lostNote(tailsLost.tty)}`,
        },
        {
          name: 'exec output → terminal, pipes',
          value: median(rates.pipes),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page',
          target: '≥ 0.8×',
          note: `stdout pipe, stream split and UTF-8 carry; ${spread(rates.pipes)}${lostNote(tailsLost.pipes)}`,
        },
        {
          name: 'xterm.js fed by a bare WebSocket',
          value: median(rates.socket),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page',
          note: `the same text from a WebSocket server in the bench (bench/ui-stdio/socket-baseline.ts), no framing or acks; ${spread(rates.socket)}`,
        },
        {
          name: 'xterm.js write, same page, bare driver',
          value: median(bare.xterm),
          unit: 'MB/s',
          note: `as above, in a page driven by bench/lib/bare-chromium.ts (no protocol domain enabled); ${spread(bare.xterm)}`,
        },
        {
          name: 'exec output → terminal, console, bare driver',
          value: median(bare.tty),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page, bare driver',
          target: '≥ 0.7×',
          note: `the console run without Playwright's Network domain; ${spread(bare.tty)}`,
        },
        {
          name: 'exec output → terminal, pipes, bare driver',
          value: median(bare.pipes),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page, bare driver',
          target: '≥ 0.8×',
          note: `the pipes run without Playwright's Network domain; ${spread(bare.pipes)}`,
        },
        {
          name: 'xterm.js fed by a bare WebSocket, bare driver',
          value: median(bare.socket),
          unit: 'MB/s',
          baseline: 'xterm.js write, same page, bare driver',
          note: `the browser's WebSocket feeding xterm.js, no framing or acks; ${spread(bare.socket)}`,
        },
        {
          name: 'console, bare driver, beside the bare WebSocket',
          value: median(bare.tty),
          unit: 'MB/s',
          baseline: 'xterm.js fed by a bare WebSocket, bare driver',
          note: "the app's own cost: session, framing, acks, the renderer's transport",
        },
        {
          name: 'pipes, bare driver, beside the bare WebSocket',
          value: median(bare.pipes),
          unit: 'MB/s',
          baseline: 'xterm.js fed by a bare WebSocket, bare driver',
          note: "the app's own cost: session, framing, acks, the renderer's transport",
        },
        {
          name: "the command's output, console, read from src/hcs",
          value: median(source.tty),
          unit: 'MB/s',
          note: `the same process document, read as fast as it comes in this process: the pty's own rate (bench/ui-stdio/source-baseline.ts); ${spread(source.tty)}`,
        },
        {
          name: "the command's output, pipes, read from src/hcs",
          value: median(source.pipes),
          unit: 'MB/s',
          note: `the same through a pipe: far above what any page draws; ${spread(source.pipes)}`,
        },
        {
          name: 'console, bare driver, beside its output',
          value: median(bare.tty),
          unit: 'MB/s',
          baseline: "the command's output, console, read from src/hcs",
          note: 'what the app shows of what the process gives when nothing else runs (the page takes a core while it draws)',
        },
        { name: 'main process RSS, idle', value: idleRss / MIB, unit: 'MiB', note: 'web server + app core' },
        {
          name: 'main process RSS, peak',
          value: rssPeak / MIB,
          unit: 'MiB',
          baseline: 'main process RSS, idle',
          note: `sampled every ${RSS_SAMPLE_MS} ms while streaming`,
        },
        {
          name: 'page JS heap, peak (xterm.js alone)',
          value: xtermHeapPeak / MIB,
          unit: 'MiB',
          note: 'CDP Runtime.getHeapUsage, the app page loaded',
        },
        {
          name: 'page JS heap, peak (exec stream)',
          value: appHeapPeak / MIB,
          unit: 'MiB',
          baseline: 'page JS heap, peak (xterm.js alone)',
          note: `sampled every ${HEAP_SAMPLE_MS} ms`,
        },
      ];
      return rows;
    } finally {
      await closeQuietly(browser);
      await byteServer.close();
      await stopProcessGroup(server);
      profiler.summariseProcess('ui-stdio-server');
      await sim.stop();
      rmSync(logDir, { recursive: true, force: true });
    }
  },
};
