/**
 * HCS_OPERATION, the way this binding uses it: one operation per call, created context first with the
 * process-wide completion callback and an integer key as its context, completed without ever blocking the JS
 * thread, cancelled when hcsshim's timeout for that call passes, and always closed.
 *
 * Why a completion callback and not `HcsWaitForOperationResult` on the thread pool: a wait holds a libuv pool
 * thread for the whole life of the operation (up to hcsshim's 4 minutes for a start), and the pool is shared with
 * file I/O, dns and crypto; ten slow starts would hold ten threads, or queue behind the call gate and stall every
 * other HCS call. The callback holds no thread: the native call that issues the operation takes a pool slot for
 * its round trip only (through the call gate and watchdog of ../ffi/call-engine.ts), and the completion arrives
 * on HCS's thread, where the callback only marks the operation done and queues the rest (setImmediate). Reading
 * the result (HcsGetOperationResult[AndProcessInfo], non-blocking once the operation completed) and
 * CoTaskMemFree run on the JS thread; closing (which may wait for a callback in flight) and cancelling run as
 * async calls. An operation is closed only once the call that issued it has returned, so a handle or operation
 * is never released under a running native call (hcsshim saw computecore.dll crash with an access violation).
 *
 * The key→operation map is this file's callbackMap: a completion for a key no longer in the map (closed, timed
 * out) is ignored.
 */
import koffi from 'koffi';
import { ErrTimeout, toError } from '../errors.ts';
import { holdEventLoop } from '../event-loop-hold.ts';
import type { CallEngine } from '../ffi/call-engine.ts';
import { takeHcsString } from '../ffi/hcs-strings.ts';
import {
  closeProcessStdio,
  readProcessInformation,
  type ProcessInformation,
} from '../ffi/process-information.ts';
import { pointerOf } from '../ffi/pointers.ts';
import { timeouts } from '../timeouts.ts';
import { Win32Error, win32FromHresult } from '../win32-error.ts';
import type { CallOutcome, HcsHandle } from '../vmcompute/types.ts';
import type { ComputecoreExport } from './export-names.ts';
import type { ComputecoreExports } from './exports.ts';

/** HCS_E_OPERATION_PENDING: HcsGetOperationResult on an operation that has not completed. */
const HCS_E_OPERATION_PENDING = 0x80370117;
/** E_OUTOFMEMORY: HcsCreateOperation returned NULL. */
const E_OUTOFMEMORY = 0x8007000e;

/** What an operation completed with: its HRESULT, its result document, and process information if asked for. */
export interface OperationResult extends CallOutcome {
  result: string | null;
  info: ProcessInformation | null;
}

/** What issuing a call returned: the call's own HRESULT and out handle, and the operation's completion. */
export interface Issued extends CallOutcome {
  /** The handle the call wrote (HcsCreateComputeSystem, HcsCreateProcess), if it writes one. */
  handle: HcsHandle | null;
  /** The error document HCS kept for a call that did not start (hcsshim reads it with HcsGetOperationResult). */
  result: string | null;
  /** Settles with the operation's result; null when the call did not start. Never rejects. */
  completion: Promise<OperationResult> | null;
}

export interface IssueOptions {
  /** The export writes a handle through its last parameter (a one-element out array is appended). */
  handleOut?: boolean;
  /** Read the result with HcsGetOperationResultAndProcessInfo (create-process, get-process-info). */
  processInfo?: boolean;
  /** Cancel the operation (and report ErrTimeout) when this passes before it completes; null: never. */
  timeoutMs: number | null;
  /** Closes a handle the issuing call returned late, after the watchdog gave up on it. */
  releaseLateHandle?: (handle: HcsHandle) => void;
}

type State = 'issuing' | 'waiting' | 'settled';

interface Pending {
  readonly key: number;
  readonly op: bigint;
  readonly processInfo: boolean;
  state: State;
  /** The completion callback has come. */
  completed: boolean;
  /** The issuing native call has returned (the operation may be closed from now on). */
  returned: boolean;
  closing: boolean;
  timer: NodeJS.Timeout | null;
  settle: (result: OperationResult) => void;
  /** Keeps Node alive while the operation is pending: koffi callbacks do not. */
  releaseLoop: () => void;
}

export class OperationRunner {
  readonly #exports: ComputecoreExports;
  readonly #engine: CallEngine;
  readonly #pending = new Map<number, Pending>();
  #nextKey = 1;
  #completionPointer: bigint | null = null;

