// koffi declarations of libcomputecore_sim.so for the native tests only (the app's binding lives in
// src/hcs/computecore). Types are anonymous so nothing here claims a process-global koffi type name.
import koffi from 'koffi';
import { COMPUTECORE_EXPORTS, type ComputecoreExport } from '../../../src/hcs/computecore/export-names.ts';
import type { Out, Pointer, ProcessInformationValue } from './ffi.ts';
import { ProcessInformation } from './ffi.ts';

/** HCS_EVENT: `u32 Type` @0, `PCWSTR EventData` @8, `HCS_OPERATION Operation` @16. */
export const HcsEvent = koffi.struct({
  Type: 'uint32_t',
  EventData: 'const char16_t *',
  Operation: 'void *',
});
export interface HcsEventValue {
  Type: number;
  EventData: string | null;
  Operation: Pointer;
}
/** `void HCS_EVENT_CALLBACK(HCS_EVENT *event, void *context)`; koffi hands the event over as a pointer. */
export const EventCallbackPointer = koffi.pointer(koffi.proto('void', [koffi.pointer(HcsEvent), 'void *']));
/** `void HCS_OPERATION_COMPLETION(HCS_OPERATION operation, void *context)` */
export const CompletionPointer = koffi.pointer(koffi.proto('void', ['void *', 'void *']));

export const CreateOptions1 = koffi.struct({
  Version: 'int32_t',
  UserToken: 'void *',
  SecurityDescriptor: 'void *',
  CallbackOptions: 'uint32_t',
  CallbackContext: 'void *',
  Callback: EventCallbackPointer,
});

/** Reads the HCS_EVENT a callback was given (valid during the callback only). */
export function readEvent(pointer: unknown): HcsEventValue {
  return koffi.decode(pointer, HcsEvent) as HcsEventValue;
}

const outPointer = koffi.out(koffi.pointer('void *'));
const outProcessInformation = koffi.out(koffi.pointer(ProcessInformation));
const str16 = 'const char16_t *';

interface AsyncFn<A extends unknown[], R> {
  (...args: A): R;
  async: (...args: [...A, (err: unknown, result: R) => void]) => void;
}

type Op = Pointer;
type H = Pointer;
type Info = Partial<ProcessInformationValue> | null;

export interface ComputecoreSim {
  HcsCreateOperation: AsyncFn<[Pointer, bigint | null], Op>;
  HcsCloseOperation: AsyncFn<[Op], void>;
  HcsGetOperationContext: AsyncFn<[Op], Pointer>;
  HcsSetOperationContext: AsyncFn<[Op, Pointer], number>;
  HcsGetComputeSystemFromOperation: AsyncFn<[Op], H>;
  HcsGetProcessFromOperation: AsyncFn<[Op], H>;
  HcsGetOperationType: AsyncFn<[Op], number>;
  HcsGetOperationId: AsyncFn<[Op], bigint | number>;
  HcsGetOperationResult: AsyncFn<[Op, Out | null], number>;
  HcsGetOperationResultAndProcessInfo: AsyncFn<[Op, Info, Out | null], number>;
  HcsWaitForOperationResult: AsyncFn<[Op, number, Out | null], number>;
  HcsWaitForOperationResultAndProcessInfo: AsyncFn<[Op, number, Info, Out | null], number>;
  HcsSetOperationCallback: AsyncFn<[Op, Pointer, bigint | null], number>;
  HcsCancelOperation: AsyncFn<[Op], number>;
  HcsAddResourceToOperation: AsyncFn<[Op, number, string | null, Pointer], number>;
  HcsEnumerateComputeSystems: AsyncFn<[string | null, Op], number>;
  HcsEnumerateComputeSystemsInNamespace: AsyncFn<[string | null, string | null, Op], number>;
  HcsCreateComputeSystem: AsyncFn<[string | null, string | null, Op, Pointer, Out | null], number>;
  HcsCreateComputeSystemInNamespace: AsyncFn<
    [string | null, string | null, string | null, Op, Record<string, unknown> | null, Out | null],
    number
  >;
  HcsOpenComputeSystem: AsyncFn<[string | null, number, Out | null], number>;
  HcsCloseComputeSystem: AsyncFn<[H], void>;
  HcsStartComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsShutDownComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsTerminateComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsCrashComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsPauseComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsResumeComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsSaveComputeSystem: AsyncFn<[H, Op, string | null], number>;
  HcsGetComputeSystemProperties: AsyncFn<[H, Op, string | null], number>;
  HcsModifyComputeSystem: AsyncFn<[H, Op, string | null, Pointer], number>;
  HcsWaitForComputeSystemExit: AsyncFn<[H, number, Out | null], number>;
  HcsSetComputeSystemCallback: AsyncFn<[H, number, Pointer, bigint | null], number>;
  HcsCreateProcess: AsyncFn<[H, string | null, Op, Pointer, Out | null], number>;
  HcsOpenProcess: AsyncFn<[H, number, number, Out | null], number>;
  HcsCloseProcess: AsyncFn<[H], void>;
  HcsTerminateProcess: AsyncFn<[H, Op, string | null], number>;
  HcsSignalProcess: AsyncFn<[H, Op, string | null], number>;
  HcsGetProcessInfo: AsyncFn<[H, Op], number>;
  HcsGetProcessProperties: AsyncFn<[H, Op, string | null], number>;
  HcsModifyProcess: AsyncFn<[H, Op, string | null], number>;
  HcsSetProcessCallback: AsyncFn<[H, number, Pointer, bigint | null], number>;
  HcsWaitForProcessExit: AsyncFn<[H, number, Out | null], number>;
  HcsGetServiceProperties: AsyncFn<[string | null, Out | null], number>;
  HcsModifyServiceSettings: AsyncFn<[string | null, Out | null], number>;
  HcsCreateEmptyGuestStateFile: AsyncFn<[string | null], number>;
  HcsGrantVmAccess: AsyncFn<[string | null, string | null], number>;
  HcsGetProcessorCompatibilityFromSavedState: AsyncFn<[string | null, Out | null], number>;
  CoTaskMemFree: (p: Pointer) => void;
  LocalFree: (p: Pointer) => Pointer;
  SimConnectionState: () => number;
  SimLiveOperations: () => number;
  SimLiveHandles: () => number;
}

