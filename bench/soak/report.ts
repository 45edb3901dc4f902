/**
 * The soak's report: one table of every figure — after warm-up, the largest during the timed workload, at the
 * end, the change, the bound and a verdict per row (verdict.ts) — then the workload by kind of action and its
 * own verdict (every kind succeeded at least once, the server ran throughout). Pure: it formats what it is
 * given.
 */
import { availableParallelism } from 'node:os';
import type { Figures, Responsiveness, Snapshot } from './measure.ts';
import type { Tally } from './tally.ts';
import { allowedGrowth, figureRows, uiRows, type Bound, type Row, type Unit } from './verdict.ts';

export interface SoakResult {
  minutes: number;
  warmupMinutes: number;
  /** How full the app's timeline (its largest bounded history) was after the warm-up. */
  timelineAfterWarmup: { entries: number; capacity: number };
  systems: number;
  start: Snapshot;
  end: Snapshot;
  /** The largest value of each figure sampled during the timed workload, and how many samples. */
  during: Figures;
  duringSamples: number;
  /** Whether the end's holdings came back to the start's, and after how long at rest. */
  settled: boolean;
  settleMs: number;
  uiStart: Responsiveness;
  uiEnd: Responsiveness;
  tally: Tally;
  /** The server's and the simulator's memory at each sample of the timed workload (after a full GC). */
  trend: TrendPoint[];
  /** The machine's 1-minute load average when the UI was measured after warm-up and at the end. */
  loadAverage: { start: number; end: number };
  /** The server exited during the run (how), or null. */
  serverExited: string | null;
  elapsedMs: number;
}

export interface TrendPoint {
  /** Since the timed workload began. */
  atMs: number;
  serverHeap: number;
  serverRss: number;
  simRss: number;
}

export interface Verdict {
  rows: Row[];
  workload: { pass: boolean; detail: string };
  /** Every row and the workload passed. */
  pass: boolean;
}

export function verdict(r: SoakResult): Verdict {
  const rows = [...figureRows(r.start.figures, r.during, r.end.figures), ...uiRows(r.uiStart, r.uiEnd)];
  const missing = r.tally.missing();
  const workload = {
    pass: missing.length === 0 && r.serverExited === null,
    detail:
      r.serverExited !== null
        ? `the server exited during the run (${r.serverExited})`
        : missing.length === 0
          ? `all ${r.tally.kinds.size} kinds of action succeeded at least once; ${r.tally.unexpectedFailures} failures outside fault windows`
          : `never succeeded: ${missing.join(', ')}`,
  };
  return { rows, workload, pass: workload.pass && rows.every((row) => row.pass) };
}

const MB = 1024 * 1024;

function value(unit: Unit, n: number | null): string {
  if (n === null) return '';
  if (Number.isNaN(n)) return '?';
  if (unit === 'bytes') return `${(n / MB).toFixed(1)} MB`;
  if (unit === 'ms') return `${n.toFixed(0)} ms`;
  return String(n);
}

function change(row: Row): string {
  const { before, after, unit } = row;
  if (before === after) return '=';
  if (unit === 'count') return `${after > before ? '+' : ''}${after - before}`;
  if (before === 0) return `+${value(unit, after)}`;
  const ratio = (after - before) / before;
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`;
}

export function boundText(bound: Bound, unit: Unit, before: number): string {
  switch (bound.kind) {
    case 'same':
      return '= start';
    case 'zero':
      return '0';
    case 'ratio': {
      const text = `≤ +${Math.round(bound.ratio * 100)} %`;
      if (bound.floor === 0 || allowedGrowth(bound, before) > bound.floor) return text;
      return `${text} or +${bound.floorText ?? value(unit, bound.floor)}`;
    }
  }
}

/** The heaps and RSS over the timed workload, at most ~20 points (a bounded cache levels off; a leak climbs). */
function trendLines(trend: readonly TrendPoint[]): string[] {
  if (trend.length === 0) return [];
  const step = Math.max(1, Math.ceil(trend.length / 20));
  const points = trend.filter((_, i) => i % step === 0 || i === trend.length - 1);
  const series = (f: (p: TrendPoint) => number) => points.map((p) => (f(p) / MB).toFixed(1)).join(' ');
  return [
    `during the timed workload, MB at ${points.map((p) => `${(p.atMs / 60_000).toFixed(1)}`).join(' ')} min:`,
    `  server JS heap (after GC): ${series((p) => p.serverHeap)}`,
    `  server RSS:                ${series((p) => p.serverRss)}`,
    `  simulator RSS:             ${series((p) => p.simRss)}`,
    '',
  ];
}

function table(headers: string[], rows: string[][], rightAligned: number[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The whole report, as lines. */
export function formatReport(r: SoakResult): string[] {
  const v = verdict(r);
  const lines = [
    `soak: ${r.minutes} min of workload after ${r.warmupMinutes} min of warm-up, ${r.systems} seeded systems, one web-mode server, two browser pages (${(r.elapsedMs / 60_000).toFixed(1)} min in all)`,
    `"after warm-up" and "at the end": at rest after a quiesce and a full GC; "during": the largest of ${r.duringSamples} samples in the timed workload (a full GC in the server and the simulator, none in the pages); the end waited ${(r.settleMs / 1000).toFixed(0)} s at rest${r.settled ? '' : ' and the holdings did not all come back'}`,
    `the app's timeline after warm-up: ${r.timelineAfterWarmup.entries} of ${r.timelineAfterWarmup.capacity} entries${r.timelineAfterWarmup.entries < r.timelineAfterWarmup.capacity ? ' (not full: its filling counts as growth in the memory rows)' : ' (full)'}`,
    `machine load (1-min average) when the UI was measured: ${r.loadAverage.start.toFixed(1)} after warm-up, ${r.loadAverage.end.toFixed(1)} at the end, on ${availableParallelism()} cores`,
    '',
    ...table(
      ['measurement', 'after warm-up', 'during (max)', 'at the end', 'change', 'bound', 'verdict'],
      v.rows.map((row) => [
        row.name,
        value(row.unit, row.before),
        value(row.unit, row.during),
        value(row.unit, row.after),
        change(row),
        boundText(row.bound, row.unit, row.before),
        row.pass ? 'ok' : 'LEAK',
      ]),
      [1, 2, 3, 4],
    ),
    '',
    ...trendLines(r.trend),
    'workload (both phases):',
    ...table(
      [
        'action',
        'runs',
        'ok',
        'failed in a fault window',
        'failed otherwise',
        'first failure (otherwise, else in a fault)',
      ],
      [...r.tally.kinds].map(([kind, t]) => [
        kind,
        String(t.runs),
        String(t.ok),
        String(t.failedInFault),
        String(t.failed - t.failedInFault),
        (t.errors[0] ?? (t.faultErrors[0] === undefined ? '' : `(in a fault) ${t.faultErrors[0]}`)).slice(
          0,
          140,
        ),
      ]),
      [1, 2, 3, 4],
    ),
  ];
  for (const [name, n] of r.tally.counters) lines.push(`${name}: ${n}`);
  lines.push(...r.end.notes);
  const failed = v.rows.filter((row) => !row.pass);
  lines.push(
    '',
    `${v.workload.pass ? 'PASS' : 'FAIL'} workload: ${v.workload.detail}`,
    failed.length === 0
      ? `PASS figures: all ${v.rows.length} within their bounds`
      : `FAIL figures: ${failed.length} of ${v.rows.length} beyond their bounds: ${failed.map((row) => row.name).join('; ')}`,
  );
  return lines;
}
