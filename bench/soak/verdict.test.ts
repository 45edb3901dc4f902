import { describe, expect, it } from 'vitest';
import type { Figures, Responsiveness, Snapshot } from './measure.ts';
import { formatReport, verdict, type SoakResult } from './report.ts';
import { Tally } from './tally.ts';
import { figureRows, isHolding, metricOf, uiRows, withinBound } from './verdict.ts';

const MB = 1024 * 1024;

/** Figures as a quiet run has them at rest. */
function atRest(): Figures {
  return {
    'server: RSS': 120 * MB,
    'server: JS heap used': 40 * MB,
    'server: external memory': 6 * MB,
    'server: open fds': 31,
    'server: event listeners': 412,
    'server: active resources': 9,
    'server: active TCPSocketWrap': 3,
    'server: active PipeWrap': 2,
    'server: koffi callbacks': 1,
    'server: unhandled rejections': 0,
    'server: uncaught exceptions': 0,
    'server: process warnings': 0,
    'server: WebSocket connections': 3,
    'simulator: RSS': 90 * MB,
    'simulator: open fds': 24,
    'simulator: event listeners': 120,
    'sim: system handles': 300,
    'sim: process handles': 0,
    'sim: callback registrations': 300,
    'app: exec sessions': 0,
    'page A (operator): JS heap': 30 * MB,
    'page A (operator): DOM nodes': 4000,
    'page A (operator): JS event listeners': 900,
    'page A (operator): documents': 1,
  };
}

const clicks = (ms: number): Responsiveness => ({ select: [ms, ms, ms], pause: [ms, ms], resume: [ms] });

function result(end: Figures, uiEnd = clicks(80)): SoakResult {
  const tally = new Tally();
  tally.record('create', null, false);
  const snap = (figures: Figures): Snapshot => ({ at: 0, figures, notes: [] });
  return {
    minutes: 1,
    warmupMinutes: 0.2,
    timelineAfterWarmup: { entries: 5000, capacity: 5000 },
    systems: 40,
    start: snap(atRest()),
    end: snap(end),
    during: {},
    duringSamples: 0,
    trend: [],
    loadAverage: { start: 1, end: 1 },
    settled: true,
    settleMs: 35_000,
    uiStart: clicks(80),
    uiEnd,
    tally,
    serverExited: null,
    elapsedMs: 60_000,
  };
}

/** The names of the rows that fail. */
const leaks = (r: SoakResult) =>
  verdict(r)
    .rows.filter((row) => !row.pass)
    .map((row) => row.name);

describe('the soak verdict', () => {
  it('passes a run whose figures came back', () => {
    const end = atRest();
    end['server: RSS'] = 128 * MB; // within 10 %
    end['server: event listeners'] = 400; // shrinking is no leak
    end['page A (operator): DOM nodes'] = 4150; // within 5 %
    const r = result(end, clicks(90)); // within 25 %
    expect(leaks(r)).toEqual([]);
    expect(verdict(r).pass).toBe(true);
    expect(formatReport(r).at(-1)).toMatch(/^PASS figures: all \d+ within their bounds$/);
  });

  it.each([
    ['server: event listeners', 1], // one listener added per action and never removed
    ['sim: system handles', 1],
    ['sim: callback registrations', 2],
    ['server: koffi callbacks', 1],
    ['server: open fds', 1],
    ['server: active TCPSocketWrap', 1],
    ['server: WebSocket connections', 1],
    ['app: exec sessions', 1],
    ['simulator: open fds', 1],
  ])('finds a planted leak: %s grew by %i', (name, by) => {
    const end = atRest();
    end[name]! += by;
    const r = result(end);
    expect(leaks(r)).toEqual([name]);
    expect(verdict(r).pass).toBe(false);
    const line = formatReport(r).find((l) => l.startsWith(name))!;
    expect(line).toMatch(/ LEAK$/);
    expect(formatReport(r).at(-1)).toBe(
      `FAIL figures: 1 of ${verdict(r).rows.length} beyond their bounds: ${name}`,
    );
  });

  it('finds a holding that appears only at the end (a new kind of active resource)', () => {
    const end = { ...atRest(), 'server: active Timeout': 1 };
    expect(leaks(result(end))).toEqual(['server: active Timeout']);
  });

  it('finds memory that grew beyond 10 % and pages beyond 5 %', () => {
    const end = atRest();
    end['server: RSS'] = 133 * MB;
    end['simulator: RSS'] = 100 * MB;
    end['page A (operator): JS heap'] = 34 * MB;
    end['page A (operator): DOM nodes'] = 4201;
    expect(leaks(result(end))).toEqual([
      'server: RSS',
      'simulator: RSS',
      'page A (operator): JS heap',
      'page A (operator): DOM nodes',
    ]);
  });

  it('fails on any unhandled rejection or uncaught exception, even one from before the warm-up ended', () => {
    const end = atRest();
    end['server: unhandled rejections'] = 1;
    expect(leaks(result(end))).toEqual(['server: unhandled rejections']);
    expect(withinBound(metricOf('server: uncaught exceptions').bound, 1, 1)).toBe(false);
  });

  it('fails a UI slower at the end beyond 25 % or a frame', () => {
    expect(leaks(result(atRest(), clicks(101)))).toEqual([
      'UI: click a system → its details (median of 3)',
      'UI: Pause → Paused (median of 2)',
      'UI: Resume → Running (median of 1)',
    ]);
    // For very short times a frame is the resolution: 20 → 36 ms is within one frame, 20 → 37 is not.
    const [fast] = uiRows(clicks(20), clicks(36));
    expect(fast!.pass).toBe(true);
    const [slow] = uiRows(clicks(20), clicks(37));
    expect(slow!.pass).toBe(false);
  });

  it('fails a figure that could not be read', () => {
    const end = atRest();
    end['server: open fds'] = Number.NaN;
    expect(leaks(result(end))).toEqual(['server: open fds']);
  });

  it('fails the workload when a kind of action never succeeded, or the server exited', () => {
    const r = result(atRest());
    r.tally.expect('fault-crash');
    expect(verdict(r).workload).toEqual({ pass: false, detail: 'never succeeded: fault-crash' });
    expect(verdict(r).pass).toBe(false);
    const exited = { ...result(atRest()), serverExited: 'SIGSEGV' };
    expect(verdict(exited).workload.pass).toBe(false);
  });

  it('keeps the largest value seen during the workload beside each row', () => {
    const [rss] = figureRows({ 'server: RSS': 1 }, { 'server: RSS': 5 }, { 'server: RSS': 1 });
    expect(rss).toMatchObject({ before: 1, during: 5, after: 1, pass: true });
  });

  it('holds handles, descriptors, listeners and sessions exactly; memory and DOM by a ratio', () => {
    for (const name of ['sim: process handles', 'server: active Timeout', 'page B (watcher): documents'])
      expect(isHolding(name)).toBe(true);
    for (const name of ['server: RSS', 'page B (watcher): DOM nodes', 'server: unhandled rejections'])
      expect(isHolding(name)).toBe(false);
  });
});
