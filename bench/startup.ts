/**
 * Start-up of web mode, each figure beside a baseline measured in the same run with the same browser:
 *  1. process start → the first rows painted: the server (the bundle `npm run serve` runs, dist/server/main.cjs,
 *     and for comparison the TypeScript sources through tsx) started against a simulator that is already up with
 *     100 systems (HCS is there before the app), then the page opened in a fresh browser context until the first
 *     system's row shows; beside `node -e 0` plus the same browser opening a static page that shows the same text;
 *  2. the same, bundled server only, with both sides under the bare DevTools-protocol driver and timed by the page
 *     itself: Playwright's own share of the figures above (a new context and page cost it 110–170 ms on our
 *     machine, and its wait for the text polls) falls on both sides but is no part of a user's start-up;
 *  3. the JavaScript the first view loads (the entry and its preloads) beside all of the renderer's JavaScript.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath, repoRoot } from '../e2e/support/paths.ts';
import { stopProcessGroup, waitForLine } from '../e2e/support/processes.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer-build.ts';
import { READY_LINE } from '../e2e/support/web-app.ts';
import { SimControl } from '../sim/control/client.ts';
import { BareChromium } from './lib/bare-chromium.ts';
import { median } from './lib/measure.ts';
import type { BenchRow, BenchSection } from './lib/section.ts';
import { startSimulator } from './lib/simulator.ts';
import { benchFixture, systemId } from './ui-list/fixture.ts';
import { openBareProbe } from './ui-list/probe-reader.ts';
import { SERVER_BUNDLE, buildServerBundle } from './lib/server-bundle.ts';
import { benchServerFiles } from './lib/server-files.ts';

const SYSTEMS = 100;
// Seven: with three, one busy moment of the machine moved a median by 100 ms and more (runs spread 730–1,184 ms).
const ROUNDS = 7;
const READY_TIMEOUT_MS = 60_000;
const PAINT_TIMEOUT_MS = 30_000;
const FIRST_ID = systemId(0);
const THREADPOOL = join(repoRoot, 'src', 'server', 'threadpool.cjs');
const VIEWPORT = { width: 1280, height: 800 };

/** Now, in ms since the epoch: the bare rounds compare it with the page's clock (the two agree within 0.5 ms). */
const wallNow = () => performance.timeOrigin + performance.now();

const spread = (values: number[]) =>
  `n=${values.length}, min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}`;

/**
 * The page the baseline opens: the first row's text and nothing else, from a server in this process. A grid
 * cell, as the app's row has, so that the probe of the bare rounds (bench/ui-list/probe.ts) finds it too.
 */
async function startStaticPage(): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>static</title></head><body><div role="grid"><div role="row"><div role="gridcell">${FIRST_ID}</div></div></div></body></html>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** Opens `url` in a fresh context and resolves when the first system's text is visible. */
async function openUntilFirstRow(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByText(FIRST_ID, { exact: true }).first().waitFor({ timeout: PAINT_TIMEOUT_MS });
  } finally {
    await context.close();
  }
}

/** Start → process ready (node exited; the server printed its URL), and start → the first row shown. */
interface Timing {
  readyMs: number;
  shownMs: number;
}

async function baselineOnce(browser: Browser, staticUrl: string): Promise<Timing> {
  const start = performance.now();
  const node = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(node, 'exit');
  const readyMs = performance.now() - start;
  await openUntilFirstRow(browser, staticUrl);
  return { readyMs, shownMs: performance.now() - start };
}

/**
 * Starts the web server (`entry`) against the simulator, runs `open` on its URL once it is printed, and stops it
 * again. `start` is when the server was spawned, in `performance.now()` time.
 */
async function withServer<T>(
  entry: 'bundle' | 'tsx',
  socketPath: string,
  dir: string,
  open: (url: string, start: number) => Promise<T>,
): Promise<T> {
  const script =
    entry === 'bundle' ? [SERVER_BUNDLE] : ['--import', 'tsx', join(repoRoot, 'src', 'server', 'main.ts')];
  const args = [
    ...['--host', '127.0.0.1', '--port', '0', '--backend', 'simulator', '--sim-socket', socketPath],
    ...benchServerFiles(dir),
  ];
  const start = performance.now();
  const server = spawn(process.execPath, ['--require', THREADPOOL, ...script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, HCS_SIM_SOCKET: socketPath },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const [, url] = await waitForLine(server, READY_LINE, READY_TIMEOUT_MS, 'the web server');
    return await open(url!, start);
  } finally {
    await stopProcessGroup(server);
  }
}

function appOnce(
  browser: Browser,
  entry: 'bundle' | 'tsx',
  socketPath: string,
  dir: string,
): Promise<Timing> {
  return withServer(entry, socketPath, dir, async (url, start) => {
    const readyMs = performance.now() - start;
    await openUntilFirstRow(browser, url);
    return { readyMs, shownMs: performance.now() - start };
  });
}

/**
 * The bare driver: a page of its own with the ui-list probe (bench/ui-list/probe-reader.ts), navigated to `url`.
 * Resolves with the time (ms since the epoch, by the page's clock) of the frame that first showed the first row.
 */
async function bareFirstRowAt(browser: BareChromium, url: string): Promise<number> {
  const { page, paintAt, timeOrigin } = await openBareProbe(
    browser,
    FIRST_ID,
    url,
    PAINT_TIMEOUT_MS,
    VIEWPORT,
  );
  await page.close();
  return timeOrigin + paintAt;
}

async function bareBaselineOnce(browser: BareChromium, staticUrl: string): Promise<number> {
  const start = wallNow();
  const node = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(node, 'exit');
  return (await bareFirstRowAt(browser, staticUrl)) - start;
}

