/**
 * CPU profiles of a page through the DevTools protocol (Profiler domain), for `npm run bench -- --profile`:
 * each is written as a .cpuprofile (open it in Chromium's DevTools, Performance panel) and summarised as the
 * functions with the most self time, so the report says where the time went.
 */
import type { Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { repoRoot } from '../../e2e/support/paths.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time per function (name and where), most first. */
  top: Array<{ name: string; selfMs: number; share: number }>;
}

function shortUrl(url: string): string {
  const path = url.split('?')[0]!.split('/');
  return path.slice(-1)[0] || url;
}

/** The built renderer's source maps (vite writes them next to the bundles in dist/renderer/assets). */
const RENDERER_ASSETS = join(repoRoot, 'dist', 'renderer', 'assets');
const consumers = new Map<string, SourceMapConsumer | null>();

function consumerFor(url: string): SourceMapConsumer | null {
  const file = basename(url.split('?')[0]!);
  if (!file.endsWith('.js')) return null;
  if (!consumers.has(file)) {
    const map = join(RENDERER_ASSETS, `${file}.map`);
    consumers.set(
      file,
      existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8')) as RawSourceMap) : null,
    );
  }
  return consumers.get(file) ?? null;
}

/** A frame as a person reads it: the original function and file:line when the bundle has a source map. */
function frameName(f: ProfileNode['callFrame']): string {
  if (!f.url) return f.functionName || '(anonymous)';
  const original = consumerFor(f.url)?.originalPositionFor({
    line: f.lineNumber + 1,
    column: f.columnNumber,
  });
  if (original?.source) {
    const source = original.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
    const name = original.name ?? f.functionName ?? '(anonymous)';
    return `${name || '(anonymous)'} ${relative('.', source)}:${original.line ?? 0}`;
  }
  return `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

/** A stretch of a profile, on its own clock (µs, monotonic: Node's `process.hrtime`). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/**
 * Self time per function from the samples (idle, program and GC kept apart, as DevTools shows them); with a
 * window, only the samples taken in it, as a share of the window.
 */
export function summarise(
  profile: CpuProfile,
  file: string,
  count = 12,
  window?: ProfileWindow,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (window && (at < window.fromUs || at >= window.toUs)) continue;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const key = frameName(node.callFrame);
    // A sample's time is the delta to the next one.
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const totalMs = (window ? window.toUs - window.fromUs : profile.endTime - profile.startTime) / 1000;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: totalMs > 0 ? selfMs / totalMs : 0 }));
  return { file, totalMs, top };
}

export function formatSummary(title: string, summary: ProfileSummary): string {
  const lines = summary.top.map(
    (t) =>
      `    ${(t.share * 100).toFixed(1).padStart(5)} %  ${t.selfMs.toFixed(0).padStart(6)} ms  ${t.name}`,
  );
  return [
    `  profile ${title}: ${summary.totalMs.toFixed(0)} ms in ${summary.file}; self time, most first:`,
    ...lines,
  ].join('\n');
}

/** Records the pages' CPU profiles into `dir`; `record` is a no-op pass-through when profiling is off. */
export class PageProfiler {
  readonly summaries: Array<{ title: string; summary: ProfileSummary }> = [];

  constructor(private readonly dir: string | null) {}

  get enabled(): boolean {
    return this.dir !== null;
  }

  /**
   * Node options that make a process write its own CPU profiles into a folder of the profile directory named
   * `name` when it exits (`summariseProcess` reads them then); none when profiling is off. Node writes one
   * profile per thread (a module loader's worker too), under names of its own: one fixed name would let the
   * last thread to exit overwrite the main thread's.
   */
  processArgs(name: string): string[] {
    if (!this.dir) return [];
    const dir = join(this.dir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  }

  /**
   * Summarises the busiest thread's profile of a process (see processArgs) after it exited; with windows, each
   * window of it under its own title (what the process ran during a stall the bench found).
   */
  summariseProcess(name: string, windows: Array<{ title: string } & ProfileWindow> = []): void {
    if (!this.dir) return;
    const dir = join(this.dir, name);
    const profiles = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => {
            const file = join(dir, f);
            return { file, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile };
          })
      : [];
    if (profiles.length === 0) {
      process.stderr.write(`  profile ${name}: the process wrote none (${dir})\n`);
      return;
    }
    const busy = (p: CpuProfile) => {
      const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
      return (p.samples ?? []).filter((id) => !idle.has(id)).length;
    };
    const { file, profile } = profiles.reduce((a, b) => (busy(b.profile) > busy(a.profile) ? b : a));
    for (const [title, summary] of [
      [name, summarise(profile, file)] as const,
      ...windows.map((w) => [w.title, summarise(profile, file, 12, w)] as const),
    ]) {
      this.summaries.push({ title, summary });
      process.stderr.write(`${formatSummary(title, summary)}\n`);
    }
  }

  /** Runs `fn` with the page's renderer profiled (sampling every 100 µs) when profiling is on. */
  async record<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
    if (!this.dir) return fn();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await cdp.detach().catch(() => undefined);
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const summary = summarise(profile, file);
      this.summaries.push({ title: name, summary });
      process.stderr.write(`${formatSummary(name, summary)}\n`);
    }
  }
}
