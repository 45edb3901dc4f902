import { LOW_WATERMARK_BYTES } from '../../src/contract/index.ts';

/**
 * Acknowledge drawn output in batches of this many bytes (VS Code acknowledges every 5,000 characters, with a
 * window of 100,000; ours is larger, see HIGH_WATERMARK_BYTES, so its batches are too). Not more than the
 * low watermark: a process paused at the high one resumes only once at most that much is unacknowledged, so a
 * larger batch would leave it waiting for the delayed remainder on every pause.
 */
export const ACK_BATCH_BYTES = LOW_WATERMARK_BYTES;
/** …and a smaller remainder at most this long after it was drawn. */
export const ACK_DELAY_MS = 50;

export interface AckTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: AckTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Collects the bytes a terminal has drawn and acknowledges them (`exec.ack`) in batches. A remainder below a
 * batch is sent when the terminal has drawn everything it was given (`flush`), or after a short delay: a
 * process paused at the high watermark must not wait for an acknowledgement the client holds back for want of
 * more output. The timer is set once per remainder, not per chunk: a console's output comes in thousands of
 * small chunks a second.
 */
export class AckBatcher {
  private pending = 0;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly send: (bytes: number) => void,
    private readonly batchBytes = ACK_BATCH_BYTES,
    private readonly delayMs = ACK_DELAY_MS,
    private readonly timers: AckTimers = realTimers,
  ) {}

  /** `bytes` more were drawn (or skipped as duplicates: they count too). */
  add(bytes: number): void {
    if (this.disposed || bytes <= 0) return;
    this.pending += bytes;
    if (this.pending >= this.batchBytes) this.flush();
    else this.schedule();
  }

  /** Send what is pending now. */
  flush(): void {
    this.cancel();
    if (this.pending === 0 || this.disposed) return;
    const bytes = this.pending;
    this.pending = 0;
    this.send(bytes);
  }

  /**
   * Forget what is pending: after a new attach the main process counts this client from zero, so bytes of
   * the earlier attachment must not be acknowledged against the new one.
   */
  reset(): void {
    this.cancel();
    this.pending = 0;
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.flush();
    }, this.delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
