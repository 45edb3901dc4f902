/**
 * hcsshim's internal/vmcompute over koffi: every export called through koffi's `.async` form (so the JS
 * thread never blocks, and unregister/close never deadlock against a callback koffi is relaying), behind a
 * call gate that keeps pool threads free for file I/O, with hcsshim's syscall watchdog, HRESULT
 * normalisation, and every HCS-allocated string decoded and freed with CoTaskMemFree whether the call
 * succeeded or not.
 */
import koffi from 'koffi';
import { DeadlineExceededError } from '../errors.ts';
import { timeouts } from '../timeouts.ts';
import { loadBindings, type Bindings } from './bindings.ts';
import { CallGate } from './gate.ts';
import { isPresentHandle } from './handles.ts';
import { win32FromHresult } from './hresult.ts';
import { hcsCallLimit } from './threadpool.ts';
import type {
  CallOutcome,
  HcsHandle,
  NotificationSink,
  ProcessInformation,
  ResultOutcome,
  Vmcompute,
} from './types.ts';

type KoffiFunction = Bindings['HcsOpenComputeSystem'];
/** The outcome type of one Vmcompute method. */
type Out<K extends keyof Vmcompute> = Vmcompute[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** What one native call needs: the function, its arguments, and how to read its outputs afterwards. */
interface CallSpec<T> {
  fn: KoffiFunction;
  args: unknown[];
  /** Reads (and frees) the outputs once the call returned `hr`. Must not throw. */
  collect(hr: number): T;
}

/** What a failed or abandoned call yields: every output absent. */
type Failed<T> = (err: Error) => T;

/** A pointer out of koffi: BigInt, or null for NULL. */
function pointerOf(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value === 0n ? null : value;
  if (typeof value === 'number') return value === 0 ? null : BigInt(value);
  return null;
}

/** A handle value as HCS_PROCESS_INFORMATION holds it (0 when absent). */
function handleOf(value: unknown): bigint {
  return pointerOf(value) ?? 0n;
}

export interface KoffiVmcomputeOptions {
  /** Receives every notification of every registered handle (runs on the JS thread, inside the callback). */
  sink: NotificationSink;
  /** Maximum HCS calls in flight (default: libuv pool size − 2). */
  maxInFlight?: number;
  /** The library to load instead of the platform's default (loader.ts), as the entry point named it. */
  libraryPath?: string;
}

export class KoffiVmcompute implements Vmcompute {
  private readonly gate: CallGate;
  private readonly sink: NotificationSink;
  private readonly explicitLibrary: string | undefined;
  private bindings: Bindings | null = null;
  private callbackPointer: bigint | null = null;

  constructor(options: KoffiVmcomputeOptions) {
    this.sink = options.sink;
    this.explicitLibrary = options.libraryPath;
    // Read once, at the first call: by then the pool exists and UV_THREADPOOL_SIZE no longer changes it.
    let limit = options.maxInFlight;
    this.gate = new CallGate(() => (limit ??= hcsCallLimit()));
  }

  get libraryPath(): string {
    return this.bindings?.libraryPath ?? '';
  }

  /** Calls in flight and queued behind the gate (for tests and diagnostics). */
  get callStats(): { inFlight: number; queued: number; limit: number } {
    return { inFlight: this.gate.inFlight, queued: this.gate.queued, limit: this.gate.limit };
  }

  private load(): Bindings {
    this.bindings ??= loadBindings(this.explicitLibrary);
    return this.bindings;
  }

  /**
   * The one registered callback of the process (koffi.register once, never unregistered: native
   * registrations may outlive any single handle, and releasing it early crashes V8).
   */
  private callback(b: Bindings): bigint {
    if (this.callbackPointer === null) {
      const sink = this.sink;
      this.callbackPointer = koffi.register(
        (type: number, context: unknown, status: number, data: string | null) => {
          try {
            const key =
              typeof context === 'bigint' ? Number(context) : typeof context === 'number' ? context : 0;
            sink(type >>> 0, key, status | 0, data ?? null);
          } catch {
            // An exception here would become an uncaught exception; dispatch already guards itself.
          }
        },
        b.callbackPointerType,
      );
    }
    return this.callbackPointer;
  }

  /** Decodes and frees one `_Out_ PWSTR*` value. */
  private takeString(b: Bindings, out: unknown[]): string | null {
    const ptr = pointerOf(out[0]);
    if (ptr === null) return null;
    try {
      return b.decodeString(ptr);
    } finally {
      b.freeString(ptr);
    }
  }

  /**
   * hcsshim's execute(): runs the call on a pool thread through the gate and resolves with its outcome. When
   * `timeoutMs` passes first, it resolves with DeadlineExceededError; the call is abandoned, not cancelled
   * (a call still queued behind the gate is withdrawn). An abandoned call that completes later still has its
   * strings freed, and `release` gets anything it returned that nobody will own (handles, pipes).
   */
  private execute<T extends CallOutcome>(
    op: string,
    timeoutMs: number | null,
    spec: (b: Bindings) => CallSpec<T>,
    failed: Failed<T>,
    release?: (value: T) => void,
  ): Promise<T> {
    let b: Bindings;
    try {
      b = this.load();
    } catch (e) {
      return Promise.resolve(failed(e instanceof Error ? e : new Error(String(e))));
    }
    // Settles when the native call has returned, or when it is known never to run.
    let settleNative!: () => void;
    const nativeDone = new Promise<void>((r) => (settleNative = r));
    return new Promise<T>((resolve) => {
      let answered = false;
      const answer = (value: T) => {
        if (answered) return false;
        answered = true;
        if (timer) clearTimeout(timer);
        resolve(value);
        return true;
      };
      const ticket = this.gate.acquire();
      const timer =
        timeoutMs === null
          ? undefined
          : setTimeout(() => {
              ticket.cancel();
              answer({ ...failed(new DeadlineExceededError(op, timeoutMs)), stillRunning: nativeDone });
            }, timeoutMs);
      // The pending native call keeps the loop alive; the watchdog alone must not.
      timer?.unref();
      ticket.granted.then(() => {
        if (answered) {
          ticket.release();
          settleNative();
          return;
        }
        let call: CallSpec<T>;
        try {
          call = spec(b);
          call.fn.async(...call.args, (err: unknown, hr: number) => {
            ticket.release();
            settleNative();
            let value: T;
            if (err) value = failed(err instanceof Error ? err : new Error(String(err)));
            else value = call.collect(hr);
            if (!answer(value) && release && !value.err) {
              try {
                release(value);
              } catch {
                // Best effort: nothing else can own it.
              }
            }
          });
        } catch (e) {
          // koffi throws synchronously on bad arguments or when too many async calls are running.
          ticket.release();
          settleNative();
          answer(failed(e instanceof Error ? e : new Error(String(e))));
        }
      });
    });
  }

  /** A call whose only output is the result document. */
  private resultCall(
    op: string,
    timeoutMs: number,
    pick: (b: Bindings) => KoffiFunction,
    args: unknown[],
  ): Promise<ResultOutcome> {
    return this.execute<ResultOutcome>(
      op,
      timeoutMs,
      (b) => {
        const result: unknown[] = [null];
        return {
          fn: pick(b),
          args: [...args, result],
          collect: (hr) => ({ err: win32FromHresult(hr), hr, result: this.takeString(b, result) }),
        };
      },
      (err) => ({ err, result: null }),
    );
  }

  /** A call with no outputs (close, unregister): never abandoned, since a late close must not race a reuse. */
  private plainCall(pick: (b: Bindings) => KoffiFunction, handle: HcsHandle): Promise<CallOutcome> {
    return this.execute<CallOutcome>(
      'close',
      null,
      (b) => ({ fn: pick(b), args: [handle], collect: (hr) => ({ err: win32FromHresult(hr), hr }) }),
      (err) => ({ err }),
    );
  }

  private readInfo(raw: Record<string, unknown>): ProcessInformation {
    return {
      processId: Number(raw.ProcessId ?? 0),
      stdInput: handleOf(raw.StdInput),
      stdOutput: handleOf(raw.StdOutput),
      stdError: handleOf(raw.StdError),
    };
  }

  private closeStdio(info: ProcessInformation | null): void {
    if (!info) return;
    const b = this.load();
    for (const h of [info.stdInput, info.stdOutput, info.stdError]) {
      if (isPresentHandle(h)) {
        try {
          b.closeOsHandle(h);
        } catch {
          // Already closed.
        }
      }
    }
  }

  // ---- Compute systems ----

  enumerateComputeSystems(query: string) {
    return this.execute<Out<'enumerateComputeSystems'>>(
      'HcsEnumerateComputeSystems',
      timeouts.syscallWatcher,
      (b) => {
        const systems: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsEnumerateComputeSystems,
          args: [query, systems, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            computeSystems: this.takeString(b, systems),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, computeSystems: null, result: null }),
    );
  }

  createComputeSystem(id: string, configuration: string) {
    return this.execute<Out<'createComputeSystem'>>(
      'HcsCreateComputeSystem',
      timeouts.systemCreate,
      (b) => {
        const handle: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsCreateComputeSystem,
          // identity: hcsshim always passes NULL.
          args: [id, configuration, null, handle, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            handle: pointerOf(handle[0]),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, handle: null, result: null }),
      (late) => {
        if (late.handle !== null) void this.closeComputeSystem(late.handle);
      },
    );
  }

  openComputeSystem(id: string) {
    return this.execute<Out<'openComputeSystem'>>(
      'HcsOpenComputeSystem',
      timeouts.syscallWatcher,
      (b) => {
        const handle: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsOpenComputeSystem,
          args: [id, handle, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            handle: pointerOf(handle[0]),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, handle: null, result: null }),
      (late) => {
        if (late.handle !== null) void this.closeComputeSystem(late.handle);
      },
    );
  }

  closeComputeSystem(system: HcsHandle) {
    return this.plainCall((b) => b.HcsCloseComputeSystem, system);
  }

  startComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall('HcsStartComputeSystem', timeouts.systemStart, (b) => b.HcsStartComputeSystem, [
      system,
      options,
    ]);
  }

  shutdownComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall(
      'HcsShutdownComputeSystem',
      timeouts.syscallWatcher,
      (b) => b.HcsShutdownComputeSystem,
      [system, options],
    );
  }

  terminateComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall(
      'HcsTerminateComputeSystem',
      timeouts.syscallWatcher,
      (b) => b.HcsTerminateComputeSystem,
      [system, options],
    );
  }

  pauseComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall('HcsPauseComputeSystem', timeouts.systemPause, (b) => b.HcsPauseComputeSystem, [
      system,
      options,
    ]);
  }

  resumeComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall('HcsResumeComputeSystem', timeouts.systemResume, (b) => b.HcsResumeComputeSystem, [
      system,
      options,
    ]);
  }

  saveComputeSystem(system: HcsHandle, options: string) {
    return this.resultCall('HcsSaveComputeSystem', timeouts.syscallWatcher, (b) => b.HcsSaveComputeSystem, [
      system,
      options,
    ]);
  }

  getComputeSystemProperties(system: HcsHandle, query: string) {
    return this.execute<Out<'getComputeSystemProperties'>>(
      'HcsGetComputeSystemProperties',
      timeouts.syscallWatcher,
      (b) => {
        const properties: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsGetComputeSystemProperties,
          args: [system, query, properties, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            properties: this.takeString(b, properties),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, properties: null, result: null }),
    );
  }

  modifyComputeSystem(system: HcsHandle, configuration: string) {
    return this.resultCall(
      'HcsModifyComputeSystem',
      timeouts.syscallWatcher,
      (b) => b.HcsModifyComputeSystem,
      [system, configuration],
    );
  }

  modifyServiceSettings(settings: string) {
    return this.resultCall(
      'HcsModifyServiceSettings',
      timeouts.syscallWatcher,
      (b) => b.HcsModifyServiceSettings,
      [settings],
    );
  }

  getServiceProperties(query: string) {
    return this.execute<Out<'getServiceProperties'>>(
      'HcsGetServiceProperties',
      timeouts.syscallWatcher,
      (b) => {
        const properties: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsGetServiceProperties,
          args: [query, properties, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            properties: this.takeString(b, properties),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, properties: null, result: null }),
    );
  }

  private registerCall(
    op: string,
    pick: (b: Bindings) => KoffiFunction,
    handle: HcsHandle,
    context: number,
    unregister: (r: HcsHandle) => unknown,
  ) {
    return this.execute<Out<'registerComputeSystemCallback'>>(
      op,
      timeouts.syscallWatcher,
      (b) => {
        const registration: unknown[] = [null];
        return {
          fn: pick(b),
          args: [handle, this.callback(b), BigInt(context), registration],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            registration: pointerOf(registration[0]),
          }),
        };
      },
      (err) => ({ err, registration: null }),
      (late) => {
        if (late.registration !== null) void unregister(late.registration);
      },
    );
  }

  registerComputeSystemCallback(system: HcsHandle, context: number) {
    return this.registerCall(
      'HcsRegisterComputeSystemCallback',
      (b) => b.HcsRegisterComputeSystemCallback,
      system,
      context,
      (r) => this.unregisterComputeSystemCallback(r),
    );
  }

  unregisterComputeSystemCallback(registration: HcsHandle) {
    return this.plainCall((b) => b.HcsUnregisterComputeSystemCallback, registration);
  }

  // ---- Processes ----

  createProcess(system: HcsHandle, parameters: string) {
    return this.execute<Out<'createProcess'>>(
      'HcsCreateProcess',
      timeouts.syscallWatcher,
      (b) => {
        const info: Record<string, unknown> = {};
        const process: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsCreateProcess,
          args: [system, parameters, info, process, result],
          collect: (hr: number) => {
            const err = win32FromHresult(hr);
            let stdio: ProcessInformation | null = this.readInfo(info);
            if (err) {
              // HCS hands out no pipes on failure; close any it did so they cannot leak.
              this.closeStdio(stdio);
              stdio = null;
            }
            return {
              err,
              hr,
              process: pointerOf(process[0]),
              info: stdio,
              result: this.takeString(b, result),
            };
          },
        };
      },
      (err) => ({ err, process: null, info: null, result: null }),
      (late) => {
        this.closeStdio(late.info);
        if (late.process !== null) void this.closeProcess(late.process);
      },
    );
  }

  openProcess(system: HcsHandle, pid: number) {
    return this.execute<Out<'openProcess'>>(
      'HcsOpenProcess',
      timeouts.syscallWatcher,
      (b) => {
        const process: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsOpenProcess,
          args: [system, pid >>> 0, process, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            process: pointerOf(process[0]),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, process: null, result: null }),
      (late) => {
        if (late.process !== null) void this.closeProcess(late.process);
      },
    );
  }

  closeProcess(process: HcsHandle) {
    return this.plainCall((b) => b.HcsCloseProcess, process);
  }

  terminateProcess(process: HcsHandle) {
    return this.resultCall('HcsTerminateProcess', timeouts.syscallWatcher, (b) => b.HcsTerminateProcess, [
      process,
    ]);
  }

  signalProcess(process: HcsHandle, options: string) {
    return this.resultCall('HcsSignalProcess', timeouts.syscallWatcher, (b) => b.HcsSignalProcess, [
      process,
      options,
    ]);
  }

  getProcessInfo(process: HcsHandle) {
    return this.execute<Out<'getProcessInfo'>>(
      'HcsGetProcessInfo',
      timeouts.syscallWatcher,
      (b) => {
        const info: Record<string, unknown> = {};
        const result: unknown[] = [null];
        return {
          fn: b.HcsGetProcessInfo,
          args: [process, info, result],
          collect: (hr: number) => {
            const err = win32FromHresult(hr);
            let stdio: ProcessInformation | null = this.readInfo(info);
            if (err) {
              this.closeStdio(stdio);
              stdio = null;
            }
            return { err, hr, info: stdio, result: this.takeString(b, result) };
          },
        };
      },
      (err) => ({ err, info: null, result: null }),
      (late) => this.closeStdio(late.info),
    );
  }

  getProcessProperties(process: HcsHandle) {
    return this.execute<Out<'getProcessProperties'>>(
      'HcsGetProcessProperties',
      timeouts.syscallWatcher,
      (b) => {
        const properties: unknown[] = [null];
        const result: unknown[] = [null];
        return {
          fn: b.HcsGetProcessProperties,
          args: [process, properties, result],
          collect: (hr: number) => ({
            err: win32FromHresult(hr),
            hr,
            properties: this.takeString(b, properties),
            result: this.takeString(b, result),
          }),
        };
      },
      (err) => ({ err, properties: null, result: null }),
    );
  }

  modifyProcess(process: HcsHandle, settings: string) {
    return this.resultCall('HcsModifyProcess', timeouts.syscallWatcher, (b) => b.HcsModifyProcess, [
      process,
      settings,
    ]);
  }

  registerProcessCallback(process: HcsHandle, context: number) {
    return this.registerCall(
      'HcsRegisterProcessCallback',
      (b) => b.HcsRegisterProcessCallback,
      process,
      context,
      (r) => this.unregisterProcessCallback(r),
    );
  }

  unregisterProcessCallback(registration: HcsHandle) {
    return this.plainCall((b) => b.HcsUnregisterProcessCallback, registration);
  }
}
