/**
 * A process in a compute system: hcsshim's internal/hcs Process (docs/hcs/system-and-process.md#process) over the vmcompute
 * binding. stdio are Node streams with backpressure (stdio.ts). The handle, its lock and its close are a
 * HandleLifetime (whose lock rules apply here: close() never frees the handle under a running call); the
 * exit wait is an ExitLatch.
 */
import type { Readable, Writable } from 'node:stream';
import type { Backend } from './backend.ts';
import {
  ErrAlreadyClosed,
  ErrComputeSystemDoesNotExist,
  ErrElementNotFound,
  ErrInvalidProcessState,
  ErrUnexpectedValue,
  ErrVmcomputeOperationInvalidState,
  errorIs,
  isAccessIsDenied,
  isAlreadyStopped,
  makeProcessError,
  makeSystemError,
  processHcsResult,
  toError,
} from './errors.ts';
import { ExitLatch } from './exit-latch.ts';
import { HandleLifetime } from './handle-lifetime.ts';
import { parseJsonObject, toJsonText } from './json-text.ts';
import { NotificationType, type HcsNotification } from './notification-types.ts';
import type * as schema2 from './schema2.ts';
import { openStdio, type ProcessStdio } from './stdio.ts';
import type { HcsHandle, ProcessInformation, ResultOutcome, Vmcompute } from './vmcompute/types.ts';
import { closeQuietly } from '../base/index.ts';

/** How long a signal that found the process gone waits for ProcessExited before unblocking waiters itself. */
const FORCE_UNBLOCK_MS = 1000;

/** How a process's wait ended: hcsshim's exitCode (-1 when unknown) and waitError. */
interface ProcessExit {
  exitCode: number;
  waitError: Error | null;
}

export class Process {
  readonly pid: number;
  readonly systemId: string;
  readonly #handle: HandleLifetime;
  readonly #exit = new ExitLatch<ProcessExit>();
  #stdio: ProcessStdio = { stdin: null, stdout: null, stderr: null };
  #killSignalDelivered = false;

