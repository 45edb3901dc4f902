/**
 * The shape of a benchmark section: a name (what `npm run bench -- NAME` selects), a one-line description,
 * and a run that returns rows. A row may name a baseline row of the same section; the report prints the
 * ratio beside it. Sections print figures; they assert nothing.
 */
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
}

export interface BenchSection {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}