/** The newer exports, declared apart: the base build lacks them, and declaring one there throws. */
export interface ComputecoreNewer {
  HcsCreateOperationWithNotifications: AsyncFn<[number, Pointer, bigint | null], Op>;
  HcsGetOperationProperties: AsyncFn<[Op, string | null, Out | null], number>;
  HcsInitializeLiveMigrationOnSource: AsyncFn<[H, Op, string | null], number>;
  HcsSubmitWerReport: AsyncFn<[string | null], number>;
}

/** The exports newer Windows builds added to computecore.dll (the simulator's "base" library leaves them out). */
export const NEWER_EXPORTS = [
  'HcsWaitForComputeSystemExit',
  'HcsWaitForProcessExit',
  'HcsCreateOperationWithNotifications',
  'HcsGetOperationProperties',
  'HcsInitializeLiveMigrationOnSource',
  'HcsStartLiveMigrationOnSource',
  'HcsStartLiveMigrationTransfer',
  'HcsFinalizeLiveMigration',
  'HcsCancelLiveMigration',
  'HcsSubmitWerReport',
] as const satisfies readonly ComputecoreExport[];

/**
 * The exports an older computecore.dll has (the simulator's "base" library): every export the app's binding
 * knows — its list is the one home of the names — but the newer ones above.
 */
export const BASE_EXPORTS = COMPUTECORE_EXPORTS.filter(
  (name) => !(NEWER_EXPORTS as readonly string[]).includes(name),
);

