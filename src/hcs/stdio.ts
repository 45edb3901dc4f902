/**
 * Turns the stdio handles of HCS_PROCESS_INFORMATION into Node streams with backpressure. This is the one
 * place that chooses how: on the simulator the handles are POSIX descriptors (pipes, or a pty master for an
 * emulated console); on Windows they are pipe HANDLEs, converted by stdio-windows.ts. Either way the streams
 * are driven by libuv's own I/O (epoll / IOCP), never by blocking reads on the thread pool.
 */
import { closeSync, fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import tty from 'node:tty';
import { isPresentHandle } from './ffi/pointers.ts';
import type { ProcessInformation } from './vmcompute/types.ts';

export interface ProcessStdio {
  stdin: Writable | null;
  stdout: Readable | null;
  stderr: Readable | null;
}

/** Opens one OS handle as a stream (`readable` for stdout/stderr, writable for stdin). */
export type HandleOpener = (handle: bigint, readable: boolean) => Readable | Writable;
/** Closes an OS handle nobody took ownership of. */
export type HandleCloser = (handle: bigint) => void;

type PtyModule = typeof import('./stdio-pty.ts');

function isTty(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && tty.isatty(fd);
  } catch {
    return false; // a bad descriptor fails when it is opened, where the others are cleaned up
  }
}

/** The POSIX opener: pipes (and sockets) as net.Socket; an emulated console's pty master via stdio-pty. */
function posixOpener(pty: PtyModule | null): HandleOpener {
  return (handle, readable) => {
    const fd = Number(handle);
    if (pty && isTty(fd)) {
      pty.setNonBlocking(fd);
      // Reading a pty through libuv's TTY handle is event-driven and safe; writing it is not (stdio-pty.ts).
      return readable ? new tty.ReadStream(fd) : new pty.PtyInput(fd);
    }
    return new Socket({ fd, readable, writable: !readable });
  };
}

function closePosix(handle: bigint): void {
  closeSync(Number(handle));
}

/**
 * Wraps the three handles (each may be absent: 0 or INVALID_HANDLE_VALUE). On any failure every stream
 * already made is destroyed and every handle not yet wrapped is closed, then the error is thrown; on success
 * the streams own the handles.
 */
export function wrapStdio(info: ProcessInformation, open: HandleOpener, close: HandleCloser): ProcessStdio {
  const handles = [info.stdInput, info.stdOutput, info.stdError];
  const streams: Array<Readable | Writable | null> = [null, null, null];
  try {
    handles.forEach((h, i) => {
      if (!isPresentHandle(h)) return;
      const s = open(h, i !== 0);
      // A stream error (EPIPE after the process exited, EIO on a pty whose child is gone) must never
      // become an uncaught exception; readers and writers still see it through their own callbacks.
      s.on('error', () => {});
      streams[i] = s;
    });
  } catch (e) {
    handles.forEach((h, i) => {
      const s = streams[i];
      if (s) s.destroy();
      else if (isPresentHandle(h)) {
        try {
          close(h);
        } catch {
          // Already closed.
        }
      }
    });
    throw e;
  }
  return {
    stdin: streams[0] as Writable | null,
    stdout: streams[1] as Readable | null,
    stderr: streams[2] as Readable | null,
  };
}

/** The streams for a process's stdio handles on this platform. */
export async function openStdio(info: ProcessInformation): Promise<ProcessStdio> {
  if (process.platform === 'win32') {
    const windows = await import('./stdio-windows.ts');
    return wrapStdio(info, windows.openWindowsHandle, windows.closeWindowsHandle);
  }
  const handles = [info.stdInput, info.stdOutput, info.stdError].filter(isPresentHandle);
  // Only an emulated console needs the pty support (and the native fcntl it loads).
  const pty = handles.some((h) => isTty(Number(h))) ? await import('./stdio-pty.ts') : null;
  return wrapStdio(info, posixOpener(pty), closePosix);
}
