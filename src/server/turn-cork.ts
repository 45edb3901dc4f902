/**
 * Holds one socket's writes for the rest of the event loop's turn, so that everything the core sends in a turn
 * (every event of an enumeration, the answers and state changes of a thousand finished HCS calls) leaves in one
 * `writev` instead of one system call per message. Measured (docs/benchmarks.md, "The core's writes"): during
 * 1,000 pauses the socket writes were a quarter of the server's time, one per WebSocket message.
 *
 * The first write of a turn corks the socket; a `setImmediate` uncorks it, after the poll phase has run every
 * completed callback of this turn. ws corks and uncorks around each frame itself; corks nest, so the frame's
 * own uncork leaves it held. Nothing waits longer than the turn it was written in.
 */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export class TurnCork {
  private held = false;

  constructor(private readonly socket: Corkable) {}

  /** Call before a write: the writes of this turn are sent together at its end. */
  hold(): void {
    if (this.held) return;
    this.held = true;
    this.socket.cork();
    setImmediate(this.release);
  }

  private readonly release = (): void => {
    this.held = false;
    this.socket.uncork();
  };
}
