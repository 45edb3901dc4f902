import { PassThrough } from 'node:stream';
import { FakeHcsError, HR } from '../../testing/fake-hcs-error.ts';
import type { HcsPortProcess, ExecProcessConfig } from '../hcs-port-process.ts';

/**
 * A process for unit tests of the exec core: stdio are in-memory streams with real backpressure (a paused
 * stdout stops accepting writes once its buffer is full, as a pipe blocks its writer); the test drives
 * output and exit and inspects what the core asked for.
 */
export class FakeProcess implements HcsPortProcess {
  readonly stdin: PassThrough | null;
  readonly stdout: PassThrough | null;
  readonly stderr: PassThrough | null;
  /** Everything written to stdin, as bytes. */
  readonly input: Buffer[] = [];
  readonly signals: object[] = [];
  readonly resizes: Array<[number, number]> = [];
  stdinClosed = false;
  killed = false;
  closed = false;
  private code = -1;
  private waitError: Error | null = null;
  private exited = false;
  private resolveWait!: () => void;
  private readonly waitBlock = new Promise<void>((resolve) => (this.resolveWait = resolve));

  constructor(
    readonly pid: number,
    readonly systemId: string,
    readonly config: ExecProcessConfig | null,
  ) {
    const pipes = config ?? { CreateStdInPipe: false, CreateStdOutPipe: false, CreateStdErrPipe: false };
    this.stdin = pipes.CreateStdInPipe ? new PassThrough() : null;
    this.stdout = pipes.CreateStdOutPipe ? new PassThrough() : null;
    this.stderr = pipes.CreateStdErrPipe ? new PassThrough() : null;
    this.stdin?.on('data', (chunk: Buffer) => this.input.push(chunk));
  }

  // ---- test controls ----

  /** The process writes; false when the pipe is full (the writer would block). */
  write(stream: 'stdout' | 'stderr', data: string | Uint8Array): boolean {
    const target = stream === 'stdout' ? this.stdout : this.stderr;
    if (!target) throw new Error(`the fake process has no ${stream}`);
    return target.write(data);
  }

  /** The process exits: its output ends (unless a child keeps it open) and waiters hear the code. */
  exit(code: number, options: { endOutput?: boolean } = {}): void {
    if (options.endOutput ?? true) this.endOutput();
    this.code = code;
    this.finish(null);
  }

  endOutput(): void {
    this.stdout?.end();
    this.stderr?.end();
  }

  /** The handle becomes useless (service gone): waiters get the error. */
  lose(error: Error): void {
    this.finish(error);
  }

  // ---- HcsPortProcess ----

  async signal(options: object): Promise<boolean> {
    this.signals.push(options);
    return !this.exited;
  }

  async kill(): Promise<boolean> {
    this.killed = true;
    if (!this.exited) this.exit(137);
    return true;
  }

  async wait(): Promise<void> {
    await this.waitBlock;
    if (this.waitError) throw this.waitError;
  }

  exitCode(): number {
    if (!this.exited) throw new Error('process not exited');
    if (this.waitError) throw this.waitError;
    return this.code;
  }

  async resizeConsole(width: number, height: number): Promise<void> {
    if (!this.config?.EmulateConsole) throw new FakeHcsError('hcs::Process::ResizeConsole', HR.notSupported);
    this.resizes.push([width, height]);
  }

  async closeStdin(): Promise<void> {
    this.stdinClosed = true;
    this.stdin?.end();
  }

  async properties(): Promise<unknown> {
    return {
      ProcessId: this.pid,
      Exited: this.exited,
      ExitCode: this.exited ? this.code : 0,
      LastWaitResult: 0,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of [this.stdin, this.stdout, this.stderr]) s?.destroy();
    this.finish(new Error('hcsshim: the handle has already been closed'));
  }

  private finish(error: Error | null): void {
    if (this.exited) return;
    this.exited = true;
    this.waitError = error;
    this.resolveWait();
  }
}

/** The processes of a fake HCS: created ones with their config, and what opening a pid gives. */
export class FakeProcesses {
  readonly created: FakeProcess[] = [];
  readonly opened: FakeProcess[] = [];
  private nextPid = 100;

  create(systemId: string, config: ExecProcessConfig): FakeProcess {
    const process = new FakeProcess(this.nextPid++, systemId, config);
    this.created.push(process);
    return process;
  }

  /** Opens a pid: a new handle without stdio; fails with ERROR_NOT_FOUND for a pid never created. */
  open(systemId: string, pid: number): FakeProcess {
    if (!this.created.some((p) => p.pid === pid && p.systemId === systemId)) {
      throw new FakeHcsError('hcs::System::OpenProcess', HR.elementNotFound);
    }
    const process = new FakeProcess(pid, systemId, null);
    this.opened.push(process);
    return process;
  }

  last(): FakeProcess {
    const process = this.created.at(-1);
    if (!process) throw new Error('no process was created');
    return process;
  }
}
