/**
 * A counting gate for native calls: at most `limit` in flight, the rest wait in JS (FIFO). koffi's async
 * calls each hold a libuv pool thread for their whole duration, so without a gate a burst of slow HCS calls
 * would take every pool thread and stall file I/O (docs/hcs/koffi.md#thread-pool); koffi itself would also throw
 * past its 256 async calls.
 */
export interface GateTicket {
  /** Resolves when the call may start. */
  readonly granted: Promise<void>;
  /** Withdraws a ticket that has not been granted yet; returns false if it already was. */
  cancel(): boolean;
  /** Gives the slot back once the call has returned (idempotent; only after `granted`). */
  release(): void;
}

export class CallGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly limitOf: () => number;

  constructor(limit: number | (() => number)) {
    this.limitOf = typeof limit === 'number' ? () => limit : limit;
  }

  get limit(): number {
    return Math.max(1, this.limitOf());
  }
  get inFlight(): number {
    return this.running;
  }
  get queued(): number {
    return this.waiting.length;
  }

  acquire(): GateTicket {
    let state: 'waiting' | 'granted' | 'released' | 'cancelled' = 'waiting';
    let grant!: () => void;
    const granted = new Promise<void>((resolve) => {
      grant = () => {
        state = 'granted';
        this.running++;
        resolve();
      };
    });
    if (this.running < this.limit && this.waiting.length === 0) grant();
    else this.waiting.push(grant);
    return {
      granted,
      cancel: () => {
        if (state !== 'waiting') return false;
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        state = 'cancelled';
        return true;
      },
      release: () => {
        if (state !== 'granted') return;
        state = 'released';
        this.running--;
        this.pump();
      },
    };
  }

  /** Runs `fn` once a slot is free and frees the slot when it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const ticket = this.acquire();
    await ticket.granted;
    try {
      return await fn();
    } finally {
      ticket.release();
    }
  }

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) this.waiting.shift()!();
  }
}
