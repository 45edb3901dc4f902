/**
 * Strings HCS allocates (`_Out_ PWSTR*`: result documents, properties) belong to the caller, who frees them
 * with CoTaskMemFree (ole32.dll) once read. Both DLLs (vmcompute.dll and computecore.dll) hand them out the
 * same way; on the simulator the binding's own library exports a CoTaskMemFree with the same ABI.
 */
import koffi from 'koffi';
import { pointerOf } from './pointers.ts';
import type { KoffiLibrary } from './koffi-types.ts';
import { system32Path } from './system-dlls.ts';

export interface HcsStrings {
  /** Decodes a NUL-terminated UTF-16 string HCS allocated. */
  decode(ptr: bigint): string;
  /** Frees a string HCS allocated (CoTaskMemFree). Quick, so called synchronously. */
  free(ptr: bigint): void;
}

/**
 * CoTaskMemFree from ole32.dll in System32 on Windows; elsewhere from `simulatorLibrary`, the simulator's
 * stand-in for the DLL, which exports one.
 */
export function loadHcsStrings(simulatorLibrary: KoffiLibrary): HcsStrings {
  const windows = process.platform === 'win32';
  // WINAPI is __stdcall; it only changes anything on 32-bit x86, and koffi ignores it elsewhere.
  const CoTaskMemFree = windows
    ? koffi.load(system32Path('ole32.dll')).func('__stdcall', 'CoTaskMemFree', 'void', ['void *'])
    : simulatorLibrary.func('CoTaskMemFree', 'void', ['void *']);
  return {
    decode: (ptr) => koffi.decode(ptr, 'char16_t', -1) as string,
    free: (ptr) => {
      CoTaskMemFree(ptr);
    },
  };
}

/**
 * Reads the string a call wrote into a one-element out array (koffi's form of `_Out_ PWSTR*`) and frees it,
 * whatever the decoding does. null when HCS wrote NULL.
 */
export function takeHcsString(strings: HcsStrings, out: unknown[]): string | null {
  const ptr = pointerOf(out[0]);
  if (ptr === null) return null;
  try {
    return strings.decode(ptr);
  } finally {
    strings.free(ptr);
  }
}
