/**
 * The koffi declarations of vmcompute.dll's 26 exports (docs/hcs/vmcompute.md#exports) and its notification
 * callback prototype. Every type is anonymous, so nothing here claims one of koffi's process-global type names
 * (another module in the same process may declare "HANDLE" or "HRESULT" itself). Loaded once, on first use.
 * CoTaskMemFree and HCS_PROCESS_INFORMATION, which computecore.dll shares, are declared in ../ffi/.
 */
import koffi from 'koffi';
import { loadHcsStrings, type HcsStrings } from '../ffi/hcs-strings.ts';
import { keepAsyncMemoryResident } from '../ffi/koffi-memory.ts';
import type { KoffiFunction, KoffiTypeSpec } from '../ffi/koffi-types.ts';
import { processInformationType } from '../ffi/process-information.ts';
import { checkLibraryPresent, vmcomputeLibraryPath } from './loader.ts';

/** vmcompute.dll's exports, by name. */
export type VmcomputeExport =
  | 'HcsEnumerateComputeSystems'
  | 'HcsCreateComputeSystem'
  | 'HcsOpenComputeSystem'
  | 'HcsCloseComputeSystem'
  | 'HcsStartComputeSystem'
  | 'HcsShutdownComputeSystem'
  | 'HcsTerminateComputeSystem'
  | 'HcsPauseComputeSystem'
  | 'HcsResumeComputeSystem'
  | 'HcsGetComputeSystemProperties'
  | 'HcsModifyComputeSystem'
  | 'HcsModifyServiceSettings'
  | 'HcsRegisterComputeSystemCallback'
  | 'HcsUnregisterComputeSystemCallback'
  | 'HcsSaveComputeSystem'
  | 'HcsCreateProcess'
  | 'HcsOpenProcess'
  | 'HcsCloseProcess'
  | 'HcsTerminateProcess'
  | 'HcsSignalProcess'
  | 'HcsGetProcessInfo'
  | 'HcsGetProcessProperties'
  | 'HcsModifyProcess'
  | 'HcsGetServiceProperties'
  | 'HcsRegisterProcessCallback'
  | 'HcsUnregisterProcessCallback';

export interface Bindings {
  readonly libraryPath: string;
  readonly exports: Readonly<Record<VmcomputeExport, KoffiFunction>>;
  /** Decoding and freeing the strings HCS allocates (CoTaskMemFree). */
  readonly strings: HcsStrings;
  /** The callback type to pass to koffi.register. */
  readonly callbackPointerType: ReturnType<typeof koffi.pointer>;
}

/** A `const char16_t *` input (UTF-16, NUL-terminated, marshalled by koffi from a JS string or null). */
const PCWSTR = 'const char16_t *';
/** Handles are pointer-sized and opaque: BigInt in JS, null for NULL. */
const HANDLE = 'void *';
const HRESULT = 'int32_t';

let loaded: Bindings | null = null;

/**
 * Loads the library (`explicitPath`, else the platform's default) and declares everything, once per process.
 * Throws a clear Error if it is missing, or if another library is already loaded.
 */
