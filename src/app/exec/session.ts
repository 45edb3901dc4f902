import type { Readable } from 'node:stream';
import {
  MAX_FRAME_DATA_BYTES,
  encodeOutputFrameParts,
  sessionIdBytes,
  type ErrorInfo,
  type ExecReplay,
  type ExecSession,
  type OutputStream,
} from '../../contract/index.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import { closeQuietly } from '../quiet.ts';
import type { BackendProcess } from './backend-process.ts';
import { FlowControl } from './flow-control.ts';
import { OutputRing } from './output-ring.ts';

/** Where one client's output frames go: a WebSocket, a window's MessagePort. */
export interface OutputClient {
  deliver(frame: Uint8Array): void;
}

export interface SessionHooks {
  /** The session's snapshot changed (→ `exec.changed`). */
  changed(session: ExecSession): void;
  /** What a failed HCS call means, as the UI shows it (also starts the reconnect if the service went away). */
  describe(error: unknown): ErrorInfo;
  now(): number;
}

export interface SessionLimits {
  replayBytes: number;
  highWatermark: number;
  lowWatermark: number;
  /** After the process exited, how long its output may still take to end before the exit is reported. */
  exitGraceMs: number;
  /** Input the process has not read yet beyond which more input is refused. */
  maxPendingInputBytes: number;
}

export interface SessionInit {
  sessionId: string;
  systemId: string;
  commandLine: string;
  cwd: string;
  tty: boolean;
  size: { cols: number; rows: number } | null;
  attachedOnly: boolean;
}

const ENDED: ReadonlySet<ExecSession['state']> = new Set(['exited', 'failed', 'orphaned']);

/**
 * One process and its output: the bounded replay buffer, the attached clients with their flow control, and
 * the session's state as every window sees it. Output is bytes from end to end (never decoded here); each
 * chunk is framed once and the same frame goes to every attached client.
 */
export class ExecSessionRunner {
  private readonly info: ExecSession;
  private process: BackendProcess | null = null;
  private readonly ring: OutputRing;
  private readonly flow: FlowControl<OutputClient>;
  private readonly idBytes: Uint8Array;
  private readonly streams: Readable[] = [];
  private openStreams = 0;
  /** Set when the process exited (its code, null if unknown) and the exit is not yet reported. */
  private pendingExit: { code: number | null; at: number } | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** Output read in this turn of the event loop, not yet framed (onOutput). */
  private batch: { stream: 'stdout' | 'stderr'; chunks: Buffer[]; bytes: number } | null = null;
  private batchImmediate: ReturnType<typeof setImmediate> | null = null;

  constructor(
    init: SessionInit,
    private readonly hooks: SessionHooks,
    private readonly limits: SessionLimits,
  ) {
    this.idBytes = sessionIdBytes(init.sessionId);
    this.ring = new OutputRing(limits.replayBytes);
    this.flow = new FlowControl(limits.highWatermark, limits.lowWatermark, (paused) =>
      this.setPaused(paused),
    );
    this.info = {
      ...init,
      pid: null,
      startedAt: hooks.now(),
      exitedAt: null,
      exitCode: null,
      state: 'starting',
      error: null,
      stdio: { stdin: false, stdout: false, stderr: false },
    };
  }

  get id(): string {
    return this.info.sessionId;
  }

  get systemId(): string {
    return this.info.systemId;
  }

  get state(): ExecSession['state'] {
    return this.info.state;
  }

  get attachedOnly(): boolean {
    return this.info.attachedOnly;
  }

  get ended(): boolean {
    return ENDED.has(this.info.state);
  }

  /** The session as the contract carries it (a copy). */
  snapshot(): ExecSession {
    return {
      ...this.info,
      size: this.info.size ? { ...this.info.size } : null,
      stdio: { ...this.info.stdio },
    };
  }

