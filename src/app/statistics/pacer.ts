/**
 * Starts queries no faster than a budget: one every `1000 / perSecond` ms, in the order they asked. The host's
 * figures ask about every running system (HOST_QUERIES_PER_SECOND); each system's own interval spreads its
 * queries once they run, but a thousand systems that start running together (the host watched for the first
 * time, a bulk resume) would each ask at once: a thousand HCS calls in one turn of the loop, and their answers
 * parsed in the next. Through the pacer they start over ten seconds instead, one at a time.
 *
 * Paced by timers alone, not a clock: a timer that fires late only makes the rate lower, and a clock that jumps
 * cannot hold the queue. Single-threaded like the rest of the core.
 */
export class QueryPacer {
  /** Starts waiting for their turn, oldest first (a Set: cancelling one is O(1)). */
  private readonly waiting = new Set<() => void>();
  /** Running while the last start's spacing has not passed: nothing else starts until it fires. */
  private spacing: ReturnType<typeof setTimeout> | null = null;
  private readonly spacingMs: number;

  constructor(perSecond: number) {
    this.spacingMs = 1000 / perSecond;
  }

  /** How many starts wait for their turn. */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /**
   * Calls `start` in its turn: at once when nothing waits and the last start's spacing has passed, else after
   * the ones that wait. Returns a cancel, which makes a start that has not been called never called.
   */
  run(start: () => void): () => void {
    if (this.spacing === null && this.waiting.size === 0) {
      this.begin(start);
      return () => {};
    }
    // Its own identity, so that the same function asked twice waits twice.
    const entry = () => start();
    this.waiting.add(entry);
    return () => {
      this.waiting.delete(entry);
    };
  }

  /** Forgets every waiting start (the hub stops). */
  stop(): void {
    this.waiting.clear();
    if (this.spacing) clearTimeout(this.spacing);
    this.spacing = null;
  }

  private begin(start: () => void): void {
    this.spacing = setTimeout(this.next, this.spacingMs);
    this.spacing.unref?.();
    start();
  }

  private readonly next = (): void => {
    this.spacing = null;
    const [first] = this.waiting;
    if (first === undefined) return;
    this.waiting.delete(first);
    this.begin(first);
  };
}
