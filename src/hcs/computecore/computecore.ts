/**
 * The HCS V2 API over koffi: computecore.dll behind the same seam as vmcompute.dll (the Vmcompute interface), so
 * System and Process keep their semantics whichever DLL is loaded. One method per call, each saying which export
 * it uses, how it completes and hcsshim's timeout for it; operations (operations.ts), lazy exports (exports.ts)
 * and the shared event callback (events.ts) do the rest.
 *
 * How each call completes:
 * - create, start, pause, resume, save return once the call is issued, with `completion`: System awaits it
 *   outside the handle lock (so close() does not wait for a pending start, as with vmcompute), after the handle
 *   has its callback (for create, registered before the wait begins).
 * - shutdown, terminate and crash are submitted, as hcsshim V2 does: the call returns once HCS took the request.
 * - the rest (properties, modify, enumerate, processes) wait for their operation inside the call.
 * - open, close, callbacks and the service calls are plain synchronous exports (no operation), called async.
 */
import { CallEngine } from '../ffi/call-engine.ts';
import { takeHcsString } from '../ffi/hcs-strings.ts';
import { pointerOf } from '../ffi/pointers.ts';
import { timeouts } from '../timeouts.ts';
import { win32FromHresult } from '../win32-error.ts';
import type {
  CallOutcome,
  HcsHandle,
  NotificationSink,
  ResultOutcome,
  Vmcompute,
} from '../vmcompute/types.ts';
import { HcsEventOptions } from './event-types.ts';
import { registerEventCallback } from './events.ts';
import type { ComputecoreExport } from './export-names.ts';
import { ComputecoreExports } from './exports.ts';
import { OperationRunner, type OperationResult } from './operations.ts';

/** GENERIC_ALL: the access hcsshim asks for when it opens a system or a process. */
const GENERIC_ALL = 0x10000000;

export interface KoffiComputecoreOptions {
  /** Receives every event of every handle, as a notification (runs on the JS thread, inside the callback). */
  sink: NotificationSink;
  /** Maximum HCS calls in flight (default: libuv pool size − 2). */
  maxInFlight?: number;
  /** The library to load instead of the platform's default (loader.ts), as the entry point named it. */
  libraryPath?: string;
}

/** What a call without an operation returns: its HRESULT and its one output, if any. */
type SyncOutcome = CallOutcome & { handle: HcsHandle | null; result: string | null };

/** A call's operation result as the seam's outcome (the result document, and nothing pending). */
function resultOf(r: OperationResult): ResultOutcome {
  return { err: r.err, hr: r.hr, result: r.result, stillRunning: r.stillRunning };
}

export class KoffiComputecore implements Vmcompute {
  readonly api = 'v2';
  readonly #engine: CallEngine;
  readonly #sink: NotificationSink;
  readonly #explicitLibrary: string | undefined;
  #exports: ComputecoreExports | null = null;
  #operations: OperationRunner | null = null;
  #eventCallback: bigint | null = null;

  constructor(options: KoffiComputecoreOptions) {
    this.#sink = options.sink;
    this.#explicitLibrary = options.libraryPath;
    this.#engine = new CallEngine({ maxInFlight: options.maxInFlight });
  }

  get libraryPath(): string {
    return this.#exports?.libraryPath ?? '';
  }

  /** Calls in flight and queued behind the gate (for tests and diagnostics). */
  get callStats(): { inFlight: number; queued: number; limit: number } {
    return this.#engine.callStats;
  }

  /** Operations created and not yet closed (for tests and diagnostics). */
  get openOperations(): number {
    return this.#operations?.open ?? 0;
  }

  /** Whether the loaded computecore.dll has `name` (false when it cannot be loaded at all). */
  hasExport(name: ComputecoreExport): boolean {
    try {
      return this.#load().has(name);
    } catch {
      return false;
    }
  }

  // ---- Compute systems ----

