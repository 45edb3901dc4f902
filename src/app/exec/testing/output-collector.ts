import { isReplayStream, type OutputChunk } from '../../../contract/index.ts';

interface SessionOutput {
  /** Offset after the last byte drawn (the client rule of src/contract/exec.ts). */
  next: number;
  /** Drawn bytes, per stream (replay frames count as their stream). */
  stdout: Uint8Array[];
  stderr: Uint8Array[];
  all: Uint8Array[];
  replayFrames: number;
  liveFrames: number;
  /** Bytes received and not yet acknowledged. */
  unacked: number;
  /** Frames that started after `next` (dropped output between). */
  gaps: number;
}

interface Waiter {
  sessionId: string;
  check: () => boolean;
  resolve: () => void;
}

/**
 * A test client's view of exec output, drawn the way the contract tells a client to (skip duplicates, draw
 * overlaps' tails, note gaps), with optional acking as it reads. Waits are event-driven: they resolve on the
 * frame that satisfies them and are bounded by the test's own timeout.
 */
export class OutputCollector {
  private readonly sessions = new Map<string, SessionOutput>();
  private readonly waiters = new Set<Waiter>();
  /**
   * Ack everything received whenever that reaches `ackEvery` bytes (0: never ack). At most
   * LOW_WATERMARK_BYTES, as the contract asks of a client that does not also flush when idle.
   */
  ackEvery = 0;
  /** Keep the bytes drawn (false: only count them, for runs of hundreds of megabytes). */
  keepData = true;

  constructor(private readonly sendAck: (sessionId: string, bytes: number) => void = () => undefined) {}

  readonly receive = (chunk: OutputChunk): void => {
    const out = this.of(chunk.sessionId);
    if (isReplayStream(chunk.stream)) out.replayFrames++;
    else out.liveFrames++;
    const end = chunk.seq + chunk.data.byteLength;
    if (end > out.next) {
      if (chunk.seq > out.next) out.gaps++;
      const fresh = chunk.seq >= out.next ? chunk.data : chunk.data.subarray(out.next - chunk.seq);
      if (this.keepData) {
        // Copy: a decoded chunk may be a view into a buffer the carrier reuses.
        const copy = fresh.slice();
        const stream = chunk.stream === 'stderr' || chunk.stream === 'replay-stderr' ? 'stderr' : 'stdout';
        out[stream].push(copy);
        out.all.push(copy);
      }
      out.next = end;
    }
    out.unacked += chunk.data.byteLength;
    if (this.ackEvery > 0 && out.unacked >= this.ackEvery) this.ack(chunk.sessionId);
    for (const w of [...this.waiters]) {
      if (w.sessionId === chunk.sessionId && w.check()) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  };

  /** Acknowledge everything received so far for the session. */
  ack(sessionId: string): number {
    const out = this.of(sessionId);
    const bytes = out.unacked;
    out.unacked = 0;
    if (bytes > 0) this.sendAck(sessionId, bytes);
    return bytes;
  }

  /** Forget what was drawn (a reloaded page starts empty). */
  reset(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  bytes(sessionId: string, stream: 'stdout' | 'stderr' | 'all' = 'all'): Buffer {
    return Buffer.concat(this.of(sessionId)[stream]);
  }

  text(sessionId: string, stream: 'stdout' | 'stderr' | 'all' = 'all'): string {
    return this.bytes(sessionId, stream).toString('utf8');
  }

  /** Bytes drawn so far (cheap: no concatenation). */
  size(sessionId: string): number {
    return this.of(sessionId).next;
  }

  stats(sessionId: string): { replayFrames: number; liveFrames: number; gaps: number; unacked: number } {
    const { replayFrames, liveFrames, gaps, unacked } = this.of(sessionId);
    return { replayFrames, liveFrames, gaps, unacked };
  }

  /** Resolves once `check` holds (checked now and after every frame of the session). */
  until(sessionId: string, check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ sessionId, check, resolve }));
  }

  untilText(sessionId: string, text: string): Promise<void> {
    return this.until(sessionId, () => this.text(sessionId).includes(text));
  }

  untilSize(sessionId: string, bytes: number): Promise<void> {
    return this.until(sessionId, () => this.size(sessionId) >= bytes);
  }

  private of(sessionId: string): SessionOutput {
    let out = this.sessions.get(sessionId);
    if (!out) {
      out = { next: 0, stdout: [], stderr: [], all: [], replayFrames: 0, liveFrames: 0, unacked: 0, gaps: 0 };
      this.sessions.set(sessionId, out);
    }
    return out;
  }
}
