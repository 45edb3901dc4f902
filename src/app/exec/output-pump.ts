import type { Readable } from 'node:stream';
import {
  MAX_FRAME_DATA_BYTES,
  encodeOutputFrameParts,
  sessionIdBytes,
  type ExecReplay,
  type OutputStream,
} from '../../contract/index.ts';
import { FlowControl } from './flow-control.ts';
import { OutputRing } from './output-ring.ts';

/** Where one client's output frames go: a WebSocket, a window's MessagePort. */
export interface OutputClient {
  deliver(frame: Uint8Array): void;
}

export interface PumpLimits {
  replayBytes: number;
  highWatermark: number;
  lowWatermark: number;
}

/**
 * How long a console's output is gathered into one frame. A pty (and a console's pipe on Windows) is read a few
 * kilobytes at a time and libuv stops reading a stream after a short read, so one turn of the event loop holds
 * one read: 4 KB per frame, where pipes give 64 KB. Gathering for a few milliseconds, as VS Code's terminal does
 * (`TerminalDataBufferer`, 5 ms), makes frames as large as pipes' without a delay anyone typing can see.
 * Measured with `npm run bench -- ui-stdio` (docs/benchmarks.md); pipes are not gathered: it made them slower.
 */
export const CONSOLE_GATHER_MS = 5;

/**
 * A process's output from its pipes to the attached clients: reads stdout and stderr, batches what one turn
 * of the event loop read, keeps the bounded replay ring, frames each batch once (src/contract/exec.ts) and
 * sends the same frame to every attached client, and pauses the pipes while any client is above the high
 * watermark (flow control, released by its acks). Output is bytes from end to end, never decoded here.
 * Knows nothing of the process or the session's state; `ExecSessionRunner` (session.ts) does.
 */
export class OutputPump {
  private readonly ring: OutputRing;
  private readonly flow: FlowControl<OutputClient>;
  private readonly idBytes: Uint8Array;
  private readonly streams: Readable[] = [];
  private openStreams = 0;
  private disposed = false;
  /** Output read in this turn of the event loop (or gathering window), not yet framed (onOutput). */
  private batch: { stream: 'stdout' | 'stderr'; chunks: Buffer[]; bytes: number } | null = null;
  /** Cancels the scheduled flush of `batch`, if one is scheduled. */
  private cancelFlush: (() => void) | null = null;

  /**
   * `ended`: every stream wired so far has ended (its last output is framed and sent by then).
   * `gatherMs`: 0 frames what one turn read; more gathers output that long (a console: CONSOLE_GATHER_MS).
   */
  constructor(
    sessionId: string,
    limits: PumpLimits,
    private readonly ended: () => void,
    private readonly gatherMs = 0,
  ) {
    this.idBytes = sessionIdBytes(sessionId);
    this.ring = new OutputRing(limits.replayBytes);
    this.flow = new FlowControl(limits.highWatermark, limits.lowWatermark, (paused) =>
      this.setPaused(paused),
    );
  }

  /** Whether any wired stream may still deliver output. */
  get flowing(): boolean {
    return this.openStreams > 0;
  }

  /** Pump one of the process's output streams. */
  wire(stream: Readable, name: 'stdout' | 'stderr'): void {
    // The stream reads from its creation: an empty pipe may have reached its end (and been destroyed)
    // before the process was handed over. Nothing more will come from it.
    if (stream.readableEnded || stream.destroyed) return;
    this.streams.push(stream);
    this.openStreams++;
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      this.flush();
      this.openStreams--;
      if (this.openStreams === 0) this.ended();
    };
    stream.on('data', (chunk: Buffer) => this.onOutput(name, chunk));
    // A pty master read after its child is gone fails with EIO: that is how a console's output ends.
    stream.on('error', () => undefined);
    stream.once('end', done);
    stream.once('close', done);
  }

  /** Frame and send what this turn read, now (before the exit is reported, so it follows the output). */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    const batch = this.batch;
    this.batch = null;
    if (!batch || this.disposed) return;
    const joined = batch.chunks.length === 1 ? batch.chunks[0]! : Buffer.concat(batch.chunks, batch.bytes);
    const data = new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
    const seq = this.ring.end;
    this.ring.push(batch.stream, data);
    for (const client of this.flow.keys()) this.send(client, batch.stream, seq, data);
  }

  // ---- clients ------------------------------------------------------------------------------------------------

  /** The client receives the replay now, then live output. Attaching again replays again. */
  attach(client: OutputClient): ExecReplay {
    this.flow.remove(client);
    this.flow.add(client);
    const replay = { start: this.ring.start, end: this.ring.end };
    for (const chunk of this.ring.snapshot()) {
      this.send(client, chunk.stream === 'stdout' ? 'replay-stdout' : 'replay-stderr', chunk.seq, chunk.data);
    }
    return replay;
  }

  detach(client: OutputClient): void {
    this.flow.remove(client);
  }

  isAttached(client: OutputClient): boolean {
    return this.flow.unackedOf(client) !== undefined;
  }

  ack(client: OutputClient, bytes: number): void {
    this.flow.ack(client, bytes);
  }

  /** Stop: drop what is batched and buffered, read no more; attached clients simply receive nothing more. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.batch = null;
    this.ring.clear();
    for (const stream of this.streams) stream.removeAllListeners('data');
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  /**
   * Output read in the same turn of the event loop (a console's: within `gatherMs`) is framed together: one
   * frame per read costs more in every layer after this one (framing, the socket, the page) than the bytes
   * themselves. The batch is cut where the stream changes, so stdout and stderr keep their order, and at
   * MAX_FRAME_DATA_BYTES. Pipes' batches are sent in setImmediate, after this turn's reads, so they add no
   * waiting.
   */
  private onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.disposed) return;
    if (this.batch && this.batch.stream !== stream) this.flush();
    this.batch ??= { stream, chunks: [], bytes: 0 };
    this.batch.chunks.push(chunk);
    this.batch.bytes += chunk.byteLength;
    if (this.batch.bytes >= MAX_FRAME_DATA_BYTES) this.flush();
    else this.cancelFlush ??= this.scheduleFlush();
  }

  private scheduleFlush(): () => void {
    if (this.gatherMs > 0) {
      const timer = setTimeout(() => this.flush(), this.gatherMs);
      return () => clearTimeout(timer);
    }
    const immediate = setImmediate(() => this.flush());
    return () => clearImmediate(immediate);
  }

  /** Frame `data` (split into frames of at most MAX_FRAME_DATA_BYTES) to one client and count it. */
  private send(client: OutputClient, stream: OutputStream, seq: number, data: Uint8Array): void {
    for (let offset = 0; offset < data.byteLength; offset += MAX_FRAME_DATA_BYTES) {
      const part = data.subarray(offset, offset + MAX_FRAME_DATA_BYTES);
      const frame = encodeOutputFrameParts(this.idBytes, stream, seq + offset, part);
      // Counted before delivery: an ack may come back before deliver() returns (a synchronous client).
      this.flow.sent(client, part.byteLength);
      try {
        client.deliver(frame);
      } catch (e) {
        console.error('hcs-desktop: an output client failed:', e);
      }
    }
  }

  private setPaused(paused: boolean): void {
    for (const stream of this.streams) {
      if (paused) stream.pause();
      else stream.resume();
    }
  }
}
