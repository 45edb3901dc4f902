/**
 * The soak's leak verdicts, pure: for every figure, its value after warm-up (at rest, after a quiesce), the
 * largest seen during the timed workload, its value at the end (at rest again, after the same quiesce), the
 * bound its growth must stay within, and whether it did. Growth beyond the bound once everything is back at
 * rest is a leak; a figure that shrinks is not.
 *
 * The bounds (issue 8 §4's bar):
 *  - holdings — what a process, the simulator or the app keeps per thing in use (handles, callbacks,
 *    registrations, processes, descriptors, active resources, listeners, koffi callbacks, WebSockets, exec
 *    sessions, pending operations, a page's documents): back to their value after warm-up, exactly;
 *  - memory — RSS, JS heap and external memory of the server and the simulator, the pages' JS heaps: within
 *    10 % of the value after warm-up;
 *  - a page's DOM nodes and JS event listeners: within 5 % (a list row more or less at rest is not a leak; a
 *    node per action over twenty minutes is);
 *  - unhandled rejections and uncaught exceptions: 0; process warnings (a MaxListenersExceededWarning, say):
 *    none more than after warm-up;
 *  - the UI's click-to-result medians: no slower than at the start by more than 25 % (or one frame, for times
 *    so short that a frame is more than a quarter of them).
 */
import { median } from '../lib/measure.ts';
import type { Figures, Responsiveness } from './measure.ts';

export type Unit = 'count' | 'bytes' | 'ms';

/** How far a figure may grow from its value after warm-up. */
export type Bound =
  /** Not at all. */
  | { kind: 'same' }
  /** At most max(before × ratio, floor). */
  | { kind: 'ratio'; ratio: number; floor: number; floorText?: string }
  /** It must be 0 at the end, whatever it was before. */
  | { kind: 'zero' };

export const MEMORY_TOLERANCE = 0.1;
export const DOM_TOLERANCE = 0.05;
export const UI_TOLERANCE = 0.25;
/** One frame at 60 Hz: the click probe's resolution. */
export const FRAME_MS = 1000 / 60;

const SAME: Bound = { kind: 'same' };
const MEMORY: Bound = { kind: 'ratio', ratio: MEMORY_TOLERANCE, floor: 0 };
const DOM: Bound = { kind: 'ratio', ratio: DOM_TOLERANCE, floor: 0 };
const UI: Bound = { kind: 'ratio', ratio: UI_TOLERANCE, floor: FRAME_MS, floorText: '1 frame' };
const ZERO: Bound = { kind: 'zero' };

/** What a figure measures and how far it may grow, by its name (see measure.ts for the names). */
export function metricOf(name: string): { unit: Unit; bound: Bound } {
  if (/: (RSS|JS heap used|external memory|JS heap)$/.test(name)) return { unit: 'bytes', bound: MEMORY };
  if (/^page .*: (DOM nodes|JS event listeners)$/.test(name)) return { unit: 'count', bound: DOM };
  if (/: (unhandled rejections|uncaught exceptions)$/.test(name)) return { unit: 'count', bound: ZERO };
  return { unit: 'count', bound: SAME };
}

/** Whether a figure is a holding (must come back exactly): what the settle loop waits for. */
export function isHolding(name: string): boolean {
  return metricOf(name).bound.kind === 'same';
}

export interface Row {
  name: string;
  unit: Unit;
  before: number;
  /** The largest value during the timed workload (no forced collection), or null when not sampled. */
  during: number | null;
  after: number;
  bound: Bound;
  pass: boolean;
}

/** The growth `bound` allows from `before`. */
export function allowedGrowth(bound: Bound, before: number): number {
  switch (bound.kind) {
    case 'same':
      return 0;
    case 'ratio':
      return Math.max(before * bound.ratio, bound.floor);
    case 'zero':
      return Number.NaN;
  }
}

export function withinBound(bound: Bound, before: number, after: number): boolean {
  if (Number.isNaN(before) || Number.isNaN(after)) return false;
  if (bound.kind === 'zero') return after === 0;
  return after - before <= allowedGrowth(bound, before);
}

function row(name: string, unit: Unit, bound: Bound, before: number, during: number | null, after: number) {
  return { name, unit, before, during, after, bound, pass: withinBound(bound, before, after) };
}

/** A row per figure (a figure missing on one side counts as 0 there), in the order the start listed them. */
export function figureRows(before: Figures, during: Figures, after: Figures): Row[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.map((name) => {
    const { unit, bound } = metricOf(name);
    return row(name, unit, bound, before[name] ?? 0, during[name] ?? null, after[name] ?? 0);
  });
}

const CLICKS = {
  select: 'UI: click a system → its details',
  pause: 'UI: Pause → Paused',
  resume: 'UI: Resume → Running',
} as const;

/** A row per click of the responsiveness figure: the medians at the start and at the end. */
export function uiRows(start: Responsiveness, end: Responsiveness): Row[] {
  return (Object.keys(CLICKS) as (keyof Responsiveness)[]).map((k) =>
    row(`${CLICKS[k]} (median of ${start[k].length})`, 'ms', UI, median(start[k]), null, median(end[k])),
  );
}