  /** HCS created (or opened) the process: the session runs; its output flows and its exit is watched. */
  started(process: BackendProcess): void {
    if (this.disposed) {
      // Forgotten (the app is stopping) while HCS was creating it: nobody will ever see this process.
      const kill = this.info.attachedOnly ? Promise.resolve(true) : process.kill().catch(() => false);
      void kill.then(() => closeQuietly(process));
      return;
    }
    this.process = process;
    this.info.pid = process.pid;
    this.info.state = 'running';
    this.info.stdio = {
      stdin: process.stdin !== null,
      stdout: process.stdout !== null,
      stderr: process.stderr !== null,
    };
    if (process.stdout) this.wire(process.stdout, 'stdout');
    if (process.stderr) this.wire(process.stderr, 'stderr');
    this.emit();
    process.wait().then(
      () => {
        let code: number | null = null;
        try {
          code = process.exitCode();
        } catch {
          // Exited with no readable code (e.g. the handle was closed at the same time): shown as unknown.
        }
        this.onExit(code);
      },
      (error: unknown) => {
        if (this.disposed || this.ended) return;
        const info = this.hooks.describe(error);
        this.orphan({ ...info, message: `HCS Desktop lost track of the process: ${info.message}` });
      },
    );
  }

  /** HCS refused to create the process. */
  failed(error: ErrorInfo): void {
    if (this.ended) return;
    this.info.state = 'failed';
    this.info.error = error;
    this.info.exitedAt = this.hooks.now();
    this.emit();
  }

  /**
   * The system stopped or the service went away under a running session: it cannot be controlled any more.
   * Output already on its way keeps arriving and stays readable.
   */
  orphan(error: ErrorInfo): void {
    if (this.ended || this.disposed) return;
    this.clearGrace();
    this.info.state = 'orphaned';
    this.info.error = error;
    this.info.stdio.stdin = false;
    if (this.pendingExit) {
      this.info.exitedAt = this.pendingExit.at;
      this.info.exitCode = this.pendingExit.code;
      this.pendingExit = null;
    }
    this.emit();
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

  // ---- control ------------------------------------------------------------------------------------------------

  input(data: string): void {
    const stdin = this.process?.stdin;
    if (!stdin || !this.info.stdio.stdin || this.ended) {
      throw new AppError(
        appErrorInfo('This session has no open input.', 'Its stdin was closed, or the process has ended.'),
      );
    }
    if (stdin.writableLength > this.limits.maxPendingInputBytes) {
      throw new AppError(
        appErrorInfo(
          'The process is not reading its input.',
          `More than ${this.limits.maxPendingInputBytes} bytes of earlier input are still waiting; try again later.`,
        ),
      );
    }
    // Write errors (the process closed its stdin) surface as the stream's error, which the stdio layer absorbs.
    stdin.write(Buffer.from(data, 'utf8'), () => undefined);
  }

  async resize(cols: number, rows: number): Promise<void> {
    const process = this.controllable();
    if (!this.info.tty)
      throw new AppError(appErrorInfo('Only a session with a console (tty) can be resized.'));
    await this.call(() => process.resizeConsole(cols, rows));
    this.info.size = { cols, rows };
    this.emit();
  }

  signal(options: object): Promise<boolean> {
    const process = this.controllable();
    return this.call(() => process.signal(options));
  }

  async closeStdin(): Promise<void> {
    const process = this.controllable();
    if (!this.info.stdio.stdin) return;
    await this.call(() => process.closeStdin());
    this.info.stdio.stdin = false;
    this.emit();
  }

  kill(): Promise<boolean> {
    const process = this.controllable();
    return this.call(() => process.kill());
  }

  /**
   * Forget the session: stop watching, release the handle (killing the process first if asked and it still
   * runs), drop the buffered output. Attached clients simply receive nothing more.
   */
  async dispose(options: { kill: boolean }): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.clearGrace();
    if (this.batchImmediate) clearImmediate(this.batchImmediate);
    this.batchImmediate = null;
    this.batch = null;
    const process = this.process;
    this.process = null;
    this.ring.clear();
    for (const stream of this.streams) stream.removeAllListeners('data');
    if (!process) return;
    if (options.kill && !this.ended && !this.pendingExit) await process.kill().catch(() => false);
    await closeQuietly(process);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private controllable(): BackendProcess {
    if (this.info.state === 'orphaned') {
      throw new AppError(
        appErrorInfo(
          'This session is orphaned: HCS Desktop can no longer control its process.',
          this.info.error?.message,
        ),
      );
    }
    if (this.ended || this.pendingExit || !this.process) {
      throw new AppError(
        appErrorInfo(
          this.info.state === 'starting' ? 'The process is still starting.' : 'The process has ended.',
        ),
      );
    }
    return this.process;
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw new AppError(this.hooks.describe(e));
    }
  }