  private constructor(systemId: string, backend: Backend, handle: HcsHandle, pid: number) {
    this.systemId = systemId;
    this.pid = pid;
    this.#handle = new HandleLifetime(
      'process',
      backend,
      {
        closeError: (err) => this.#error('hcs::Process::Close', err),
        // The local pipes go first: nothing may read or write them once the handle is released.
        releaseLocal: () => {
          const { stdin, stdout, stderr } = this.#stdio;
          this.#stdio = { stdin: null, stdout: null, stderr: null };
          for (const s of [stdin, stdout, stderr]) s?.destroy();
        },
        closed: () => this.#finishWait(-1, ErrAlreadyClosed),
      },
      handle,
    );
  }

  /**
   * Internal (used by System.createProcess): adopts a created process, wraps its stdio, registers for its
   * notifications and starts watching for its exit. On failure the process handle is closed (the process is
   * not killed) and a SystemError for `op` is thrown.
   */
  static async _fromCreated(
    systemId: string,
    backend: Backend,
    handle: HcsHandle,
    info: ProcessInformation,
    op: string,
  ): Promise<Process> {
    const p = new Process(systemId, backend, handle, info.processId);
    try {
      p.#stdio = await openStdio(info);
    } catch (e) {
      await closeQuietly(p);
      throw makeSystemError(systemId, op, e);
    }
    await p.#register(op);
    return p;
  }

  /** Internal (used by System.openProcess): adopts an opened process (no stdio). */
  static async _fromOpened(
    systemId: string,
    backend: Backend,
    handle: HcsHandle,
    pid: number,
    op: string,
  ): Promise<Process> {
    const p = new Process(systemId, backend, handle, pid);
    await p.#register(op);
    return p;
  }

  async #register(op: string): Promise<void> {
    const err = await this.#handle.register();
    if (err) {
      await closeQuietly(this);
      throw makeSystemError(this.systemId, op, err);
    }
    this.#waitBackground();
  }

  /** The process's stdin, if a pipe was asked for; a Writable with backpressure. */
  get stdin(): Writable | null {
    return this.#stdio.stdin;
  }
  /** The process's stdout (or the console of an emulated console), if asked for. */
  get stdout(): Readable | null {
    return this.#stdio.stdout;
  }
  /** The process's stderr, if asked for (never with an emulated console). */
  get stderr(): Readable | null {
    return this.#stdio.stderr;
  }

  /**
   * Signals the process (WCOW `{"Signal":"CtrlC"|…}`, LCOW `{"Signal":<number>}`). Resolves with whether the
   * signal was delivered: a process already gone gives false, not an error (the 2021 snapshot's
   * processSignalResult; HEAD's swallowing of every other error is not copied).
   */
  async signal(options: schema2.SignalProcessOptions | string | object): Promise<boolean> {
    const op = 'hcs::Process::Signal';
    if (this.#handle.isClosing) throw this.#error(op, ErrAlreadyClosed);
    const text = toJsonText(options);
    const res = await this.#call((vm, h) => vm.signalProcess(h, text));
    if (res === null) throw this.#error(op, ErrAlreadyClosed);
    const { delivered, err } = this.#signalResult(res.err);
    if (err) throw this.#error(op, err, processHcsResult(res.result));
    return delivered;
  }

  /**
   * Terminates the process without waiting for it to exit. Resolves true when the kill was delivered or the
   * process is already gone (HEAD's intent: an exited process needs no kill); a second kill is not sent.
   */
  async kill(): Promise<boolean> {
    const op = 'hcs::Process::Kill';
    if (this.#handle.isClosing) throw this.#error(op, ErrAlreadyClosed);
    if (this.#exit.settled || this.#handle.notifications?.exited) return true;
    if (this.#killSignalDelivered) return true;
    const res = await this.#call((vm, h) => vm.terminateProcess(h));
    if (res === null) throw this.#error(op, ErrAlreadyClosed);
    // TerminateProcess after exit answers ERROR_ACCESS_DENIED; a quick second terminate, already stopped.
    if (res.err && (isAccessIsDenied(res.err) || isAlreadyStopped(res.err))) {
      this.#killSignalDelivered = true;
      return true;
    }
    const { delivered, err } = this.#signalResult(res.err);
    if (err) throw this.#error(op, err, processHcsResult(res.result));
    this.#killSignalDelivered = delivered;
    return delivered;
  }

  /** Resolves when the process has exited (whatever its exit code); rejects with the wait error. */
  async wait(): Promise<void> {
    const { waitError } = await this.#exit.wait();
    if (waitError) throw waitError;
  }

  /** True once the process has exited (or its handle was closed before it did). */
  exited(): boolean {
    return this.#exit.settled;
  }

  /** The exit code; throws ProcessError(ErrInvalidProcessState) before exit, or the wait error. */
  exitCode(): number {
    const exit = this.#exit.outcome;
    if (!exit) throw this.#error('hcs::Process::ExitCode', ErrInvalidProcessState);
    if (exit.waitError) throw exit.waitError;
    return exit.exitCode;
  }

  /** Resizes an emulated console. */
  async resizeConsole(width: number, height: number): Promise<void> {
    const op = 'hcs::Process::ResizeConsole';
    const request: schema2.ProcessModifyRequest = {
      Operation: 'ConsoleSize',
      ConsoleSize: { Height: height, Width: width },
    };
    await this.#modify(op, request);
  }

  /**
   * Tells the process there is no more input: asks HCS to close its end of stdin (skipped once the process
   * has exited, as HEAD does, since HCS would fail it), then ends the local pipe after what was written.
   */
  async closeStdin(): Promise<void> {
    const op = 'hcs::Process::CloseStdin';
    if (this.#handle.isClosing) throw this.#error(op, ErrAlreadyClosed);
    if (!this.#exit.settled) {
      await this.#modify(op, { Operation: 'CloseHandle', CloseHandle: { Handle: 'StdIn' } });
    }
    const stdin = this.#stdio.stdin;
    this.#stdio.stdin = null;
    stdin?.end();
  }

  /** Closes the local stdout pipe (no HCS call); a no-op on a closed process. */
  async closeStdout(): Promise<void> {
    if (this.#handle.isClosing) return;
    this.#stdio.stdout?.destroy();
    this.#stdio.stdout = null;
  }

  /** Closes the local stderr pipe (no HCS call); a no-op on a closed process. */
  async closeStderr(): Promise<void> {
    if (this.#handle.isClosing) return;
    this.#stdio.stderr?.destroy();
    this.#stdio.stderr = null;
  }

  /** The process's ProcessStatus from HCS. */
  async properties(): Promise<schema2.ProcessStatus> {
    const op = 'hcs::Process::Properties';
    const res = await this.#call((vm, h) => vm.getProcessProperties(h));
    if (res === null) throw this.#error(op, ErrAlreadyClosed);
    if (res.err) throw this.#error(op, res.err, processHcsResult(res.result));
    if (!res.properties) throw ErrUnexpectedValue;
    try {
      return parseJsonObject<schema2.ProcessStatus>(res.properties);
    } catch (e) {
      throw this.#error(op, e);
    }
  }

  /** Every notification this handle receives. Returns the unsubscribe function. */
  onNotification(listener: (n: HcsNotification) => void): () => void {
    return this.#handle.onNotification(listener);
  }

  /**
   * Releases the process: closes the local pipes, waits for calls in flight, unregisters, closes the
   * handle; waiters get ErrAlreadyClosed. Does not kill the process. Idempotent.
   */
  close(): Promise<void> {
    return this.#handle.close();
  }

  // ---- internals ----

  #error(op: string, err: unknown, events: ReturnType<typeof processHcsResult> = []): Error {
    return makeProcessError(this.systemId, this.pid, op, err, events);
  }

  #call<T>(fn: (vm: Vmcompute, h: HcsHandle) => Promise<T>): Promise<T | null> {
    return this.#handle.call(fn);
  }

  async #modify(op: string, request: schema2.ProcessModifyRequest): Promise<void> {
    const text = JSON.stringify(request);
    const res: ResultOutcome | null = await this.#call((vm, h) => vm.modifyProcess(h, text));
    if (res === null) throw this.#error(op, ErrAlreadyClosed);
    if (res.err) throw this.#error(op, res.err, processHcsResult(res.result));
  }

  /**
   * processSignalResult (2021 snapshot): success → delivered. Invalid state, system gone or element not
   * found → not delivered, and unless the exit was already seen, waiters are unblocked after a second with
   * exit code -1 (hcsshim's workaround for an HCS that never sends ProcessExited). Anything else → error.
   */
  #signalResult(err: Error | null): { delivered: boolean; err: Error | null } {
    if (!err) return { delivered: true, err: null };
    if (errorIs(err, ErrVmcomputeOperationInvalidState, ErrComputeSystemDoesNotExist, ErrElementNotFound)) {
      if (!this.#exit.settled) {
        const timer = setTimeout(() => this.#finishWait(-1, err), FORCE_UNBLOCK_MS);
        timer.unref();
      }
      return { delivered: false, err: null };
    }
    return { delivered: false, err };
  }

  /**
   * hcsshim's waitBackground: waits (no timeout) for ProcessExited, then reads the exit code with
   * HcsGetProcessProperties as v1 hcsshim does; if that fails, the ProcessStatus that came with the
   * notification is used instead.
   */
  #waitBackground(): void {
    const op = 'hcs::Process::waitBackground';
    this.#handle.watchExit(
      NotificationType.ProcessExited,
      async (n) => {
        const res = await this.#call((vm, h) => vm.getProcessProperties(h));
        let status = res && !res.err && res.properties ? parseStatus(res.properties) : undefined;
        status ??= n.data ? parseStatus(n.data) : undefined;
        if (status) {
          // MS-docs: ExitCode is valid only if LastWaitResult is S_OK.
          this.#finishWait(status.LastWaitResult ? -1 : Number(status.ExitCode ?? -1), null);
        } else if (res && res.err) {
          this.#finishWait(-1, this.#error(op, res.err, processHcsResult(res.result)));
        } else if (res === null) {
          // Closed in the meantime and nothing to read: exited, code unknown.
          this.#finishWait(-1, null);
        } else {
          this.#finishWait(-1, this.#error(op, ErrUnexpectedValue));
        }
      },
      (e: unknown) => {
        if (e === ErrAlreadyClosed) this.#finishWait(-1, ErrAlreadyClosed);
        else this.#finishWait(-1, this.#error(op, toError(e)));
      },
    );
  }

  /** closedWaitOnce: the first outcome wins. */
  #finishWait(exitCode: number, waitError: Error | null): void {
    this.#exit.settle({ exitCode, waitError });
  }
}

function parseStatus(text: string): schema2.ProcessStatus | undefined {
  try {
    return parseJsonObject<schema2.ProcessStatus>(text);
  } catch {
    return undefined;
  }
}
