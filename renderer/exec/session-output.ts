import { isReplayStream, type OutputChunk } from '../../src/contract/index.ts';
import { OutputCursor } from './output-cursor.ts';
import { Utf8Carry } from './utf8-carry.ts';

/** Where a session's output is drawn: an xterm.js terminal, or a fake in tests. */
export interface TerminalSink {
  /** Queue bytes (or text) for drawing; `drawn` runs once xterm has processed them. */
  write(data: Uint8Array | string, drawn?: () => void): void;
  /** Empty the screen and the scrollback (before drawing the output again with another stream filter). */
  clear(): void;
}

/** Which streams a session without a console shows. */
export type StreamFilter = 'both' | 'stdout' | 'stderr';

/** How much drawn output a session without a console keeps to draw it again when the stream filter changes. */
export const OUTPUT_LOG_BYTES = 2 * 1024 * 1024;

type Stream = 'stdout' | 'stderr';
type LogEntry = { stream: Stream; data: Uint8Array } | { gap: number };

const encoder = new TextEncoder();
const STDERR_ON = encoder.encode('\x1b[31m');
const STDERR_OFF = encoder.encode('\x1b[39m');

function gapNotice(bytes: number, atStart: boolean): string {
  const size =
    bytes >= 1024 * 1024
      ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
      : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${atStart ? '' : '\r\n'}\x1b[2m[… about ${size} of earlier output was not kept …]\x1b[22m\r\n`;
}

function wrap(prefix: Uint8Array, data: Uint8Array, suffix: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.byteLength + data.byteLength + suffix.byteLength);
  out.set(prefix, 0);
  out.set(data, prefix.byteLength);
  out.set(suffix, prefix.byteLength + data.byteLength);
  return out;
}

/**
 * Draws one session's output frames into a terminal, exactly once each (by `seq`, OutputCursor), and reports
 * every frame's bytes as drawn once the terminal has processed them (`ack`, for flow control; duplicates and
 * hidden bytes count at once).
 *
 * With a console (tty) the output is one byte stream, written as bytes: xterm decodes UTF-8 across writes.
 * Without one, stdout and stderr share the terminal: stderr is drawn in red, each stream's unfinished UTF-8
 * character waits for its end (Utf8Carry), and a bounded log of the output lets the view show one stream only.
 */
export class SessionOutput {
  private readonly cursor = new OutputCursor();
  private carries: Record<Stream, Utf8Carry> = { stdout: new Utf8Carry(), stderr: new Utf8Carry() };
  private readonly log: LogEntry[] = [];
  private logBytes = 0;
  /** Output was dropped from the log: drawing it again starts with a notice. */
  private logTruncated = false;
  private shown: StreamFilter = 'both';
  /** Writes queued in the terminal and not drawn yet. */
  private queued = 0;

  constructor(
    private readonly sink: TerminalSink,
    private readonly options: {
      tty: boolean;
      ack: (bytes: number) => void;
      /** The terminal has drawn all it was given: acknowledge the rest now (the process may be waiting). */
      caughtUp?: () => void;
      logLimit?: number;
    },
  ) {}

  get filter(): StreamFilter {
    return this.shown;
  }

  /** Bytes of the session's output drawn or skipped so far (the cursor). */
  get position(): number {
    return this.cursor.next;
  }

  receive(chunk: OutputChunk): void {
    const total = chunk.data.byteLength;
    const atStart = this.cursor.next === 0;
    const fresh = this.cursor.take(chunk.seq, chunk.data);
    if (!fresh) {
      this.options.ack(total);
      if (this.queued === 0) this.options.caughtUp?.();
      return;
    }
    if (this.options.tty) {
      if (fresh.gap > 0) this.sink.write(gapNotice(fresh.gap, atStart));
      this.writeCounted(fresh.data, total);
      return;
    }
    const stream: Stream = isReplayStream(chunk.stream)
      ? chunk.stream === 'replay-stderr'
        ? 'stderr'
        : 'stdout'
      : (chunk.stream as Stream);
    if (fresh.gap > 0) {
      this.remember({ gap: fresh.gap });
      this.drawGap(fresh.gap, atStart);
    }
    this.remember({ stream, data: fresh.data });
    if (!this.draw(stream, fresh.data, total)) {
      this.options.ack(total);
      if (this.queued === 0) this.options.caughtUp?.();
    }
  }

  /** Show both streams or one (sessions without a console): the kept output is drawn again. */
  setFilter(filter: StreamFilter): void {
    if (this.options.tty || filter === this.shown) return;
    this.shown = filter;
    this.sink.clear();
    this.carries = { stdout: new Utf8Carry(), stderr: new Utf8Carry() };
    let atStart = true;
    if (this.logTruncated) {
      this.sink.write('\x1b[2m[… earlier output is no longer kept here …]\x1b[22m\r\n');
      atStart = false;
    }
    for (const entry of this.log) {
      if ('gap' in entry) this.drawGap(entry.gap, atStart);
      else if (this.draw(entry.stream, entry.data)) atStart = false;
    }
  }

  /**
   * Writes one stream's bytes if the filter shows that stream; returns whether it did. `frameBytes`: the frame's
   * size, acknowledged once drawn (none when drawing kept output again).
   */
  private draw(stream: Stream, data: Uint8Array, frameBytes?: number): boolean {
    if (this.shown !== 'both' && this.shown !== stream) return false;
    const complete = this.carries[stream].push(data);
    const bytes =
      stream === 'stderr' && complete.byteLength > 0 ? wrap(STDERR_ON, complete, STDERR_OFF) : complete;
    if (frameBytes === undefined) {
      if (bytes.byteLength > 0) this.sink.write(bytes);
    } else {
      this.writeCounted(bytes, frameBytes);
    }
    return true;
  }

  /** Queue bytes and acknowledge the frame's size once the terminal has drawn them. */
  private writeCounted(data: Uint8Array, frameBytes: number): void {
    if (data.byteLength === 0) {
      // All of it waits in a carry for the rest of a character: nothing to draw yet.
      this.options.ack(frameBytes);
      if (this.queued === 0) this.options.caughtUp?.();
      return;
    }
    this.queued++;
    this.sink.write(data, () => {
      this.queued--;
      this.options.ack(frameBytes);
      if (this.queued === 0) this.options.caughtUp?.();
    });
  }

  private drawGap(bytes: number, atStart: boolean): void {
    // What is held of an unfinished character cannot be completed across the gap: drawn as it is.
    for (const stream of ['stdout', 'stderr'] as const) {
      const held = this.carries[stream].flush();
      if (held.byteLength > 0 && (this.shown === 'both' || this.shown === stream)) this.sink.write(held);
    }
    this.sink.write(gapNotice(bytes, atStart));
  }

  private remember(entry: LogEntry): void {
    this.log.push(entry);
    if ('data' in entry) this.logBytes += entry.data.byteLength;
    const limit = this.options.logLimit ?? OUTPUT_LOG_BYTES;
    while (this.logBytes > limit && this.log.length > 1) {
      const first = this.log.shift()!;
      if ('data' in first) this.logBytes -= first.data.byteLength;
      this.logTruncated = true;
    }
  }
}
