/**
 * The shape of a benchmark section: a name (what `npm run bench -- NAME` selects), a one-line description,
 * and a run that returns rows. A row may name a baseline row of the same section; the report prints the
 * ratio beside it. Sections print figures; they assert nothing.
 */
import type { BenchOptions } from './options.ts';
import type { PageProfiler } from './profile.ts';

export interface BenchRow {
  /** What was measured, e.g. "HCS call round trip (properties)". */
  name: string;
  value: number;
  /** e.g. "µs/call", "calls/s". */
  unit: string;
  /** The name of another row of this section to compare against (same unit). */
  baseline?: string;
  /** Extra detail: iterations, concurrency, spread. */
  note?: string;
  /** What the issue asks of the ratio to the baseline, as text (e.g. "≤ 1.3×"); printed, never checked. */
  target?: string;
}

/** What every section gets from the command line. */
export interface BenchContext {
  options: BenchOptions;
  /** Profiles pages when `--profile` was given (record() runs the work either way). */
  profiler: PageProfiler;
}

export interface BenchSection {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
