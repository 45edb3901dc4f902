/**
 * Spreads a burst of requests over turns of the event loop, so that answering them never holds the loop for
 * long: timers, HCS callbacks and every other socket get their turn between slices of the burst.
 *
 * Why: ws emits every message of one read in the same turn. A page's bulk action over 20 systems arrives as one
 * read of 20 requests, and parsing, checking and starting 20 HCS operations (with their events) took one turn of
 * 10–13 ms (`npm run bench -- core --profile`, docs/benchmarks.md) where the main loop's target is under 10 ms.
 * ws's own `allowSynchronousEvents: false` answers one message per turn instead; measured, that made 1,000
 * requests slower to finish (each then leaves in its own write), so this lets a turn answer requests for up to
 * a budget and keeps the rest, in order, for the next turns.
 *
 * Order: requests run in the order they arrived, across every socket; one that arrives while others wait goes
 * behind them. The budget counts from the first request a turn answers, so what else ran in that turn between two
 * requests (a callback, another socket's read) counts too.
 */

/**
 * Most of a turn spent answering requests before the rest wait for the next turn, in ms. A request takes about
 * 0.3–0.6 ms here; a budget of a few of them keeps a bulk action's turns short without a turn per request.
 */
export const REQUEST_TURN_BUDGET_MS = 3;

/** A request's answer, begun: it must not throw (the hub's jobs are async functions, whose errors reject). */
export type RequestJob = () => void;

export class RequestTurns {
  /** Answered jobs are blanked, not shifted out (no O(n) shift per job); the array is emptied once drained. */
  private readonly waiting: Array<RequestJob | undefined> = [];
  /** Index of the next waiting job. */
  private head = 0;
  /** When this turn answered its first request (ms, `now`), or null if it has answered none yet. */
  private turnStartedAt: number | null = null;

  constructor(
    private readonly budgetMs = REQUEST_TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly nextTurn: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  /** How many requests wait for a later turn. */
  get pending(): number {
    return this.waiting.length - this.head;
  }

  /** Answers `job` in this turn if its budget allows and nothing waits before it; otherwise in a later turn. */
  run(job: RequestJob): void {
    if (this.pending === 0 && this.withinBudget()) {
      job();
      return;
    }
    this.waiting.push(job);
  }

  /** Forgets every waiting request (the server is shutting down: nothing may reach a core that is stopping). */
  clear(): void {
    this.waiting.length = 0;
    this.head = 0;
  }

  /** Whether this turn may answer one more request; the first request of a turn starts its budget. */
  private withinBudget(): boolean {
    const now = this.now();
    if (this.turnStartedAt === null) {
      this.turnStartedAt = now;
      // setImmediate: the check phase, after this turn's poll phase has delivered every read and callback.
      this.nextTurn(this.turnEnds);
      return true;
    }
    return now - this.turnStartedAt < this.budgetMs;
  }

  /**
   * The turn that spent the budget has ended. What waits is answered in the next one: scheduled from the check
   * phase, it runs after that turn's timers and poll, so the loop gets a whole turn between two slices.
   */
  private readonly turnEnds = (): void => {
    this.turnStartedAt = null;
    if (this.pending > 0) this.nextTurn(this.answerWaiting);
  };

  private readonly answerWaiting = (): void => {
    while (this.pending > 0 && this.withinBudget()) {
      const job = this.waiting[this.head];
      this.waiting[this.head++] = undefined;
      job?.();
    }
    if (this.pending === 0) {
      this.waiting.length = 0;
      this.head = 0;
    }
  };
}
