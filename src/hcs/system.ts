/**
 * A compute system: hcsshim's internal/hcs System (internal/hcs/system.go, HEAD semantics;
 * docs/hcs/system-and-process.md#system) over the vmcompute binding. The handle, its lock and its close are a HandleLifetime (whose lock
 * rules apply here: native calls go through the lock and close waits for them; notification waits do not
 * hold it, so close() releases a pending start/pause/… with ErrAlreadyClosed instead of waiting for its
 * completion). The exit wait is an ExitLatch.
 */
import { backend, type Backend } from './backend.ts';
import {
  ErrAlreadyClosed,
  ErrUnexpectedValue,
  ErrVmcomputeAlreadyStopped,
  ErrComputeSystemDoesNotExist,
  ErrVmcomputeOperationPending,
  ErrVmcomputeUnexpectedExit,
  ErrTimeout,
  errorIs,
  isPending,
  makeSystemError,
  processHcsResult,
  type ErrorEvent,
} from './errors.ts';
import { ExitLatch } from './exit-latch.ts';
import { HandleLifetime } from './handle-lifetime.ts';
import { parseJsonObject, toJsonText } from './json-text.ts';
import { NotificationType, exitTypeOf, type HcsNotification } from './notification-types.ts';
import { Process } from './process.ts';
import type * as schema1 from './schema1.ts';
import type * as schema2 from './schema2.ts';
import { timeouts } from './timeouts.ts';
import { NeedsHcsV2Error } from './needs-v2.ts';
import type { HcsApi, HcsHandle, ResultOutcome, Vmcompute } from './vmcompute/types.ts';
import { closeQuietly } from '../base/index.ts';

/** How a system's wait ended: hcsshim's waitError (the wait itself failed) and exitError (how it exited). */
interface SystemExit {
  waitError: Error | null;
  exitError: Error | null;
}

export class System {
  readonly id: string;
  readonly #backend: Backend;
  readonly #handle: HandleLifetime;
  readonly #exit = new ExitLatch<SystemExit>();
  // Cached when opened or created (hcsshim's getCachedProperties).
  #os = '';
  #systemType = '';
  #owner = '';

