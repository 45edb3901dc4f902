/**
 * HCS_PROCESS_INFORMATION, the same struct in both DLLs: the pid and the stdio pipe handles HCS created for
 * a process. The handles become the caller's the moment the call returns, so anything nobody will own (a
 * failed call, a call the watchdog abandoned) is closed here.
 */
import { closeSync } from 'node:fs';
import koffi from 'koffi';
import type { KoffiTypeSpec } from './koffi-types.ts';
import { handleOf, isPresentHandle } from './pointers.ts';
import { system32Path } from './system-dlls.ts';

/** HCS_PROCESS_INFORMATION as JS holds it: the pid and the stdio handles (0 or INVALID_HANDLE_VALUE when absent). */
export interface ProcessInformation {
  processId: number;
  stdInput: bigint;
  stdOutput: bigint;
  stdError: bigint;
}

let structType: KoffiTypeSpec | null = null;

/** The koffi struct (x64: u32 ProcessId @0, u32 Reserved @4, HANDLE StdInput @8, StdOutput @16, StdError @24). */
export function processInformationType(): KoffiTypeSpec {
  // Anonymous, so no process-global koffi type name is claimed.
  structType ??= koffi.struct({
    ProcessId: 'uint32_t',
    Reserved: 'uint32_t',
    StdInput: 'void *',
    StdOutput: 'void *',
    StdError: 'void *',
  });
  return structType;
}

/** Reads the object koffi filled in for an `_Out_ HCS_PROCESS_INFORMATION*`. */
export function readProcessInformation(raw: Record<string, unknown>): ProcessInformation {
  return {
    processId: Number(raw.ProcessId ?? 0),
    stdInput: handleOf(raw.StdInput),
    stdOutput: handleOf(raw.StdOutput),
    stdError: handleOf(raw.StdError),
  };
}

let closeHandle: ((handle: bigint) => void) | null = null;

/** Closes an OS handle HCS handed over (CloseHandle on Windows; a file descriptor on the simulator). */
export function closeOsHandle(handle: bigint): void {
  if (closeHandle === null) {
    if (process.platform === 'win32') {
      const CloseHandle = koffi
        .load(system32Path('kernel32.dll'))
        .func('__stdcall', 'CloseHandle', 'bool', ['void *']);
      closeHandle = (h) => {
        CloseHandle(h);
      };
    } else {
      closeHandle = (h) => closeSync(Number(h));
    }
  }
  closeHandle(handle);
}

/** Closes every stdio handle present in `info` (best effort: one already closed is skipped). */
export function closeProcessStdio(info: ProcessInformation | null): void {
  if (!info) return;
  for (const h of [info.stdInput, info.stdOutput, info.stdError]) {
    if (!isPresentHandle(h)) continue;
    try {
      closeOsHandle(h);
    } catch {
      // Already closed.
    }
  }
}