  async enumerateComputeSystems(query: string) {
    const r = await this.#run('HcsEnumerateComputeSystems', (op) => [query, op], timeouts.syscallWatcher);
    // The list is the operation's document on success; on failure that document is the error.
    return r.err
      ? { ...resultOf(r), computeSystems: null }
      : { ...resultOf(r), computeSystems: r.result, result: null };
  }

  async createComputeSystem(id: string, configuration: string) {
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), handle: null, result: null };
    // The security descriptor: NULL, as hcsshim passes.
    const issued = await ops.issue('HcsCreateComputeSystem', (op) => [id, configuration, op, null], {
      handleOut: true,
      timeoutMs: timeouts.systemCreate,
      releaseLateHandle: (h) => void this.closeComputeSystem(h),
    });
    const completion = issued.completion?.then(resultOf);
    return { err: issued.err, hr: issued.hr, handle: issued.handle, result: issued.result, completion };
  }

  async openComputeSystem(id: string) {
    const r = await this.#sync(
      'HcsOpenComputeSystem',
      timeouts.syscallWatcher,
      [id, GENERIC_ALL],
      'handle',
      (h) => void this.closeComputeSystem(h),
    );
    return { ...r, result: null };
  }

  /**
   * HcsCloseComputeSystem returns nothing: it also ends the handle's callback, waiting for one in flight. Called
   * async, never on the thread that callback waits for.
   */
  closeComputeSystem(system: HcsHandle) {
    return this.#release('HcsCloseComputeSystem', system);
  }

  startComputeSystem(system: HcsHandle, options: string) {
    return this.#begin('HcsStartComputeSystem', system, options, timeouts.systemStart);
  }

  shutdownComputeSystem(system: HcsHandle, options: string) {
    return this.#submit('HcsShutDownComputeSystem', system, options);
  }

  terminateComputeSystem(system: HcsHandle, options: string) {
    return this.#submit('HcsTerminateComputeSystem', system, options);
  }

  crashComputeSystem(system: HcsHandle, options: string) {
    return this.#submit('HcsCrashComputeSystem', system, options);
  }

  pauseComputeSystem(system: HcsHandle, options: string) {
    return this.#begin('HcsPauseComputeSystem', system, options, timeouts.systemPause);
  }

  resumeComputeSystem(system: HcsHandle, options: string) {
    return this.#begin('HcsResumeComputeSystem', system, options, timeouts.systemResume);
  }

  saveComputeSystem(system: HcsHandle, options: string) {
    return this.#begin('HcsSaveComputeSystem', system, options, timeouts.systemSave);
  }

  async getComputeSystemProperties(system: HcsHandle, query: string) {
    const r = await this.#run(
      'HcsGetComputeSystemProperties',
      (op) => [system, op, query],
      timeouts.syscallWatcher,
    );
    return r.err
      ? { ...resultOf(r), properties: null }
      : { ...resultOf(r), properties: r.result, result: null };
  }

  async modifyComputeSystem(system: HcsHandle, configuration: string) {
    // identity: NULL (no impersonation), as hcsshim passes.
    return resultOf(
      await this.#run(
        'HcsModifyComputeSystem',
        (op) => [system, op, configuration, null],
        timeouts.syscallWatcher,
      ),
    );
  }

  async modifyServiceSettings(settings: string) {
    const r = await this.#sync('HcsModifyServiceSettings', timeouts.syscallWatcher, [settings], 'string');
    return { err: r.err, hr: r.hr, stillRunning: r.stillRunning, result: r.result };
  }

  async getServiceProperties(query: string) {
    // One out-parameter: the properties on success, the error document on failure.
    const r = await this.#sync('HcsGetServiceProperties', timeouts.syscallWatcher, [query], 'string');
    return r.err ? { ...r, properties: null } : { ...r, properties: r.result, result: null };
  }

  /**
   * HcsSetComputeSystemCallback with the shared event callback and `context` (the registry's key). V2 has no
   * registration handle and no unregister: the callback ends when the handle is closed. The handle itself
   * stands for the registration.
   */
  registerComputeSystemCallback(system: HcsHandle, context: number) {
    return this.#setCallback('HcsSetComputeSystemCallback', system, context);
  }

  /** Nothing to call: HcsCloseComputeSystem ends the callback (the registry forgets the key first). */
  unregisterComputeSystemCallback(): Promise<CallOutcome> {
    return Promise.resolve({ err: null });
  }

  // ---- Processes ----

  /**
   * HcsCreateProcess writes the process handle at once; the pid and stdio come from the operation. If the
   * operation fails while a handle came back, hcsshim V2 asks HcsGetProcessInfo; if that fails too, the handle
   * is closed here and the create's own error returned.
   */
  async createProcess(system: HcsHandle, parameters: string) {
    const none = { process: null, info: null };
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), result: null, ...none };
    const issued = await ops.issue('HcsCreateProcess', (op) => [system, parameters, op, null], {
      handleOut: true,
      processInfo: true,
      timeoutMs: timeouts.syscallWatcher,
      releaseLateHandle: (h) => void this.closeProcess(h),
    });
    const process = issued.handle;
    if (!issued.completion) {
      if (process !== null) await this.closeProcess(process);
      return {
        err: issued.err,
        hr: issued.hr,
        result: issued.result,
        stillRunning: issued.stillRunning,
        ...none,
      };
    }
    const done = await issued.completion;
    if (!done.err) return { err: null, hr: done.hr, result: null, process, info: done.info };
    if (process !== null) {
      const recovered = await this.getProcessInfo(process);
      if (!recovered.err && recovered.info) return { err: null, result: null, process, info: recovered.info };
      await this.closeProcess(process);
    }
    return { err: done.err, hr: done.hr, result: done.result, ...none };
  }

  async openProcess(system: HcsHandle, pid: number) {
    const r = await this.#sync(
      'HcsOpenProcess',
      timeouts.syscallWatcher,
      [system, pid >>> 0, GENERIC_ALL],
      'handle',
      (h) => void this.closeProcess(h),
    );
    return { err: r.err, hr: r.hr, stillRunning: r.stillRunning, process: r.handle, result: null };
  }

  closeProcess(process: HcsHandle) {
    return this.#release('HcsCloseProcess', process);
  }

  async terminateProcess(process: HcsHandle) {
    // The options are reserved: NULL.
    return resultOf(
      await this.#run('HcsTerminateProcess', (op) => [process, op, null], timeouts.syscallWatcher),
    );
  }

  async signalProcess(process: HcsHandle, options: string) {
    return resultOf(
      await this.#run('HcsSignalProcess', (op) => [process, op, options], timeouts.syscallWatcher),
    );
  }

  async getProcessInfo(process: HcsHandle) {
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), info: null, result: null };
    const r = await ops.run('HcsGetProcessInfo', (op) => [process, op], {
      processInfo: true,
      timeoutMs: timeouts.syscallWatcher,
    });
    return {
      err: r.err,
      hr: r.hr,
      stillRunning: r.stillRunning,
      info: r.err ? null : r.info,
      result: r.result,
    };
  }

  async getProcessProperties(process: HcsHandle) {
    // No query: HCS answers the ProcessStatus, as vmcompute's HcsGetProcessProperties does.
    const r = await this.#run(
      'HcsGetProcessProperties',
      (op) => [process, op, null],
      timeouts.syscallWatcher,
    );
    return r.err
      ? { ...resultOf(r), properties: null }
      : { ...resultOf(r), properties: r.result, result: null };
  }

  async modifyProcess(process: HcsHandle, settings: string) {
    return resultOf(
      await this.#run('HcsModifyProcess', (op) => [process, op, settings], timeouts.syscallWatcher),
    );
  }

  registerProcessCallback(process: HcsHandle, context: number) {
    return this.#setCallback('HcsSetProcessCallback', process, context);
  }

  unregisterProcessCallback(): Promise<CallOutcome> {
    return Promise.resolve({ err: null });
  }

  // ---- internals ----

  #load(): ComputecoreExports {
    this.#exports ??= ComputecoreExports.load(this.#explicitLibrary);
    return this.#exports;
  }

  #loadError(): Error {
    try {
      this.#load();
      return new Error('computecore is not loaded');
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  /** The operation runner, loading the library on first use; null when it cannot be loaded. */
  #runner(): OperationRunner | null {
    if (this.#operations) return this.#operations;
    try {
      this.#operations = new OperationRunner(this.#load(), this.#engine);
    } catch {
      return null;
    }
    return this.#operations;
  }

  async #run(name: ComputecoreExport, args: (op: bigint) => unknown[], timeoutMs: number) {
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), result: null, info: null };
    return ops.run(name, args, { timeoutMs });
  }

  /** A call whose completion System awaits itself (create, start, pause, resume, save). */
  async #begin(name: ComputecoreExport, system: HcsHandle, options: string, timeoutMs: number) {
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), result: null };
    const issued = await ops.issue(name, (op) => [system, op, options], { timeoutMs });
    const out: ResultOutcome = { err: issued.err, hr: issued.hr, result: issued.result };
    if (issued.stillRunning) out.stillRunning = issued.stillRunning;
    if (issued.completion) out.completion = issued.completion.then(resultOf);
    return out;
  }

  async #submit(name: ComputecoreExport, system: HcsHandle, options: string) {
    const ops = this.#runner();
    if (!ops) return { err: this.#loadError(), result: null };
    return resultOf(await ops.submit(name, (op) => [system, op, options]));
  }

  async #setCallback(
    name: 'HcsSetComputeSystemCallback' | 'HcsSetProcessCallback',
    handle: HcsHandle,
    context: number,
  ): Promise<CallOutcome & { registration: HcsHandle | null }> {
    let exports: ComputecoreExports;
    try {
      exports = this.#load();
    } catch (e) {
      return { err: e instanceof Error ? e : new Error(String(e)), registration: null };
    }
    this.#eventCallback ??= registerEventCallback(exports.types, this.#sink);
    const callback = this.#eventCallback;
    // Exits and ServiceDisconnect arrive whatever the options; none of the optional groups is wanted here.
    const r = await this.#sync(
      name,
      timeouts.syscallWatcher,
      [handle, HcsEventOptions.None, BigInt(context), callback],
      'none',
    );
    return { err: r.err, hr: r.hr, stillRunning: r.stillRunning, registration: r.err ? null : handle };
  }

  /**
   * An export without an operation, called on a pool thread through the gate and watchdog. `out`: 'handle'
   * appends a handle out-parameter, 'string' a result string, 'none' nothing.
   */
  async #sync(
    name: ComputecoreExport,
    timeoutMs: number | null,
    inputs: unknown[],
    out: 'handle' | 'string' | 'none',
    releaseLateHandle?: (h: HcsHandle) => void,
  ): Promise<SyncOutcome> {
    let exports: ComputecoreExports;
    try {
      exports = this.#load();
    } catch (e) {
      return { err: e instanceof Error ? e : new Error(String(e)), handle: null, result: null };
    }
    return this.#engine.execute<SyncOutcome>(
      name,
      timeoutMs,
      () => {
        const cell: unknown[] = [null];
        return {
          fn: exports.fn(name),
          args: out === 'none' ? inputs : [...inputs, cell],
          collect: (returned) => {
            const hr = Number(returned);
            const err = win32FromHresult(hr);
            const result = out === 'string' ? takeHcsString(exports.strings, cell) : null;
            const handle = out === 'handle' && !err ? pointerOf(cell[0]) : null;
            return { err, hr, handle, result };
          },
        };
      },
      (err) => ({ err, handle: null, result: null }),
      (late) => {
        if (late.handle !== null) releaseLateHandle?.(late.handle);
      },
    );
  }

  /** HcsClose*: no result, no watchdog (a late close must not race a reuse of the handle value). */
  #release(name: 'HcsCloseComputeSystem' | 'HcsCloseProcess', handle: HcsHandle): Promise<CallOutcome> {
    // A void export: the only failure is one that kept the call from being made.
    return this.#sync(name, null, [handle], 'none');
  }
}