  private constructor(id: string, backend: Backend) {
    this.id = id;
    this.#backend = backend;
    this.#handle = new HandleLifetime('system', backend, {
      closeError: (err) => makeSystemError(this.id, 'hcs::System::Close', err),
      closed: () => this.#exit.settle({ waitError: ErrAlreadyClosed, exitError: null }),
    });
  }

  /**
   * hcsshim's CreateComputeSystem: creates (does not start) a compute system. `document` is JSON text sent as
   * is, or a value serialised with JSON.stringify.
   */
  static async create(id: string, document: string | object): Promise<System> {
    const op = 'hcs::CreateComputeSystem';
    const text = toJsonText(document);
    const sys = new System(id, await backend());
    const res = await sys.#backend.vm.createComputeSystem(id, text);
    sys.#handle.adopt(res.handle);
    let registered = false;
    try {
      if (res.err === null && res.completion && !sys.#handle.hasHandle) {
        // computecore: HCS refused the create outright; its operation says why.
        const done = await res.completion;
        throw makeSystemError(id, op, done.err ?? ErrUnexpectedValue, processHcsResult(done.result));
      }
      if (res.err === null || isPending(res.err)) {
        if (!sys.#handle.hasHandle) throw makeSystemError(id, op, ErrUnexpectedValue);
        const regErr = await sys.#handle.register();
        if (regErr) {
          // Terminate the compute system if it still exists; a failure here changes nothing.
          await sys.terminate().catch(() => {});
          throw makeSystemError(id, op, regErr);
        }
        registered = true;
      }
      let events = processHcsResult(res.result);
      let err: Error | null = res.err;
      if (!err && res.completion) {
        // computecore: the create operation completes now that the handle has its callback.
        const done = await sys.#handle.awaitOperation(res.completion);
        err = done.err;
        events = processHcsResult(done.result);
      } else if (err && isPending(err)) {
        events = [];
        err = await sys.#handle.waitFor(NotificationType.SystemCreateCompleted, timeouts.systemCreate);
      }
      if (err) {
        if (errorIs(err, ErrTimeout)) await sys.terminate().catch(() => {});
        throw makeSystemError(id, op, err, events);
      }
      sys.#waitBackground();
      await sys.#getCachedProperties();
      return sys;
    } catch (e) {
      if (registered || sys.#handle.hasHandle) await closeQuietly(sys);
      throw e;
    }
  }

  /** hcsshim's OpenComputeSystem: opens an existing compute system by id. */
  static async open(id: string): Promise<System> {
    const op = 'hcs::OpenComputeSystem';
    const sys = new System(id, await backend());
    const res = await sys.#backend.vm.openComputeSystem(id);
    const events = processHcsResult(res.result);
    if (res.err) throw makeSystemError(id, op, res.err, events);
    if (res.handle === null) throw makeSystemError(id, op, ErrUnexpectedValue);
    sys.#handle.adopt(res.handle);
    try {
      const regErr = await sys.#handle.register();
      if (regErr) throw makeSystemError(id, op, regErr);
      sys.#waitBackground();
      await sys.#getCachedProperties();
      return sys;
    } catch (e) {
      await closeQuietly(sys);
      throw e;
    }
  }

  /** "windows" or "linux" (cached when opened or created). */
  os(): string {
    return this.#os;
  }

  /** "container" or "virtualmachine" (cached when opened or created). */
  type(): string {
    return this.#systemType;
  }

  /** The owner, lower-cased (cached when opened or created). */
  owner(): string {
    return this.#owner;
  }

  /** Processes must be created from an OCI process document (a Linux container). */
  isOCI(): boolean {
    return this.#os === 'linux' && this.#systemType === 'container';
  }

  /** Starts the system and waits for SystemStartCompleted. */
  start(): Promise<void> {
    return this.#asyncOp(
      'hcs::System::Start',
      NotificationType.SystemStartCompleted,
      timeouts.systemStart,
      (vm, h) => vm.startComputeSystem(h, ''),
    );
  }

  /** Pauses the system and waits for SystemPauseCompleted. */
  pause(): Promise<void> {
    return this.#asyncOp(
      'hcs::System::Pause',
      NotificationType.SystemPauseCompleted,
      timeouts.systemPause,
      (vm, h) => vm.pauseComputeSystem(h, ''),
    );
  }

  /** Resumes the system and waits for SystemResumeCompleted. */
  resume(): Promise<void> {
    return this.#asyncOp(
      'hcs::System::Resume',
      NotificationType.SystemResumeCompleted,
      timeouts.systemResume,
      (vm, h) => vm.resumeComputeSystem(h, ''),
    );
  }

  /** Saves the system (schema2.SaveOptions, JSON text or object) and waits for SystemSaveCompleted. */
  save(options?: schema2.SaveOptions | string | object): Promise<void> {
    const text = options === undefined ? '' : toJsonText(options);
    return this.#asyncOp(
      'hcs::System::Save',
      NotificationType.SystemSaveCompleted,
      timeouts.systemSave,
      (vm, h) => vm.saveComputeSystem(h, text),
    );
  }

  /**
   * Requests a shutdown; does not wait for it (wait() does). Already stopped, gone, or pending all count as
   * success, and it is a no-op on a closed or stopped system.
   */
  shutdown(): Promise<void> {
    return this.#stopOp('hcs::System::Shutdown', (vm, h) => vm.shutdownComputeSystem(h, ''));
  }

  /** Requests termination; the same rules as shutdown(). */
  terminate(): Promise<void> {
    return this.#stopOp('hcs::System::Terminate', (vm, h) => vm.terminateComputeSystem(h, ''));
  }

  /**
   * HcsCrashComputeSystem (the HCS V2 API only): makes the guest crash, as a debugger or a hung guest would need.
   * Like terminate(), it returns once HCS has taken the request; the handle's notifications then report
   * SystemCrashInitiated, SystemCrashReport and the exit (wait() resolves, exitError() is the unexpected exit).
   * On V1 it fails with NeedsHcsV2Error, without asking HCS.
   */
  async crash(options?: string | object): Promise<void> {
    const op = 'hcs::System::Crash';
    const crash = this.#backend.vm.crashComputeSystem?.bind(this.#backend.vm);
    if (!crash) throw makeSystemError(this.id, op, new NeedsHcsV2Error('Crashing a compute system'));
    const text = options === undefined ? '' : toJsonText(options);
    const res = await this.#call((_vm, h) => crash(h, text));
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    if (res.err) throw makeSystemError(this.id, op, res.err, processHcsResult(res.result));
  }

  /** Which HCS API this system is driven through: 'v1' (vmcompute.dll) or 'v2' (computecore.dll). */
  get api(): HcsApi {
    return this.#backend.vm.api;
  }

  /** Sends a modify request (JSON text as is, or an object). */
  async modify(request: string | object): Promise<void> {
    const op = 'hcs::System::Modify';
    const text = toJsonText(request);
    const res = await this.#call((vm, h) => vm.modifyComputeSystem(h, text));
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    if (res.err) throw makeSystemError(this.id, op, res.err, processHcsResult(res.result));
  }

  /** V1 properties (`{}` when no types are asked for). */
  properties(...types: schema1.PropertyType[]): Promise<schema1.ContainerProperties> {
    const query: schema1.PropertyQuery = types.length > 0 ? { PropertyTypes: types } : {};
    return this.#query<schema1.ContainerProperties>('hcs::System::Properties', query);
  }

  /** V2 properties. */
  propertiesV2(...types: schema2.PropertyType[]): Promise<schema2.Properties> {
    const query: schema2.PropertyQuery = types.length > 0 ? { PropertyTypes: types } : {};
    return this.#query<schema2.Properties>('hcs::System::PropertiesV2', query);
  }

  /** HEAD's PropertiesV3: a full V2 query (PropertyTypes and Queries) sent as is. */
  propertiesV3(query: schema2.PropertyQuery | string): Promise<schema2.Properties> {
    return this.#query<schema2.Properties>('hcs::System::PropertiesV3', query);
  }

  /** Starts a process (schema1.ProcessConfig / schema2.ProcessParameters, as JSON text or object). */
  async createProcess(
    config: schema1.ProcessConfig | schema2.ProcessParameters | string | object,
  ): Promise<Process> {
    const op = 'hcs::System::CreateProcess';
    if (this.#handle.isClosing) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    let text: string;
    try {
      text = toJsonText(config);
    } catch (e) {
      throw makeSystemError(this.id, op, e);
    }
    const res = await this.#call((vm, h) => vm.createProcess(h, text));
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    if (res.err || res.process === null || res.info === null) {
      // HEAD names the command line in the operation of a failed create.
      const commandLine = commandLineOf(config, text);
      const named = commandLine !== undefined ? `${op}: ${commandLine}` : op;
      throw makeSystemError(this.id, named, res.err ?? ErrUnexpectedValue, processHcsResult(res.result));
    }
    return Process._fromCreated(this.id, this.#backend, res.process, res.info, op);
  }

  /** Opens an existing process of this system by pid (no stdio). */
  async openProcess(pid: number): Promise<Process> {
    const op = 'hcs::System::OpenProcess';
    const res = await this.#call((vm, h) => vm.openProcess(h, pid));
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    if (res.err || res.process === null) {
      throw makeSystemError(this.id, op, res.err ?? ErrUnexpectedValue, processHcsResult(res.result));
    }
    return Process._fromOpened(this.id, this.#backend, res.process, pid, op);
  }

  /**
   * Resolves when the system has exited; rejects with the wait error (ErrAlreadyClosed after close(), a
   * SystemError wrapping ErrUnexpectedProcessAbort when the service went away). Keeps the event loop alive
   * while waiting.
   */
  async wait(): Promise<void> {
    const { waitError } = await this.#exit.wait();
    if (waitError) throw waitError;
  }

  /** True once the system has exited, or its handle was closed (hcsshim's stopped()). */
  exited(): boolean {
    return this.#exit.settled;
  }

  /** Why the system exited: Error("container not exited") before then, null after a clean exit. */
  exitError(): Error | null {
    const exit = this.#exit.outcome;
    if (!exit) return new Error('container not exited');
    return exit.waitError ?? exit.exitError;
  }

  /** Every notification this handle receives. Returns the unsubscribe function. */
  onNotification(listener: (n: HcsNotification) => void): () => void {
    return this.#handle.onNotification(listener);
  }

  /**
   * Releases the handle: waits for calls in flight on it, unregisters the callback, closes the handle, and
   * releases every waiter with ErrAlreadyClosed. Does not stop the system. Idempotent.
   */
  close(): Promise<void> {
    return this.#handle.close();
  }

  // ---- internals ----

  /** Runs one native call on the handle under the lock; null when the handle is closed or closing. */
  #call<T>(fn: (vm: Vmcompute, h: HcsHandle) => Promise<T>): Promise<T | null> {
    return this.#handle.call(fn);
  }

  /** An asynchronous operation (hcsshim's processAsyncHcsResult): waits for its completion when pending. */
  async #asyncOp(
    op: string,
    completion: number,
    timeoutMs: number,
    fn: (vm: Vmcompute, h: HcsHandle) => Promise<ResultOutcome>,
  ): Promise<void> {
    // A completion left over from an earlier call (e.g. one that timed out) must not answer this one.
    this.#handle.discard(completion);
    const res = await this.#call(fn);
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    let events: ErrorEvent[] = processHcsResult(res.result);
    let err = res.err;
    if (!err && res.completion) {
      // computecore: the operation completes outside the lock (and a close releases this wait).
      const done = await this.#handle.awaitOperation(res.completion);
      err = done.err;
      events = processHcsResult(done.result);
    } else if (err && isPending(err)) {
      events = [];
      err = await this.#handle.waitFor(completion, timeoutMs);
    }
    if (err) throw makeSystemError(this.id, op, err, events);
  }

  async #stopOp(op: string, fn: (vm: Vmcompute, h: HcsHandle) => Promise<ResultOutcome>): Promise<void> {
    if (this.#exit.settled) return;
    const res = await this.#call(fn);
    if (res === null || res.err === null) return;
    if (
      errorIs(res.err, ErrVmcomputeAlreadyStopped, ErrComputeSystemDoesNotExist, ErrVmcomputeOperationPending)
    )
      return;
    throw makeSystemError(this.id, op, res.err, processHcsResult(res.result));
  }

  async #query<T>(op: string, query: object | string): Promise<T> {
    let text: string;
    try {
      text = toJsonText(query);
    } catch (e) {
      throw makeSystemError(this.id, op, e);
    }
    const res = await this.#call((vm, h) => vm.getComputeSystemProperties(h, text));
    if (res === null) throw makeSystemError(this.id, op, ErrAlreadyClosed);
    if (res.err) throw makeSystemError(this.id, op, res.err, processHcsResult(res.result));
    if (!res.properties) throw ErrUnexpectedValue;
    try {
      return parseJsonObject<T>(res.properties);
    } catch (e) {
      throw makeSystemError(this.id, op, e);
    }
  }

  async #getCachedProperties(): Promise<void> {
    const props = await this.properties();
    this.#systemType = String(props.SystemType ?? '').toLowerCase();
    this.#os = String(props.RuntimeOsType ?? '').toLowerCase();
    this.#owner = String(props.Owner ?? '').toLowerCase();
    // Pre-RS5 HCS returned no OS, but only supported Windows containers.
    if (this.#os === '' && this.#systemType === 'container') this.#os = 'windows';
  }

  /** hcsshim's waitBackground: exactly once per handle, watches for SystemExited without a timeout. */
  #waitBackground(): void {
    const op = 'hcs::System::waitBackground';
    this.#handle.watchExit(
      NotificationType.SystemExited,
      (n) => {
        // hcsv2 also reads the exit status document: an UnexpectedExit is an exit error, not a wait error.
        const unexpected = exitTypeOf(n.data, n.status) === 'UnexpectedExit';
        this.#finishWait(null, unexpected ? makeSystemError(this.id, op, ErrVmcomputeUnexpectedExit) : null);
      },
      (e: unknown) => {
        if (e === ErrAlreadyClosed) this.#finishWait(ErrAlreadyClosed, null);
        else if (errorIs(e, ErrVmcomputeUnexpectedExit))
          this.#finishWait(null, makeSystemError(this.id, op, e));
        else this.#finishWait(makeSystemError(this.id, op, e), null);
      },
    );
  }

  /** closedWaitOnce: the first outcome wins. */
  #finishWait(waitError: Error | null, exitError: Error | null): void {
    this.#exit.settle({ waitError, exitError });
  }
}

function commandLineOf(config: unknown, text: string): string | undefined {
  let doc: unknown = config;
  if (typeof config === 'string') {
    try {
      doc = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const line = (doc as { CommandLine?: unknown } | null)?.CommandLine;
  return typeof line === 'string' ? line : undefined;
}
