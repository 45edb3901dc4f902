/**
 * Per-client flow control of one session, as VS Code's terminal does it: each attached client's
 * unacknowledged bytes are counted; the output is held back while any client is above the high watermark
 * and released once every client is at or below the low one. Between the two, the state does not change
 * (hysteresis), so a client acking in small steps does not flap the pipe.
 */
export class FlowControl<C> {
  private readonly unacked = new Map<C, number>();
  private held = false;

  constructor(
    readonly highWatermark: number,
    readonly lowWatermark: number,
    /** Called with true when the output must pause, false when it may resume. */
    private readonly onChange: (paused: boolean) => void,
  ) {
    if (!(lowWatermark < highWatermark)) throw new RangeError('the low watermark must be below the high one');
  }

  get paused(): boolean {
    return this.held;
  }

  /** Clients counted (the attached ones). */
  get clients(): number {
    return this.unacked.size;
  }

  /** The attached clients (a copy: delivering to one may detach another). */
  keys(): C[] {
    return [...this.unacked.keys()];
  }

  unackedOf(client: C): number | undefined {
    return this.unacked.get(client);
  }

  /** A client attached (again): it starts with nothing unacknowledged. */
  add(client: C): void {
    this.unacked.set(client, 0);
    this.evaluate();
  }

  /** A client detached or went away: it no longer holds the output back. */
  remove(client: C): void {
    if (this.unacked.delete(client)) this.evaluate();
  }

  /** Bytes framed to a client. */
  sent(client: C, bytes: number): void {
    const before = this.unacked.get(client);
    if (before === undefined) return;
    this.unacked.set(client, before + bytes);
    if (!this.held && before + bytes > this.highWatermark) this.set(true);
  }

  /** The client drew `bytes` more; more than it owes is counted as all of it. */
  ack(client: C, bytes: number): void {
    const before = this.unacked.get(client);
    if (before === undefined) return;
    this.unacked.set(client, Math.max(0, before - bytes));
    if (this.held) this.evaluate();
  }

  private evaluate(): void {
    let max = 0;
    for (const n of this.unacked.values()) max = Math.max(max, n);
    if (this.held && max <= this.lowWatermark) this.set(false);
    else if (!this.held && max > this.highWatermark) this.set(true);
  }

  private set(paused: boolean): void {
    this.held = paused;
    this.onChange(paused);
  }
}