function bareAppOnce(browser: BareChromium, socketPath: string, dir: string): Promise<number> {
  const start = wallNow();
  return withServer('bundle', socketPath, dir, async (url) => (await bareFirstRowAt(browser, url)) - start);
}

/** The renderer's JavaScript: what index.html loads at once (entry and modulepreloads), and all of it. */
function rendererJs(): { initial: number; initialGzip: number; all: number; allGzip: number; files: number } {
  const dir = join(repoRoot, 'dist', 'renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const size = (file: string) => statSync(join(dir, file)).size;
  const gzip = (file: string) => gzipSync(readFileSync(join(dir, file))).length;
  const allFiles = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const sum = (files: string[], of: (f: string) => number) => files.reduce((n, f) => n + of(f), 0);
  return {
    initial: sum(initialFiles, size),
    initialGzip: sum(initialFiles, gzip),
    all: sum(allFiles, size),
    allGzip: sum(allFiles, gzip),
    files: initialFiles.length,
  };
}

export const startupSection: BenchSection = {
  name: 'startup',
  description: 'web mode start-up: process start → first rows painted; the first view’s JavaScript',
  async run(): Promise<BenchRow[]> {
    ensureRendererBuilt('bench');
    buildServerBundle();
    const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-startup-'));
    const sim = await startSimulator();
    let browser: Browser | null = null;
    let bare: BareChromium | null = null;
    let page: { server: Server } | null = null;
    try {
      await new SimControl(sim.socketPath).seed(benchFixture(SYSTEMS));
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      const staticPage = await startStaticPage();
      page = staticPage;
      // A warm-up of each (file cache, the browser's first context), not counted.
      await baselineOnce(browser, staticPage.url);
      await appOnce(browser, 'bundle', sim.socketPath, dir);
      const baseline: Timing[] = [];
      const bundle: Timing[] = [];
      const tsx: Timing[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        baseline.push(await baselineOnce(browser, staticPage.url));
        bundle.push(await appOnce(browser, 'bundle', sim.socketPath, dir));
        tsx.push(await appOnce(browser, 'tsx', sim.socketPath, dir));
      }
      await browser.close();
      browser = null;

      // The bare rounds, with Playwright's browser closed: one browser at a time shares the two cores.
      bare = await BareChromium.launch(chromiumPath, chromiumArgs);
      await bareBaselineOnce(bare, staticPage.url);
      await bareAppOnce(bare, sim.socketPath, dir);
      const bareBaseline: number[] = [];
      const bareBundle: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareBaseline.push(await bareBaselineOnce(bare, staticPage.url));
        bareBundle.push(await bareAppOnce(bare, sim.socketPath, dir));
      }
      const js = rendererJs();
      const shown = (t: Timing[]) => t.map((x) => x.shownMs);
      const ready = (t: Timing[]) => t.map((x) => x.readyMs);
      const kB = (n: number) => n / 1000;
      return [
        {
          name: 'node -e 0 + static page shown',
          value: median(shown(baseline)),
          unit: 'ms',
          note: `same browser, fresh context; ${spread(shown(baseline))}`,
        },
        {
          name: `start-up → first rows (${SYSTEMS} systems), bundled server`,
          value: median(shown(bundle)),
          unit: 'ms',
          baseline: 'node -e 0 + static page shown',
          target: 'first rows < 1 s',
          note: `dist/server/main.cjs (npm run serve); simulator already up; ${spread(shown(bundle))}`,
        },
        {
          name: `start-up → first rows (${SYSTEMS} systems), server through tsx`,
          value: median(shown(tsx)),
          unit: 'ms',
          baseline: 'node -e 0 + static page shown',
          note: `src/server/main.ts transpiled at start (before: npm run serve); ${spread(shown(tsx))}`,
        },
        {
          name: 'node -e 0 + static page shown, bare driver',
          value: median(bareBaseline),
          unit: 'ms',
          note: `the frame that shows it, by the page's clock; same browser, a context each; ${spread(bareBaseline)}`,
        },
        {
          name: `start-up → first rows (${SYSTEMS} systems), bundled server, bare driver`,
          value: median(bareBundle),
          unit: 'ms',
          baseline: 'node -e 0 + static page shown, bare driver',
          target: 'first rows < 1 s',
          note: `no Playwright; the frame that shows the first row, by the page's clock; ${spread(bareBundle)}`,
        },
        {
          name: 'node -e 0: start → exit',
          value: median(ready(baseline)),
          unit: 'ms',
          note: spread(ready(baseline)),
        },
        {
          name: 'bundled server: start → URL printed',
          value: median(ready(bundle)),
          unit: 'ms',
          baseline: 'node -e 0: start → exit',
          note: `listening; HCS is listed meanwhile, the WebSocket answered after; ${spread(ready(bundle))}`,
        },
        {
          name: 'server through tsx: start → URL printed',
          value: median(ready(tsx)),
          unit: 'ms',
          baseline: 'node -e 0: start → exit',
          note: spread(ready(tsx)),
        },
        {
          name: 'renderer JS, all chunks',
          value: kB(js.all),
          unit: 'kB',
          note: `${kB(js.allGzip).toFixed(0)} kB gzip`,
        },
        {
          name: 'renderer JS loaded by the first view',
          value: kB(js.initial),
          unit: 'kB',
          baseline: 'renderer JS, all chunks',
          note: `${js.files} files, ${kB(js.initialGzip).toFixed(0)} kB gzip; no editor, no terminal code`,
        },
      ];
    } finally {
      await browser?.close();
      await bare?.close();
      page?.server.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