export function loadBindings(explicitPath?: string): Bindings {
  const libraryPath = vmcomputeLibraryPath(explicitPath);
  if (loaded) {
    if (explicitPath !== undefined && loaded.libraryPath !== libraryPath) {
      throw new Error(`the HCS binding already uses ${loaded.libraryPath}; cannot also load ${libraryPath}`);
    }
    return loaded;
  }
  checkLibraryPresent(libraryPath, explicitPath !== undefined);
  keepAsyncMemoryResident();
  const lib = koffi.load(libraryPath);

  const windows = process.platform === 'win32';
  // WINAPI is __stdcall; it only changes anything on 32-bit x86, and koffi ignores it elsewhere.
  const fn = (name: string, ret: string, args: KoffiTypeSpec[]): KoffiFunction =>
    windows ? lib.func('__stdcall', name, ret, args) : lib.func(name, ret, args);

  // `_Out_ PWSTR*` and `_Out_ HANDLE*`: koffi writes the pointer (BigInt or null) into a one-element array.
  const OutPtr = koffi.out(koffi.pointer(HANDLE));
  const OutProcessInformation = koffi.out(koffi.pointer(processInformationType()));
  // void CALLBACK (DWORD type, void *context, HRESULT status, PCWSTR data); data is owned by HCS (not freed).
  const callbackArgs: KoffiTypeSpec[] = ['uint32_t', 'void *', 'int32_t', PCWSTR];
  // No calling convention: HCS hosts are 64-bit, where there is only one.
  const Callback = koffi.proto('void', callbackArgs);
  const CallbackPtr = koffi.pointer(Callback);

  const exports: Record<VmcomputeExport, KoffiFunction> = {
    HcsEnumerateComputeSystems: fn('HcsEnumerateComputeSystems', HRESULT, [PCWSTR, OutPtr, OutPtr]),
    HcsCreateComputeSystem: fn('HcsCreateComputeSystem', HRESULT, [PCWSTR, PCWSTR, HANDLE, OutPtr, OutPtr]),
    HcsOpenComputeSystem: fn('HcsOpenComputeSystem', HRESULT, [PCWSTR, OutPtr, OutPtr]),
    HcsCloseComputeSystem: fn('HcsCloseComputeSystem', HRESULT, [HANDLE]),
    HcsStartComputeSystem: fn('HcsStartComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsShutdownComputeSystem: fn('HcsShutdownComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsTerminateComputeSystem: fn('HcsTerminateComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsPauseComputeSystem: fn('HcsPauseComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsResumeComputeSystem: fn('HcsResumeComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsGetComputeSystemProperties: fn('HcsGetComputeSystemProperties', HRESULT, [
      HANDLE,
      PCWSTR,
      OutPtr,
      OutPtr,
    ]),
    HcsModifyComputeSystem: fn('HcsModifyComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsModifyServiceSettings: fn('HcsModifyServiceSettings', HRESULT, [PCWSTR, OutPtr]),
    HcsRegisterComputeSystemCallback: fn('HcsRegisterComputeSystemCallback', HRESULT, [
      HANDLE,
      CallbackPtr,
      'void *',
      OutPtr,
    ]),
    HcsUnregisterComputeSystemCallback: fn('HcsUnregisterComputeSystemCallback', HRESULT, [HANDLE]),
    HcsSaveComputeSystem: fn('HcsSaveComputeSystem', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsCreateProcess: fn('HcsCreateProcess', HRESULT, [
      HANDLE,
      PCWSTR,
      OutProcessInformation,
      OutPtr,
      OutPtr,
    ]),
    HcsOpenProcess: fn('HcsOpenProcess', HRESULT, [HANDLE, 'uint32_t', OutPtr, OutPtr]),
    HcsCloseProcess: fn('HcsCloseProcess', HRESULT, [HANDLE]),
    HcsTerminateProcess: fn('HcsTerminateProcess', HRESULT, [HANDLE, OutPtr]),
    HcsSignalProcess: fn('HcsSignalProcess', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsGetProcessInfo: fn('HcsGetProcessInfo', HRESULT, [HANDLE, OutProcessInformation, OutPtr]),
    HcsGetProcessProperties: fn('HcsGetProcessProperties', HRESULT, [HANDLE, OutPtr, OutPtr]),
    HcsModifyProcess: fn('HcsModifyProcess', HRESULT, [HANDLE, PCWSTR, OutPtr]),
    HcsGetServiceProperties: fn('HcsGetServiceProperties', HRESULT, [PCWSTR, OutPtr, OutPtr]),
    HcsRegisterProcessCallback: fn('HcsRegisterProcessCallback', HRESULT, [
      HANDLE,
      CallbackPtr,
      'void *',
      OutPtr,
    ]),
    HcsUnregisterProcessCallback: fn('HcsUnregisterProcessCallback', HRESULT, [HANDLE]),
  };
  loaded = { libraryPath, exports, strings: loadHcsStrings(lib), callbackPointerType: CallbackPtr };
  return loaded;
}
