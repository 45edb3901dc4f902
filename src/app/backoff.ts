/** Exponential retry delays: initial, ×2 each failure, capped; reset once the service answers. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 250,
    private readonly maxMs = 5000,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
