/**
 * The shape of the vmcompute layer (hcsshim's internal/vmcompute): one promise-returning function per export
 * of vmcompute.dll. Every function resolves, never rejects: `err` is null on success, a Win32Error for a
 * failed HRESULT (normalised as hcsshim does), a DeadlineExceededError when the watchdog gave up waiting, or
 * the Error that kept the call from being made (library missing, too many calls). HCS-allocated strings have
 * already been decoded and freed. Both DLLs implement it: vmcompute/vmcompute.ts and computecore/computecore.ts.
 */

import type { CallOutcome } from '../ffi/call-engine.ts';
import type { ProcessInformation } from '../ffi/process-information.ts';

export type { CallOutcome } from '../ffi/call-engine.ts';
export type { ProcessInformation } from '../ffi/process-information.ts';

/** An opaque HCS handle (HCS_SYSTEM, HCS_PROCESS, HCS_CALLBACK): a non-zero pointer value. */
export type HcsHandle = bigint;

/** A call that also returns HCS's result document (JSON with ErrorEvents on failure), if any. */
export interface ResultOutcome extends CallOutcome {
  result: string | null;
  /**
   * computecore (V2) only: the call started an operation that goes on after the call returned (create, start,
   * pause, resume, save); this settles with its result, bounded by hcsshim's timeout for it (ErrTimeout when
   * that passed, the operation then cancelled). vmcompute reports the same with ERROR_VMCOMPUTE_OPERATION_PENDING
   * and a completion notification instead. Never rejects.
   */
  completion?: Promise<ResultOutcome>;
}

/** Which HCS API a binding speaks: V1 is vmcompute.dll, V2 is computecore.dll. */
export type HcsApi = 'v1' | 'v2';

export type HandleKind = 'system' | 'process';

/** The raw notification callback arguments, as the single process-wide callback receives them. */
export type NotificationSink = (type: number, context: number, status: number, data: string | null) => void;

export interface Vmcompute {
  /** Which library backs this binding (for diagnostics). */
  readonly libraryPath: string;
  /** Which API it speaks. */
  readonly api: HcsApi;

  enumerateComputeSystems(query: string): Promise<ResultOutcome & { computeSystems: string | null }>;
  createComputeSystem(
    id: string,
    configuration: string,
  ): Promise<ResultOutcome & { handle: HcsHandle | null }>;
  openComputeSystem(id: string): Promise<ResultOutcome & { handle: HcsHandle | null }>;
  closeComputeSystem(system: HcsHandle): Promise<CallOutcome>;
  startComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  shutdownComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  terminateComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  pauseComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  resumeComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  saveComputeSystem(system: HcsHandle, options: string): Promise<ResultOutcome>;
  getComputeSystemProperties(
    system: HcsHandle,
    query: string,
  ): Promise<ResultOutcome & { properties: string | null }>;
  modifyComputeSystem(system: HcsHandle, configuration: string): Promise<ResultOutcome>;
  /** HcsCrashComputeSystem: V2 only (vmcompute.dll has no such export), so absent from a V1 binding. */
  crashComputeSystem?(system: HcsHandle, options: string): Promise<ResultOutcome>;
  modifyServiceSettings(settings: string): Promise<ResultOutcome>;
  getServiceProperties(query: string): Promise<ResultOutcome & { properties: string | null }>;
  /** Registers the process-wide callback for `system` with `context` as its context value. */
  registerComputeSystemCallback(
    system: HcsHandle,
    context: number,
  ): Promise<CallOutcome & { registration: HcsHandle | null }>;
  unregisterComputeSystemCallback(registration: HcsHandle): Promise<CallOutcome>;

  createProcess(
    system: HcsHandle,
    parameters: string,
  ): Promise<ResultOutcome & { process: HcsHandle | null; info: ProcessInformation | null }>;
  openProcess(system: HcsHandle, pid: number): Promise<ResultOutcome & { process: HcsHandle | null }>;
  closeProcess(process: HcsHandle): Promise<CallOutcome>;
  terminateProcess(process: HcsHandle): Promise<ResultOutcome>;
  signalProcess(process: HcsHandle, options: string): Promise<ResultOutcome>;
  getProcessInfo(process: HcsHandle): Promise<ResultOutcome & { info: ProcessInformation | null }>;
  getProcessProperties(process: HcsHandle): Promise<ResultOutcome & { properties: string | null }>;
  modifyProcess(process: HcsHandle, settings: string): Promise<ResultOutcome>;
  registerProcessCallback(
    process: HcsHandle,
    context: number,
  ): Promise<CallOutcome & { registration: HcsHandle | null }>;
  unregisterProcessCallback(registration: HcsHandle): Promise<CallOutcome>;
}
