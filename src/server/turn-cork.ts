/**
 * Holds one socket's writes for the rest of the event loop's turn, so that everything the core sends in a turn
 * (every event of an enumeration, the answers and state changes of a thousand finished HCS calls) leaves in a few
 * `writev`s instead of one system call per message. Measured (docs/benchmarks.md, "The core's writes and
 * calls"): during 1,000 pauses the socket writes were a quarter of the server's time, one per WebSocket message.
 *
 * The first write of a turn corks the socket; a `setImmediate` uncorks it, after the poll phase has run every
 * completed callback of this turn. ws corks and uncorks around each frame itself; corks nest, so the frame's
 * own uncork leaves it held. Nothing waits longer than the turn it was written in.
 *
 * What is held counts in the client's `bufferedAmount`, which the hub reads to drop a client too slow to keep up
 * (MAX_BUFFERED_BYTES): a turn that writes more than its flush size (the hub gives a quarter of that limit, at
 * most FLUSH_BYTES) sends what it holds at once and goes on holding, so a large turn (a remote host's 10,000
 * changes relayed at once, a large snapshot) never looks like a slow client.
 */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Most bytes held before they are sent within the turn. An enumeration's burst of 500 changes (about 150 kB)
 * leaves in one write; 10,000 relayed changes in three.
 */
export const FLUSH_BYTES = 1024 * 1024;

export class TurnCork {
  private held = false;
  private heldBytes = 0;

  constructor(
    private readonly socket: Corkable,
    private readonly flushBytes = FLUSH_BYTES,
  ) {}

  /** Call before writing `bytes` (about: a string's length will do): sent with this turn's other writes. */
  hold(bytes: number): void {
    if (!this.held) {
      this.held = true;
      this.socket.cork();
      setImmediate(this.release);
    } else if (this.heldBytes + bytes > this.flushBytes) {
      // Send what this turn holds so far, and hold the rest of it.
      this.socket.uncork();
      this.socket.cork();
      this.heldBytes = 0;
    }
    this.heldBytes += bytes;
  }

  private readonly release = (): void => {
    this.held = false;
    this.heldBytes = 0;
    this.socket.uncork();
  };
}
