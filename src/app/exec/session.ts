import type { ErrorInfo, ExecReplay, ExecSession } from '../../contract/index.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import { closeQuietly } from '../../base/index.ts';
import type { HcsPortProcess } from './hcs-port-process.ts';
import { CONSOLE_GATHER_MS, OutputPump, type OutputClient, type PumpLimits } from './output-pump.ts';

export interface SessionHooks {
  /** The session's snapshot changed (→ `exec.changed`). */
  changed(session: ExecSession): void;
  /** What a failed HCS call means, as the UI shows it (also starts the reconnect if the service went away). */
  describe(error: unknown): ErrorInfo;
  now(): number;
}

export interface SessionLimits extends PumpLimits {
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
 * One process and the session's state as every window sees it: starting, running, its exit (reported once
 * its output has ended, or after a grace period), orphaned, failed; the control requests (input, resize,
 * signal, close stdin, kill); and when to release its HCS handle. Its output travels through an
 * `OutputPump` (output-pump.ts: batching, replay ring, flow control, framing).
 */
export class ExecSessionRunner {
  private readonly info: ExecSession;
  private process: HcsPortProcess | null = null;
  private readonly pump: OutputPump;
  /** Set when the process exited (its code, null if unknown) and the exit is not yet reported. */
  private pendingExit: { code: number | null; at: number } | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    init: SessionInit,
    private readonly hooks: SessionHooks,
    private readonly limits: SessionLimits,
  ) {
    this.pump = new OutputPump(
      init.sessionId,
      limits,
      () => this.onOutputEnded(),
      init.tty ? CONSOLE_GATHER_MS : 0,
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
  started(process: HcsPortProcess): void {
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
    if (process.stdout) this.pump.wire(process.stdout, 'stdout');
    if (process.stderr) this.pump.wire(process.stderr, 'stderr');
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
    return this.pump.attach(client);
  }

  detach(client: OutputClient): void {
    this.pump.detach(client);
  }

  isAttached(client: OutputClient): boolean {
    return this.pump.isAttached(client);
  }

  ack(client: OutputClient, bytes: number): void {
    this.pump.ack(client, bytes);
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
    this.pump.dispose();
    const process = this.process;
    this.process = null;
    if (!process) return;
    if (options.kill && !this.ended && !this.pendingExit) await process.kill().catch(() => false);
    await closeQuietly(process);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private controllable(): HcsPortProcess {
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
    if (!this.pump.flowing) this.finishExit();
    else {
      // A background child may hold the pipes open; the exit is reported anyway after a grace period.
      this.graceTimer = setTimeout(() => this.finishExit(), this.limits.exitGraceMs);
      this.graceTimer.unref?.();
    }
  }

  /** Report the exit once its output has ended (so the last output precedes it on an ordered carrier). */
  private finishExit(): void {
    this.clearGrace();
    this.pump.flush();
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

  /** Every output stream ended: a pending exit can be reported, an ended process released. */
  private onOutputEnded(): void {
    if (this.pendingExit) this.finishExit();
    else if (this.ended) this.releaseIfDrained();
  }

  /** The process is over and its output ended: release the HCS handle now rather than at forget. */
  private releaseIfDrained(): void {
    if (this.pump.flowing || !this.process || this.info.exitedAt === null) return;
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