export function loadComputecoreSim(path: string): ComputecoreSim {
  const lib = koffi.load(path);
  const f = (name: string, result: unknown, params: unknown[]) =>
    lib.func(name, result as string, params as string[]) as never;
  const H = 'void *';
  return {
    HcsCreateOperation: f('HcsCreateOperation', H, ['void *', CompletionPointer]),
    HcsCloseOperation: f('HcsCloseOperation', 'void', [H]),
    HcsGetOperationContext: f('HcsGetOperationContext', 'void *', [H]),
    HcsSetOperationContext: f('HcsSetOperationContext', 'int32_t', [H, 'void *']),
    HcsGetComputeSystemFromOperation: f('HcsGetComputeSystemFromOperation', H, [H]),
    HcsGetProcessFromOperation: f('HcsGetProcessFromOperation', H, [H]),
    HcsGetOperationType: f('HcsGetOperationType', 'int32_t', [H]),
    HcsGetOperationId: f('HcsGetOperationId', 'uint64_t', [H]),
    HcsGetOperationResult: f('HcsGetOperationResult', 'int32_t', [H, outPointer]),
    HcsGetOperationResultAndProcessInfo: f('HcsGetOperationResultAndProcessInfo', 'int32_t', [
      H,
      outProcessInformation,
      outPointer,
    ]),
    HcsWaitForOperationResult: f('HcsWaitForOperationResult', 'int32_t', [H, 'uint32_t', outPointer]),
    HcsWaitForOperationResultAndProcessInfo: f('HcsWaitForOperationResultAndProcessInfo', 'int32_t', [
      H,
      'uint32_t',
      outProcessInformation,
      outPointer,
    ]),
    HcsSetOperationCallback: f('HcsSetOperationCallback', 'int32_t', [H, 'void *', CompletionPointer]),
    HcsCancelOperation: f('HcsCancelOperation', 'int32_t', [H]),
    HcsAddResourceToOperation: f('HcsAddResourceToOperation', 'int32_t', [H, 'uint32_t', str16, 'void *']),
    HcsEnumerateComputeSystems: f('HcsEnumerateComputeSystems', 'int32_t', [str16, H]),
    HcsEnumerateComputeSystemsInNamespace: f('HcsEnumerateComputeSystemsInNamespace', 'int32_t', [
      str16,
      str16,
      H,
    ]),
    HcsCreateComputeSystem: f('HcsCreateComputeSystem', 'int32_t', [str16, str16, H, 'void *', outPointer]),
    HcsCreateComputeSystemInNamespace: f('HcsCreateComputeSystemInNamespace', 'int32_t', [
      str16,
      str16,
      str16,
      H,
      koffi.pointer(CreateOptions1),
      outPointer,
    ]),
    HcsOpenComputeSystem: f('HcsOpenComputeSystem', 'int32_t', [str16, 'uint32_t', outPointer]),
    HcsCloseComputeSystem: f('HcsCloseComputeSystem', 'void', [H]),
    HcsStartComputeSystem: f('HcsStartComputeSystem', 'int32_t', [H, H, str16]),
    HcsShutDownComputeSystem: f('HcsShutDownComputeSystem', 'int32_t', [H, H, str16]),
    HcsTerminateComputeSystem: f('HcsTerminateComputeSystem', 'int32_t', [H, H, str16]),
    HcsCrashComputeSystem: f('HcsCrashComputeSystem', 'int32_t', [H, H, str16]),
    HcsPauseComputeSystem: f('HcsPauseComputeSystem', 'int32_t', [H, H, str16]),
    HcsResumeComputeSystem: f('HcsResumeComputeSystem', 'int32_t', [H, H, str16]),
    HcsSaveComputeSystem: f('HcsSaveComputeSystem', 'int32_t', [H, H, str16]),
    HcsGetComputeSystemProperties: f('HcsGetComputeSystemProperties', 'int32_t', [H, H, str16]),
    HcsModifyComputeSystem: f('HcsModifyComputeSystem', 'int32_t', [H, H, str16, 'void *']),
    HcsWaitForComputeSystemExit: f('HcsWaitForComputeSystemExit', 'int32_t', [H, 'uint32_t', outPointer]),
    HcsSetComputeSystemCallback: f('HcsSetComputeSystemCallback', 'int32_t', [
      H,
      'uint32_t',
      'void *',
      EventCallbackPointer,
    ]),
    HcsCreateProcess: f('HcsCreateProcess', 'int32_t', [H, str16, H, 'void *', outPointer]),
    HcsOpenProcess: f('HcsOpenProcess', 'int32_t', [H, 'uint32_t', 'uint32_t', outPointer]),
    HcsCloseProcess: f('HcsCloseProcess', 'void', [H]),
    HcsTerminateProcess: f('HcsTerminateProcess', 'int32_t', [H, H, str16]),
    HcsSignalProcess: f('HcsSignalProcess', 'int32_t', [H, H, str16]),
    HcsGetProcessInfo: f('HcsGetProcessInfo', 'int32_t', [H, H]),
    HcsGetProcessProperties: f('HcsGetProcessProperties', 'int32_t', [H, H, str16]),
    HcsModifyProcess: f('HcsModifyProcess', 'int32_t', [H, H, str16]),
    HcsSetProcessCallback: f('HcsSetProcessCallback', 'int32_t', [
      H,
      'uint32_t',
      'void *',
      EventCallbackPointer,
    ]),
    HcsWaitForProcessExit: f('HcsWaitForProcessExit', 'int32_t', [H, 'uint32_t', outPointer]),
    HcsGetServiceProperties: f('HcsGetServiceProperties', 'int32_t', [str16, outPointer]),
    HcsModifyServiceSettings: f('HcsModifyServiceSettings', 'int32_t', [str16, outPointer]),
    HcsCreateEmptyGuestStateFile: f('HcsCreateEmptyGuestStateFile', 'int32_t', [str16]),
    HcsGrantVmAccess: f('HcsGrantVmAccess', 'int32_t', [str16, str16]),
    HcsGetProcessorCompatibilityFromSavedState: f('HcsGetProcessorCompatibilityFromSavedState', 'int32_t', [
      str16,
      outPointer,
    ]),
    CoTaskMemFree: f('CoTaskMemFree', 'void', ['void *']),
    LocalFree: f('LocalFree', 'void *', ['void *']),
    SimConnectionState: f('SimConnectionState', 'int32_t', []),
    SimLiveOperations: f('SimLiveOperations', 'int32_t', []),
    SimLiveHandles: f('SimLiveHandles', 'int32_t', []),
  };
}

export function loadComputecoreNewer(path: string): ComputecoreNewer {
  const lib = koffi.load(path);
  const H = 'void *';
  return {
    HcsCreateOperationWithNotifications: lib.func('HcsCreateOperationWithNotifications', H, [
      'uint32_t',
      'void *',
      EventCallbackPointer,
    ]) as never,
    HcsGetOperationProperties: lib.func('HcsGetOperationProperties', 'int32_t', [
      H,
      str16,
      outPointer,
    ]) as never,
    HcsInitializeLiveMigrationOnSource: lib.func('HcsInitializeLiveMigrationOnSource', 'int32_t', [
      H,
      H,
      str16,
    ]) as never,
    HcsSubmitWerReport: lib.func('HcsSubmitWerReport', 'int32_t', [str16]) as never,
  };
}

/** Whether a library exports `name` (koffi throws when declaring a missing symbol). */
export function hasExport(path: string, name: string): boolean {
  try {
    koffi.load(path).func(name, 'void', []);
    return true;
  } catch {
    return false;
  }
}
