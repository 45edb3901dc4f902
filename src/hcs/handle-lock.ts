/**
 * hcsshim's handleLock (an RWMutex: operations take the read lock, Close the write lock), reduced to what
 * JS needs: a count of native calls in flight on a handle, and a close that waits for the count to reach
 * zero before the handle is freed. Closing the handle under a running call is what crashed hcsshim's shim
 * inside computecore.dll (docs/hcs/computecore.md#never-abandon-a-call). Once a close has begun, new operations are refused (as
 * Go's writer-preferring RWMutex makes them wait and then find the handle gone).
 */
export class HandleLock {
  private active = 0;
  private closing = false;
  private drainWaiters: Array<() => void> = [];

  /** Enters an operation; false when the handle is closing or closed. */
  tryEnter(): boolean {
    if (this.closing) return false;
    this.active++;
    return true;
  }

  /** Leaves an operation entered with tryEnter. */
  leave(): void {
    this.active--;
    if (this.active === 0 && this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Runs `fn` as an operation, or returns `closed()` without running it when the handle is closing. */
  async use<T>(fn: () => Promise<T>, closed: () => T | Promise<T>): Promise<T> {
    if (!this.tryEnter()) return closed();
    let stillRunning: Promise<void> | undefined;
    try {
      const result = await fn();
      stillRunning = stillRunningOf(result);
      return result;
    } finally {
      // A call the watchdog abandoned still holds the handle natively: leave only when it has returned.
      if (stillRunning) void stillRunning.then(() => this.leave());
      else this.leave();
    }
  }

  /** Refuses new operations from now on and resolves once those in flight have left. */
  drain(): Promise<void> {
    this.closing = true;
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Accepts operations again (a close that failed leaves the handle usable, as hcsshim's does). */
  reopen(): void {
    this.closing = false;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  get inFlight(): number {
    return this.active;
  }
}

/** The native call behind an abandoned outcome (CallOutcome.stillRunning), if the result is one. */
function stillRunningOf(result: unknown): Promise<void> | undefined {
  if (typeof result !== 'object' || result === null || !('stillRunning' in result)) return undefined;
  const p = (result as { stillRunning?: unknown }).stillRunning;
  return p instanceof Promise ? p : undefined;
}
