/**
 * Ends the process even while a native call is stuck. koffi's async calls run on libuv's thread pool, and
 * Node's process.exit() joins that pool on the way out (uv_library_shutdown), so one HCS call that never
 * returns keeps the process alive forever after process.exit(). Terminating at the OS level skips that join:
 * TerminateProcess on Windows, _exit(2) elsewhere. Output is flushed first.
 */
import { win32 } from 'node:path';
import koffi from 'koffi';

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

export async function hardExit(code: number): Promise<never> {
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  if (process.platform === 'win32') {
    const systemRoot = process.env.SystemRoot ?? process.env.SYSTEMROOT ?? 'C:\\Windows';
    const kernel32 = koffi.load(win32.join(systemRoot, 'System32', 'kernel32.dll'));
    const GetCurrentProcess = kernel32.func('__stdcall', 'GetCurrentProcess', 'void *', []);
    const TerminateProcess = kernel32.func('__stdcall', 'TerminateProcess', 'bool', ['void *', 'uint32_t']);
    TerminateProcess(GetCurrentProcess(), code >>> 0);
  } else {
    // The host executable's global scope includes the C library, whichever it is (glibc, musl, libSystem).
    koffi.load(null).func('void _exit(int status)')(code);
  }
  // Not reached; keeps the type honest if the OS call somehow returned.
  process.exit(code);
}
