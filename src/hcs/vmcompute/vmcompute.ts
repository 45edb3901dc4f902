/**
 * hcsshim's internal/vmcompute over koffi: one method per export of vmcompute.dll. Each method says which
 * export it calls, its watchdog timeout, its inputs and its named outputs; the call engine (../ffi/) does the
 * rest: the pool thread, the call gate, the watchdog, and handing back whatever an abandoned call returns
 * late. The marshalling here reads the outputs: HRESULT normalisation, every HCS-allocated string decoded
 * and freed with CoTaskMemFree whether the call succeeded or not, stdio pipes of a failed call closed.
 */
import koffi from 'koffi';
import { CallEngine, type NativeCall } from '../ffi/call-engine.ts';
import { takeHcsString } from '../ffi/hcs-strings.ts';
import {
  closeProcessStdio,
  readProcessInformation,
  type ProcessInformation,
} from '../ffi/process-information.ts';
import { pointerOf } from '../ffi/pointers.ts';
import { timeouts } from '../timeouts.ts';
import { win32FromHresult } from '../win32-error.ts';
import { loadBindings, type Bindings, type VmcomputeExport } from './bindings.ts';
import type { CallOutcome, HcsHandle, NotificationSink, Vmcompute } from './types.ts';

/**
 * What an export writes through its `_Out_` parameters, which follow its inputs in the C signature:
 * `string` a PWSTR HCS allocated (decoded, then freed), `handle` an HCS_SYSTEM / HCS_PROCESS / HCS_CALLBACK,
 * `processInformation` an HCS_PROCESS_INFORMATION (its pipes are the caller's).
 */
type OutputKind = 'string' | 'handle' | 'processInformation';
type OutputValue<K extends OutputKind> = K extends 'string'
  ? string | null
  : K extends 'handle'
    ? HcsHandle | null
    : ProcessInformation | null;
/** The outputs of an export, by name, in the order of its C parameters. */
type OutputSpec = Record<string, OutputKind>;
type OutputValues<O extends OutputSpec> = { -readonly [N in keyof O]: OutputValue<O[N]> };
/** The outputs of an export whose only output is its result document. */
const RESULT = { result: 'string' } as const satisfies OutputSpec;

export interface KoffiVmcomputeOptions {
  /** Receives every notification of every registered handle (runs on the JS thread, inside the callback). */
  sink: NotificationSink;
  /** Maximum HCS calls in flight (default: libuv pool size − 2). */
  maxInFlight?: number;
  /** The library to load instead of the platform's default (loader.ts), as the entry point named it. */
  libraryPath?: string;
}

export class KoffiVmcompute implements Vmcompute {
  private readonly engine: CallEngine;
  private readonly sink: NotificationSink;
  private readonly explicitLibrary: string | undefined;
  private bindings: Bindings | null = null;
  private callbackPointer: bigint | null = null;

  constructor(options: KoffiVmcomputeOptions) {
    this.sink = options.sink;
    this.explicitLibrary = options.libraryPath;
    this.engine = new CallEngine({ maxInFlight: options.maxInFlight });
  }

  readonly api = 'v1';

  get libraryPath(): string {
    return this.bindings?.libraryPath ?? '';
  }

  /** Calls in flight and queued behind the gate (for tests and diagnostics). */
  get callStats(): { inFlight: number; queued: number; limit: number } {
    return this.engine.callStats;
  }

  // ---- Compute systems ----

  enumerateComputeSystems(query: string) {
    return this.call('HcsEnumerateComputeSystems', timeouts.syscallWatcher, [query], {
      computeSystems: 'string',
      result: 'string',
    });
  }

  createComputeSystem(id: string, configuration: string) {
    // identity: hcsshim always passes NULL.
    return this.call(
      'HcsCreateComputeSystem',
      timeouts.systemCreate,
      [id, configuration, null],
      { handle: 'handle', result: 'string' },
      (late) => this.closeLateSystem(late.handle),
    );
  }

  openComputeSystem(id: string) {
    return this.call(
      'HcsOpenComputeSystem',
      timeouts.syscallWatcher,
      [id],
      { handle: 'handle', result: 'string' },
      (late) => this.closeLateSystem(late.handle),
    );
  }

  closeComputeSystem(system: HcsHandle) {
    return this.releaseCall('HcsCloseComputeSystem', system);
  }

  startComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsStartComputeSystem', timeouts.systemStart, [system, options], RESULT);
  }

  shutdownComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsShutdownComputeSystem', timeouts.syscallWatcher, [system, options], RESULT);
  }

  terminateComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsTerminateComputeSystem', timeouts.syscallWatcher, [system, options], RESULT);
  }

  pauseComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsPauseComputeSystem', timeouts.systemPause, [system, options], RESULT);
  }

  resumeComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsResumeComputeSystem', timeouts.systemResume, [system, options], RESULT);
  }

  saveComputeSystem(system: HcsHandle, options: string) {
    return this.call('HcsSaveComputeSystem', timeouts.syscallWatcher, [system, options], RESULT);
  }

  getComputeSystemProperties(system: HcsHandle, query: string) {
    return this.call('HcsGetComputeSystemProperties', timeouts.syscallWatcher, [system, query], {
      properties: 'string',
      result: 'string',
    });
  }

  modifyComputeSystem(system: HcsHandle, configuration: string) {
    return this.call('HcsModifyComputeSystem', timeouts.syscallWatcher, [system, configuration], RESULT);
  }

  modifyServiceSettings(settings: string) {
    return this.call('HcsModifyServiceSettings', timeouts.syscallWatcher, [settings], RESULT);
  }

  getServiceProperties(query: string) {
    return this.call('HcsGetServiceProperties', timeouts.syscallWatcher, [query], {
      properties: 'string',
      result: 'string',
    });
  }

  registerComputeSystemCallback(system: HcsHandle, context: number) {
    return this.call(
      'HcsRegisterComputeSystemCallback',
      timeouts.syscallWatcher,
      (b) => [system, this.callback(b), BigInt(context)],
      { registration: 'handle' },
      (late) => {
        if (late.registration !== null) void this.unregisterComputeSystemCallback(late.registration);
      },
    );
  }

  unregisterComputeSystemCallback(registration: HcsHandle) {
    return this.releaseCall('HcsUnregisterComputeSystemCallback', registration);
  }

  // ---- Processes ----

  createProcess(system: HcsHandle, parameters: string) {
    return this.call(
      'HcsCreateProcess',
      timeouts.syscallWatcher,
      [system, parameters],
      { info: 'processInformation', process: 'handle', result: 'string' },
      (late) => {
        closeProcessStdio(late.info);
        this.closeLateProcess(late.process);
      },
    );
  }

  openProcess(system: HcsHandle, pid: number) {
    return this.call(
      'HcsOpenProcess',
      timeouts.syscallWatcher,
      [system, pid >>> 0],
      { process: 'handle', result: 'string' },
      (late) => this.closeLateProcess(late.process),
    );
  }

  closeProcess(process: HcsHandle) {
    return this.releaseCall('HcsCloseProcess', process);
  }

  terminateProcess(process: HcsHandle) {
    return this.call('HcsTerminateProcess', timeouts.syscallWatcher, [process], RESULT);
  }

  signalProcess(process: HcsHandle, options: string) {
    return this.call('HcsSignalProcess', timeouts.syscallWatcher, [process, options], RESULT);
  }

  getProcessInfo(process: HcsHandle) {
    return this.call(
      'HcsGetProcessInfo',
      timeouts.syscallWatcher,
      [process],
      { info: 'processInformation', result: 'string' },
      (late) => closeProcessStdio(late.info),
    );
  }

  getProcessProperties(process: HcsHandle) {
    return this.call('HcsGetProcessProperties', timeouts.syscallWatcher, [process], {
      properties: 'string',
      result: 'string',
    });
  }

  modifyProcess(process: HcsHandle, settings: string) {
    return this.call('HcsModifyProcess', timeouts.syscallWatcher, [process, settings], RESULT);
  }

  registerProcessCallback(process: HcsHandle, context: number) {
    return this.call(
      'HcsRegisterProcessCallback',
      timeouts.syscallWatcher,
      (b) => [process, this.callback(b), BigInt(context)],
      { registration: 'handle' },
      (late) => {
        if (late.registration !== null) void this.unregisterProcessCallback(late.registration);
      },
    );
  }

  unregisterProcessCallback(registration: HcsHandle) {
    return this.releaseCall('HcsUnregisterProcessCallback', registration);
  }

  // ---- Marshalling ----

  /**
   * Calls `name` with `inputs` followed by one out-parameter per entry of `outputs`, and reads them back.
   * `releaseLate` gets the outputs of a call the watchdog abandoned that later succeeded (nobody owns them).
   */
  private call<O extends OutputSpec>(
    name: VmcomputeExport,
    timeoutMs: number | null,
    inputs: unknown[] | ((b: Bindings) => unknown[]),
    outputs: O,
    releaseLate?: (late: CallOutcome & OutputValues<O>) => void,
  ): Promise<CallOutcome & OutputValues<O>> {
    type Outcome = CallOutcome & OutputValues<O>;
    const names = Object.keys(outputs) as Array<keyof O & string>;
    const failed = (err: Error): Outcome => {
      const values = {} as OutputValues<O>;
      for (const n of names) values[n] = null as OutputValue<O[typeof n]>;
      return { err, ...values };
    };
    let b: Bindings;
    try {
      b = this.load();
    } catch (e) {
      return Promise.resolve(failed(e instanceof Error ? e : new Error(String(e))));
    }
    const prepare = (): NativeCall<Outcome> => {
      // One cell per output: koffi writes a pointer into a one-element array, a struct into an object.
      const cells = names.map((n) => (outputs[n] === 'processInformation' ? {} : [null]));
      return {
        fn: b.exports[name],
        args: [...(typeof inputs === 'function' ? inputs(b) : inputs), ...cells],
        collect: (returned) => {
          const hr = Number(returned);
          const err = win32FromHresult(hr);
          const values = {} as Record<string, unknown>;
          names.forEach((n, i) => {
            const cell = cells[i]!;
            if (outputs[n] === 'string') values[n] = takeHcsString(b.strings, cell as unknown[]);
            else if (outputs[n] === 'handle') values[n] = pointerOf((cell as unknown[])[0]);
            else {
              const info = readProcessInformation(cell as Record<string, unknown>);
              // HCS hands out no pipes on failure; close any it did so they cannot leak.
              if (err) closeProcessStdio(info);
              values[n] = err ? null : info;
            }
          });
          return { err, hr, ...(values as OutputValues<O>) };
        },
      };
    };
    return this.engine.execute(name, timeoutMs, prepare, failed, releaseLate);
  }

  /** Close and unregister: no outputs and no watchdog, since a late close must not race a reuse. */
  private releaseCall(name: VmcomputeExport, handle: HcsHandle): Promise<CallOutcome> {
    return this.call(name, null, [handle], {});
  }

  private closeLateSystem(handle: HcsHandle | null): void {
    if (handle !== null) void this.closeComputeSystem(handle);
  }

  private closeLateProcess(handle: HcsHandle | null): void {
    if (handle !== null) void this.closeProcess(handle);
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
}
