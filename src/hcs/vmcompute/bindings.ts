/**
 * The koffi declarations of vmcompute.dll's 26 exports (hcs-reference §1.2), CoTaskMemFree, the
 * HCS_PROCESS_INFORMATION struct and the notification callback prototype. Every type is anonymous, so
 * nothing here claims one of koffi's process-global type names (another module in the same process may
 * declare "HANDLE" or "HRESULT" itself). Loaded once, on first use.
 */
import { closeSync } from 'node:fs';
import { win32 } from 'node:path';
import koffi from 'koffi';
import { checkLibraryPresent, coTaskMemFreeLibraryPath, vmcomputeLibraryPath } from './loader.ts';

type KoffiFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;

export interface Bindings {
  readonly libraryPath: string;
  readonly HcsEnumerateComputeSystems: KoffiFunction;
  readonly HcsCreateComputeSystem: KoffiFunction;
  readonly HcsOpenComputeSystem: KoffiFunction;
  readonly HcsCloseComputeSystem: KoffiFunction;
  readonly HcsStartComputeSystem: KoffiFunction;
  readonly HcsShutdownComputeSystem: KoffiFunction;
  readonly HcsTerminateComputeSystem: KoffiFunction;
  readonly HcsPauseComputeSystem: KoffiFunction;
  readonly HcsResumeComputeSystem: KoffiFunction;
  readonly HcsGetComputeSystemProperties: KoffiFunction;
  readonly HcsModifyComputeSystem: KoffiFunction;
  readonly HcsModifyServiceSettings: KoffiFunction;
  readonly HcsRegisterComputeSystemCallback: KoffiFunction;
  readonly HcsUnregisterComputeSystemCallback: KoffiFunction;
  readonly HcsSaveComputeSystem: KoffiFunction;
  readonly HcsCreateProcess: KoffiFunction;
  readonly HcsOpenProcess: KoffiFunction;
  readonly HcsCloseProcess: KoffiFunction;
  readonly HcsTerminateProcess: KoffiFunction;
  readonly HcsSignalProcess: KoffiFunction;
  readonly HcsGetProcessInfo: KoffiFunction;
  readonly HcsGetProcessProperties: KoffiFunction;
  readonly HcsModifyProcess: KoffiFunction;
  readonly HcsGetServiceProperties: KoffiFunction;
  readonly HcsRegisterProcessCallback: KoffiFunction;
  readonly HcsUnregisterProcessCallback: KoffiFunction;
  /** Frees a string HCS allocated (CoTaskMemFree). Quick, so called synchronously. */
  freeString(ptr: bigint): void;
  /** Decodes a NUL-terminated UTF-16 string HCS allocated. */
  decodeString(ptr: bigint): string;
  /** Closes an OS handle HCS handed over (a stdio pipe), e.g. when nobody will take ownership of it. */
  closeOsHandle(handle: bigint): void;
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
  const lib = koffi.load(libraryPath);
  const freeLibPath = coTaskMemFreeLibraryPath(libraryPath);
  const freeLib = freeLibPath === libraryPath ? lib : koffi.load(freeLibPath);

  const windows = process.platform === 'win32';
  // WINAPI is __stdcall; it only changes anything on 32-bit x86, and koffi ignores it elsewhere.
  type TypeSpec = Parameters<typeof koffi.sizeof>[0];
  const fn = (name: string, ret: string, args: TypeSpec[]): KoffiFunction =>
    windows ? lib.func('__stdcall', name, ret, args) : lib.func(name, ret, args);

  // `_Out_ PWSTR*` and `_Out_ HANDLE*`: koffi writes the pointer (BigInt or null) into a one-element array.
  const OutPtr = koffi.out(koffi.pointer(HANDLE));
  const ProcessInformation = koffi.struct({
    ProcessId: 'uint32_t',
    Reserved: 'uint32_t',
    StdInput: HANDLE,
    StdOutput: HANDLE,
    StdError: HANDLE,
  });
  const OutProcessInformation = koffi.out(koffi.pointer(ProcessInformation));
  // void CALLBACK (DWORD type, void *context, HRESULT status, PCWSTR data); data is owned by HCS (not freed).
  const callbackArgs: TypeSpec[] = ['uint32_t', 'void *', 'int32_t', PCWSTR];
  // No calling convention: HCS hosts are 64-bit, where there is only one.
  const Callback = koffi.proto('void', callbackArgs);
  const CallbackPtr = koffi.pointer(Callback);

  const CoTaskMemFree = windows
    ? freeLib.func('__stdcall', 'CoTaskMemFree', 'void', ['void *'])
    : freeLib.func('CoTaskMemFree', 'void', ['void *']);

  let closeOsHandle: (handle: bigint) => void;
  if (windows) {
    const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
    const kernel32 = koffi.load(win32.join(systemRoot, 'System32', 'kernel32.dll'));
    const CloseHandle = kernel32.func('__stdcall', 'CloseHandle', 'bool', ['void *']);
    closeOsHandle = (h) => {
      CloseHandle(h);
    };
  } else {
    closeOsHandle = (h) => closeSync(Number(h));
  }

  loaded = {
    libraryPath,
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
    freeString: (ptr) => {
      CoTaskMemFree(ptr);
    },
    decodeString: (ptr) => koffi.decode(ptr, 'char16_t', -1) as string,
    closeOsHandle,
    callbackPointerType: CallbackPtr,
  };
  return loaded;
}