  constructor(exports: ComputecoreExports, engine: CallEngine) {
    this.#exports = exports;
    this.#engine = engine;
  }

  /** Operations not yet closed (for tests and diagnostics). */
  get open(): number {
    return this.#pending.size;
  }

  /**
   * Issues `name` with a fresh operation: `args(op)` gives its parameters (the operation in its place). Resolves
   * once the call returned, with its completion to await (or its failure to start).
   */
  async issue(name: ComputecoreExport, args: (op: bigint) => unknown[], o: IssueOptions): Promise<Issued> {
    return (await this.#start(name, args, o)).issued;
  }

  /** Issues a call and waits for its operation: the call's failure to start, or the operation's result. */
  async run(
    name: ComputecoreExport,
    args: (op: bigint) => unknown[],
    o: IssueOptions,
  ): Promise<OperationResult> {
    const issued = await this.issue(name, args, o);
    if (!issued.completion) return { ...issued, info: null };
    return issued.completion;
  }

  /**
   * hcsshim V2's submitOperation (shutdown, terminate): issues the call and returns once HCS has taken it,
   * without waiting for it to finish; the operation is closed in flight (HCS goes on and drops the result). If
   * HCS has already answered by the time the call returned (it refused the request), that answer is the result.
   */
  async submit(name: ComputecoreExport, args: (op: bigint) => unknown[]): Promise<OperationResult> {
    const { issued, entry } = await this.#start(name, args, { timeoutMs: null });
    if (!issued.completion || !entry) return { ...issued, info: null };
    if (entry.state === 'waiting') {
      const cell: unknown[] = [null];
      const hr = Number(this.#exports.fn('HcsGetOperationResult')(entry.op, cell));
      const document = takeHcsString(this.#exports.strings, cell);
      if (hr >>> 0 === HCS_E_OPERATION_PENDING) {
        this.#settle(entry, { err: null, hr: 0, result: null, info: null });
      } else {
        this.#settle(entry, { err: win32FromHresult(hr), hr, result: document, info: null });
      }
      void this.#close(entry);
    }
    return issued.completion;
  }

  // ---- internals ----

  async #start(
    name: ComputecoreExport,
    args: (op: bigint) => unknown[],
    o: IssueOptions,
  ): Promise<{ issued: Issued; entry: Pending | null }> {
    const notStarted = (err: Error, result: string | null = null) => ({
      issued: { err, handle: null, result, completion: null } as Issued,
      entry: null,
    });
    let fn;
    let createOperation;
    try {
      fn = this.#exports.fn(name);
      createOperation = this.#exports.fn('HcsCreateOperation');
    } catch (e) {
      return notStarted(toError(e));
    }
    const key = this.#nextKey++;
    // Context first (an old documentation page shows the order reversed; a caller that followed it never got
    // its callback). Local to computecore.dll: no I/O, so it is called on the JS thread.
    const op = pointerOf(createOperation(BigInt(key), this.#completion()));
    if (op === null) return notStarted(new Win32Error(E_OUTOFMEMORY, E_OUTOFMEMORY));

    let settle!: (result: OperationResult) => void;
    const completion = new Promise<OperationResult>((resolve) => (settle = resolve));
    const entry: Pending = {
      key,
      op,
      processInfo: o.processInfo ?? false,
      state: 'issuing',
      completed: false,
      returned: false,
      closing: false,
      timer: null,
      settle,
      releaseLoop: holdEventLoop(),
    };
    this.#pending.set(key, entry);

    const cell: unknown[] = [null];
    const outcome = await this.#engine.execute<CallOutcome & { handle: HcsHandle | null }>(
      name,
      timeouts.syscallWatcher,
      () => ({
        fn,
        args: [...args(op), ...(o.handleOut ? [cell] : [])],
        collect: (returned) => {
          const hr = Number(returned);
          return { err: win32FromHresult(hr), hr, handle: pointerOf(cell[0]) };
        },
      }),
      (err) => ({ err, handle: null }),
      (late) => {
        if (late.handle !== null) o.releaseLateHandle?.(late.handle);
      },
    );

    if (outcome.stillRunning) {
      // The watchdog gave up on the issuing call, which still runs: the operation stays open until it returns.
      entry.state = 'settled';
      entry.releaseLoop();
      void outcome.stillRunning.then(() => {
        entry.returned = true;
        void this.#cancelAndClose(entry);
      });
      const abandoned = notStarted(outcome.err!);
      return { ...abandoned, issued: { ...abandoned.issued, stillRunning: outcome.stillRunning } };
    }
    entry.returned = true;
    if (outcome.err) {
      // The call did not start. HCS may still have kept an error document on the operation.
      const document = this.#readDocument(op);
      entry.state = 'settled';
      entry.releaseLoop();
      void this.#close(entry);
      const failed: Issued = {
        err: outcome.err,
        hr: outcome.hr,
        handle: outcome.handle,
        result: document,
        completion: null,
      };
      return { issued: failed, entry: null };
    }
    entry.state = 'waiting';
    if (o.timeoutMs !== null) {
      entry.timer = setTimeout(() => this.#timedOut(entry), o.timeoutMs);
      entry.timer.unref(); // the hold above keeps the loop up while the operation is pending
    }
    if (entry.completed) this.#finish(entry);
    return { issued: { err: null, hr: outcome.hr, handle: outcome.handle, result: null, completion }, entry };
  }

  /** The process-wide HCS_OPERATION_COMPLETION: marks the operation done and queues the rest. */
  #completion(): bigint {
    this.#completionPointer ??= koffi.register((_op: unknown, context: unknown) => {
      const key = typeof context === 'bigint' ? Number(context) : typeof context === 'number' ? context : 0;
      const entry = this.#pending.get(key);
      if (!entry || entry.completed) return;
      entry.completed = true;
      if (entry.state === 'waiting') setImmediate(() => this.#finish(entry));
    }, this.#exports.types.completion) as bigint;
    return this.#completionPointer;
  }

  /** Reads the result of a completed operation (non-blocking), settles its caller and closes it. */
  #finish(entry: Pending): void {
    if (entry.state !== 'waiting' || entry.closing) return;
    const cell: unknown[] = [null];
    const info: Record<string, unknown> = {};
    const hr = Number(
      entry.processInfo
        ? this.#exports.fn('HcsGetOperationResultAndProcessInfo')(entry.op, info, cell)
        : this.#exports.fn('HcsGetOperationResult')(entry.op, cell),
    );
    const document = takeHcsString(this.#exports.strings, cell);
    const err = win32FromHresult(hr);
    let processInformation: ProcessInformation | null = null;
    if (entry.processInfo) {
      processInformation = readProcessInformation(info);
      if (err) {
        // Nobody will own the pipes of a failed operation.
        closeProcessStdio(processInformation);
        processInformation = null;
      }
    }
    this.#settle(entry, { err, hr, result: document, info: processInformation });
    void this.#close(entry);
  }

  /** hcsshim's timeout for this call has passed: the caller gets ErrTimeout; the operation is cancelled. */
  #timedOut(entry: Pending): void {
    entry.timer = null;
    if (entry.state !== 'waiting') return;
    this.#settle(entry, { err: ErrTimeout, result: null, info: null });
    void this.#cancelAndClose(entry);
  }

  #settle(entry: Pending, result: OperationResult): void {
    if (entry.state === 'settled') return;
    entry.state = 'settled';
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.releaseLoop();
    entry.settle(result);
  }

  async #cancelAndClose(entry: Pending): Promise<void> {
    if (entry.closing || !entry.returned) return;
    await this.#engine.execute<CallOutcome>(
      'HcsCancelOperation',
      timeouts.syscallWatcher,
      () => ({
        fn: this.#exports.fn('HcsCancelOperation'),
        args: [entry.op],
        collect: (returned) => ({ err: win32FromHresult(Number(returned)) }),
      }),
      (err) => ({ err }),
    );
    await this.#close(entry);
  }

  /**
   * HcsCloseOperation, as an async call: it waits for a completion callback of this operation in flight, which
   * koffi holds until the JS thread runs it, so a synchronous call from the JS thread could deadlock. Once it
   * returns the callback is never called again for this operation, and its key is forgotten.
   */
  async #close(entry: Pending): Promise<void> {
    if (entry.closing || !entry.returned) return;
    entry.closing = true;
    await this.#engine.execute<CallOutcome>(
      'HcsCloseOperation',
      null,
      () => ({ fn: this.#exports.fn('HcsCloseOperation'), args: [entry.op], collect: () => ({ err: null }) }),
      (err) => ({ err }),
    );
    this.#pending.delete(entry.key);
  }

  /** The error document of an operation whose call failed to start, if HCS kept one. */
  #readDocument(op: bigint): string | null {
    const cell: unknown[] = [null];
    this.#exports.fn('HcsGetOperationResult')(op, cell);
    return takeHcsString(this.#exports.strings, cell);
  }
}
