/**
 * What the soak's workload did, per kind of action: how often it ran, how often it failed, and how many of
 * those failures fell inside a fault window (a fault injected, or the service not yet back from one) where
 * failing is the expected outcome.
 */

export interface KindTally {
  runs: number;
  ok: number;
  failed: number;
  /** Failures while a fault was in effect (or within the grace after it). */
  failedInFault: number;
  /** The first few unexpected failures, word for word. */
  errors: string[];
  /** The first few failures in a fault window, word for word. */
  faultErrors: string[];
}

const ERRORS_KEPT = 3;

export class Tally {
  readonly kinds = new Map<string, KindTally>();
  /** Other things worth counting (a page reloaded to recover from a failed step, a leftover cleaned up). */
  readonly counters = new Map<string, number>();

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  /** Declares a kind so that it is reported (and counted as not run) even if it never runs. */
  expect(kind: string): void {
    if (!this.kinds.has(kind))
      this.kinds.set(kind, { runs: 0, ok: 0, failed: 0, failedInFault: 0, errors: [], faultErrors: [] });
  }

  record(kind: string, error: unknown, inFault: boolean): void {
    this.expect(kind);
    const t = this.kinds.get(kind)!;
    t.runs++;
    if (error === null) {
      t.ok++;
      return;
    }
    t.failed++;
    if (inFault) t.failedInFault++;
    const errors = inFault ? t.faultErrors : t.errors;
    if (errors.length < ERRORS_KEPT) errors.push(error instanceof Error ? error.message : String(error));
  }

  /** Kinds that never succeeded. */
  missing(): string[] {
    return [...this.kinds].filter(([, t]) => t.ok === 0).map(([kind]) => kind);
  }

  /** Every kind has run and succeeded at least once. */
  covered(kinds: readonly string[]): boolean {
    return kinds.every((k) => (this.kinds.get(k)?.ok ?? 0) > 0);
  }

  get unexpectedFailures(): number {
    let n = 0;
    for (const t of this.kinds.values()) n += t.failed - t.failedInFault;
    return n;
  }
}

/**
 * When faults are in effect. A fault's effects outlast its clearing (the app reconnects with backoff, re-opens
 * every handle), so a window closes `graceMs` after the last fault ended.
 */
export class FaultWindow {
  private active = 0;
  private endedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) this.endedAt = this.now();
  }

  /** Whether a step that started at `startedAt` overlapped a fault (or its grace). */
  overlaps(startedAt: number): boolean {
    return this.active > 0 || this.endedAt + this.graceMs >= startedAt;
  }
}
