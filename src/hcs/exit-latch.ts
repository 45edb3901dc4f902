/**
 * hcsshim's waitBlock + closedWaitOnce, shared by System and Process: the first outcome (the exit, or the
 * close of the handle) is kept and every waiter, now and later, sees it. Later outcomes are ignored.
 */
import { holdEventLoop } from './event-loop-hold.ts';

export class ExitLatch<Outcome> {
  #outcome: Outcome | undefined;
  #settled = false;
  readonly #block: Promise<void>;
  #unblock!: () => void;

  constructor() {
    this.#block = new Promise<void>((resolve) => (this.#unblock = resolve));
  }

  /** Records the outcome unless one is already recorded (closedWaitOnce), and wakes every waiter. */
  settle(outcome: Outcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#outcome = outcome;
    this.#unblock();
  }

  /** True once an outcome is recorded (hcsshim's stopped()). */
  get settled(): boolean {
    return this.#settled;
  }

  /** The recorded outcome, or undefined before there is one. */
  get outcome(): Outcome | undefined {
    return this.#outcome;
  }

  /**
   * Resolves with the outcome once there is one. Keeps the event loop alive while waiting: someone awaits
   * this, and koffi's registered callbacks alone would let the process exit before the exit arrives.
   */
  async wait(): Promise<Outcome> {
    if (!this.#settled) {
      const release = holdEventLoop();
      try {
        await this.#block;
      } finally {
        release();
      }
    }
    return this.#outcome as Outcome;
  }
}