  private wire(stream: Readable, name: 'stdout' | 'stderr'): void {
    // The stream reads from its creation: an empty pipe may have reached its end (and been destroyed)
    // before the process was handed over. Nothing more will come from it.
    if (stream.readableEnded || stream.destroyed) return;
    this.streams.push(stream);
    this.openStreams++;
    let open = true;
    const done = () => {
      if (!open) return;
      open = false;
      this.flushBatch();
      this.openStreams--;
      this.onStreamEnded();
    };
    stream.on('data', (chunk: Buffer) => this.onOutput(name, chunk));
    // A pty master read after its child is gone fails with EIO: that is how a console's output ends.
    stream.on('error', () => undefined);
    stream.once('end', done);
    stream.once('close', done);
  }

  /**
   * Output read in the same turn of the event loop is framed together: a console (pty) is read 4 KB at a
   * time, and one frame per read costs more in every layer after this one (framing, the socket, the page)
   * than the bytes themselves. The batch is cut where the stream changes, so stdout and stderr keep their
   * order, and at MAX_FRAME_DATA_BYTES; it is sent in setImmediate, after this turn's reads, so it adds no
   * waiting.
   */
  private onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.disposed) return;
    if (this.batch && this.batch.stream !== stream) this.flushBatch();
    this.batch ??= { stream, chunks: [], bytes: 0 };
    this.batch.chunks.push(chunk);
    this.batch.bytes += chunk.byteLength;
    if (this.batch.bytes >= MAX_FRAME_DATA_BYTES) this.flushBatch();
    else this.batchImmediate ??= setImmediate(() => this.flushBatch());
  }

  private flushBatch(): void {
    if (this.batchImmediate) clearImmediate(this.batchImmediate);
    this.batchImmediate = null;
    const batch = this.batch;
    this.batch = null;
    if (!batch || this.disposed) return;
    const joined = batch.chunks.length === 1 ? batch.chunks[0]! : Buffer.concat(batch.chunks, batch.bytes);
    const data = new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
    const seq = this.ring.end;
    this.ring.push(batch.stream, data);
    for (const client of this.flow.keys()) this.send(client, batch.stream, seq, data);
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

  private onExit(code: number | null): void {
    if (this.disposed) return;
    const at = this.hooks.now();
    if (this.info.state === 'orphaned') {
      // Known after all (e.g. the system's stop killed it): recorded, the session stays orphaned.
      this.info.exitedAt = at;
      this.info.exitCode = code;
      this.emit();
      this.releaseIfDrained();
      return;
    }
    if (this.ended) return;
    this.pendingExit = { code, at };
    if (this.openStreams === 0) this.finishExit();
    else {
      // A background child may hold the pipes open; the exit is reported anyway after a grace period.
      this.graceTimer = setTimeout(() => this.finishExit(), this.limits.exitGraceMs);
      this.graceTimer.unref?.();
    }
  }

  /** Report the exit once its output has ended (so the last output precedes it on an ordered carrier). */
  private finishExit(): void {
    this.clearGrace();
    this.flushBatch();
    const exit = this.pendingExit;
    if (!exit || this.disposed) return;
    this.pendingExit = null;
    this.info.state = 'exited';
    this.info.exitedAt = exit.at;
    this.info.exitCode = exit.code;
    this.info.stdio.stdin = false;
    this.emit();
    this.releaseIfDrained();
  }

  private onStreamEnded(): void {
    if (this.openStreams > 0) return;
    if (this.pendingExit) this.finishExit();
    else if (this.ended) this.releaseIfDrained();
  }

  /** The process is over and its output ended: release the HCS handle now rather than at forget. */
  private releaseIfDrained(): void {
    if (this.openStreams > 0 || !this.process || this.info.exitedAt === null) return;
    const process = this.process;
    this.process = null;
    void closeQuietly(process);
  }

  private clearGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  private emit(): void {
    if (!this.disposed) this.hooks.changed(this.snapshot());
  }
}
