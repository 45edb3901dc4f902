/**
 * Windows only (cannot run on the simulator's machines, so kept small and separate): HCS's stdio handles
 * are pipe HANDLEs, but net.Socket takes a C runtime descriptor from Node's own CRT table. libuv's
 * uv_open_osfhandle, exported by node.exe and electron.exe (koffi.load(null) is the host executable), makes
 * exactly that descriptor; _open_osfhandle from another DLL would fill a different CRT's table
 * (docs/hcs/koffi.md#stdio-handles). libuv then reads the pipe through IOCP or its own pipe threads, off the thread pool. The socket owns
 * the handle from then on and closes it.
 */
import { win32 } from 'node:path';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import koffi from 'koffi';

type Native = { uvOpenOsfHandle: (handle: bigint) => number; closeHandle: (handle: bigint) => boolean };
let native: Native | null = null;

function load(): Native {
  if (native) return native;
  const host = koffi.load(null);
  const uvOpenOsfHandle = host.func('int uv_open_osfhandle(void *os_fd)');
  const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
  const kernel32 = koffi.load(win32.join(systemRoot, 'System32', 'kernel32.dll'));
  const CloseHandle = kernel32.func('__stdcall', 'CloseHandle', 'bool', ['void *']);
  native = {
    uvOpenOsfHandle: (h) => uvOpenOsfHandle(h) as number,
    closeHandle: (h) => CloseHandle(h) as boolean,
  };
  return native;
}

export function openWindowsHandle(handle: bigint, readable: boolean): Readable | Writable {
  const fd = load().uvOpenOsfHandle(handle);
  if (fd < 0) throw new Error(`uv_open_osfhandle failed for an HCS stdio handle (error ${fd})`);
  return new Socket({ fd, readable, writable: !readable });
}

export function closeWindowsHandle(handle: bigint): void {
  load().closeHandle(handle);
}
