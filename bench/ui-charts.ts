/**
 * The statistics charts in the browser: the renderer's frame time while the charts of 50 running systems
 * update every second, beside the same page without charts, measured in the same run under the same driver
 * (Playwright on Debian's Chromium, same switches).
 *
 * The page (bench/ui-charts/page) renders 50 system panels with the app's own chart module
 * (renderer/charts/StatisticsCharts.tsx: uPlot, four charts a system, five minutes of history each) or, in
 * the chartless mode, the same panels with their figures alone; both apply the same samples, one per system
 * per second, spread over the second. A frame's time runs from the start of the animation frame that applies
 * the due samples (React renders and the charts redraw inside it) to a task posted from it, which runs once the
 * browser has produced that frame; frames with no update are not counted. Modes alternate, fresh page each
 * round, so drift on this shared machine favours neither. Target (issue 12): p95 under 16 ms and no more than
 * 1.2 times the chartless page.
 */
import { closeQuietly } from '../src/base/index.ts';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../e2e/support/paths.ts';
import { median } from './lib/measure.ts';
import type { PageProfiler } from './lib/profile.ts';
import type { BenchContext, BenchRow, BenchSection } from './lib/section.ts';
import { startBaselineServer } from './ui-list/baseline-server.ts';

const pageDir = join(dirname(fileURLToPath(import.meta.url)), 'ui-charts', 'page');
const ROUNDS = 2;
const WARM_UP_MS = 3_000;
const MEASURE_MS = 20_000;
const READY_MS = 60_000;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

interface Round {
  /** Each frame's time (ms), frames with an update only. */
  frames: number[];
  /**
   * CPU time of the page's renderer and of the GPU process (which composites its frames) per second of the
   * span, in ms/s: from the DevTools protocol's `SystemInfo.getProcessInfo` (each process's CPU time), read
   * before and after it. Unlike a frame's time it does not grow with the time the renderer waited for a core,
   * so it still compares the pages when other work keeps the machine busy. One page is open at a time.
   */
  cpuMsPerSecond: number;
}

async function cpuSeconds(browserCdp: CDPSession): Promise<number> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number; cpuTime: number }>;
  };
  return processInfo
    .filter((p) => p.type === 'renderer' || p.type === 'GPU')
    .reduce((sum, p) => sum + p.cpuTime, 0);
}

async function measureRound(
  browser: Browser,
  browserCdp: CDPSession,
  url: string,
  profile?: { profiler: PageProfiler; name: string },
): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction('window.__charts && window.__charts.ready()', undefined, {
      timeout: READY_MS,
    });
    await page.waitForTimeout(WARM_UP_MS);
    const cpuBefore = await cpuSeconds(browserCdp);
    const startedAt = performance.now();
    const measure = async () => (await page.evaluate(`window.__charts.measure(${MEASURE_MS})`)) as number[];
    const frames = profile ? await profile.profiler.record(page, profile.name, measure) : await measure();
    const spanSeconds = (performance.now() - startedAt) / 1000;
    const cpu = (await cpuSeconds(browserCdp)) - cpuBefore;
    return { frames, cpuMsPerSecond: (cpu * 1000) / spanSeconds };
  } finally {
    await context.close();
  }
}

export const uiChartsSection: BenchSection = {
  name: 'ui-charts',
  description:
    'frame time while the charts of 50 running systems update every second, beside the same page without charts',
  async run({ profiler }: BenchContext) {
    const dir = mkdtempSync(join(tmpdir(), 'hcs-bench-ui-charts-'));
    let browser: Browser | null = null;
    const server = await (async () => {
      await build({
        configFile: false,
        root: pageDir,
        base: './',
        logLevel: 'warn',
        plugins: [react()],
        build: { outDir: dir, emptyOutDir: true, reportCompressedSize: false },
      });
      return startBaselineServer(dir);
    })();
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      const browserCdp = await browser.newBrowserCDPSession();
      const rounds = { charts: [] as Round[], plain: [] as Round[] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first.
        const order = round % 2 === 0 ? (['charts', 'plain'] as const) : (['plain', 'charts'] as const);
        for (const mode of order)
          rounds[mode].push(await measureRound(browser, browserCdp, `${server.url}?mode=${mode}`));
      }
      // With --profile, one more round of each page, profiled: the profiler's own cost stays out of the figures.
      if (profiler.enabled) {
        for (const mode of ['charts', 'plain'] as const)
          await measureRound(browser, browserCdp, `${server.url}?mode=${mode}`, {
            profiler,
            name: `ui-charts-${mode}`,
          });
      }
      const runs = { charts: rounds.charts.map((r) => r.frames), plain: rounds.plain.map((r) => r.frames) };
      const cpu = (mode: 'charts' | 'plain') => median(rounds[mode].map((r) => r.cpuMsPerSecond));
      const p95 = (mode: 'charts' | 'plain') => median(runs[mode].map((r) => percentile(r, 95)));
      const p50 = (mode: 'charts' | 'plain') => median(runs[mode].map((r) => percentile(r, 50)));
      const frames = (mode: 'charts' | 'plain') => runs[mode].map((r) => r.length).join(', ');
      const spread = (mode: 'charts' | 'plain') =>
        runs[mode].map((r) => percentile(r, 95).toFixed(1)).join(', ');
      const rows: BenchRow[] = [
        {
          name: 'no charts: frame time p95',
          value: p95('plain'),
          unit: 'ms',
          note: `50 panels, figures only; frames with an update per round: ${frames('plain')}; p95 per round ${spread('plain')}`,
        },
        {
          name: '50 systems charted: frame time p95',
          value: p95('charts'),
          unit: 'ms',
          baseline: 'no charts: frame time p95',
          note: `200 uPlot charts, 5 min windows, 1 sample/system/s; target < 16 ms and <= 1.2x; p95 per round ${spread('charts')}`,
        },
        {
          name: 'no charts: frame time median',
          value: p50('plain'),
          unit: 'ms',
          note: `${ROUNDS} rounds of ${MEASURE_MS / 1000} s each, fresh page per round`,
        },
        {
          name: '50 systems charted: frame time median',
          value: p50('charts'),
          unit: 'ms',
          baseline: 'no charts: frame time median',
          note: `frames with an update per round: ${frames('charts')}`,
        },
        {
          name: 'no charts: renderer + GPU process CPU',
          value: cpu('plain'),
          unit: 'ms/s',
          note: `CPU time per second of the span (DevTools SystemInfo.getProcessInfo); per round ${rounds.plain.map((r) => r.cpuMsPerSecond.toFixed(0)).join(', ')}`,
        },
        {
          name: '50 systems charted: renderer + GPU process CPU',
          value: cpu('charts'),
          unit: 'ms/s',
          baseline: 'no charts: renderer + GPU process CPU',
          note: `what the charts cost in CPU, whatever the machine's load; per round ${rounds.charts.map((r) => r.cpuMsPerSecond.toFixed(0)).join(', ')}`,
        },
      ];
      return rows;
    } finally {
      if (browser) await closeQuietly(browser);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
