// koffi declarations of the two native libraries, for the native tests only (the app's binding lives in
// src/hcs/vmcompute). Types are anonymous so nothing here claims a process-global koffi type name.
import koffi from 'koffi';

export type Pointer = bigint | null;

/** `void HcsNotificationCallback(uint32_t type, void *context, int32_t status, const char16_t *data)` */
export const NotificationCallback = koffi.proto('void', [
  'uint32_t',
  'void *',
  'int32_t',
  'const char16_t *',
]);
export const NotificationCallbackPointer = koffi.pointer(NotificationCallback);

export const ProcessInformation = koffi.struct({
  ProcessId: 'uint32_t',
  Reserved: 'uint32_t',
  StdInput: 'void *',
  StdOutput: 'void *',
  StdError: 'void *',
});

export interface ProcessInformationValue {
  ProcessId: number;
  Reserved: number;
  StdInput: Pointer;
  StdOutput: Pointer;
  StdError: Pointer;
}

const outPointer = koffi.out(koffi.pointer('void *'));
const inOutPointer = koffi.inout(koffi.pointer('void *'));
const outProcessInformation = koffi.out(koffi.pointer(ProcessInformation));
const str16 = 'const char16_t *';

/** An out parameter: koffi writes the pointer into element 0 (a BigInt, or null for NULL). */
export type Out = [Pointer];
export const out = (): Out => [null];

interface AsyncFn<A extends unknown[], R> {
  (...args: A): R;
  async: (...args: [...A, (err: unknown, result: R) => void]) => void;
}

export interface VmcomputeSim {
  HcsEnumerateComputeSystems: AsyncFn<[string | null, Out | null, Out | null], number>;
  HcsCreateComputeSystem: AsyncFn<[string | null, string | null, Pointer, Out | null, Out | null], number>;
  HcsOpenComputeSystem: AsyncFn<[string | null, Out | null, Out | null], number>;
  /** The same export with in/out pointers: the library sees the caller's stale values and must clear them. */
  HcsOpenComputeSystemInOut: AsyncFn<[string | null, Out | null, Out | null], number>;
  HcsCloseComputeSystem: AsyncFn<[Pointer], number>;
  HcsStartComputeSystem: AsyncFn<[Pointer, string | null, Out | null], number>;
  HcsGetComputeSystemProperties: AsyncFn<[Pointer, string | null, Out | null, Out | null], number>;
  HcsRegisterComputeSystemCallback: AsyncFn<[Pointer, bigint | null, Pointer, Out | null], number>;
  HcsUnregisterComputeSystemCallback: AsyncFn<[Pointer], number>;
  HcsCreateProcess: AsyncFn<
    [Pointer, string | null, Partial<ProcessInformationValue> | null, Out | null, Out | null],
    number
  >;
  HcsGetProcessInfo: AsyncFn<[Pointer, Partial<ProcessInformationValue> | null, Out | null], number>;
  HcsCloseProcess: AsyncFn<[Pointer], number>;
  HcsRegisterProcessCallback: AsyncFn<[Pointer, bigint | null, Pointer, Out | null], number>;
  HcsUnregisterProcessCallback: AsyncFn<[Pointer], number>;
  CoTaskMemFree: (p: Pointer) => void;
  SimConnectionState: () => number;
  SimLiveRegistrations: () => number;
  /** Why the last connect was refused: NUL-terminated into the buffer; returns the full length. */
  SimLastConnectError: (buffer: Buffer, size: number) => number;
}

/** The library's last refusal, as text ('' when the last connect was not refused). */
export function lastConnectError(hcs: VmcomputeSim): string {
  const buffer = Buffer.alloc(1024);
  const length = hcs.SimLastConnectError(buffer, buffer.length);
  return buffer.subarray(0, Math.min(length, buffer.length - 1)).toString('utf8');
}

export function loadVmcomputeSim(path: string): VmcomputeSim {
  const lib = koffi.load(path);
  const f = (name: string, result: string, params: Parameters<typeof koffi.out>[0][]) =>
    lib.func(name, result, params) as never;
  return {
    HcsEnumerateComputeSystems: f('HcsEnumerateComputeSystems', 'int32_t', [str16, outPointer, outPointer]),
    HcsCreateComputeSystem: f('HcsCreateComputeSystem', 'int32_t', [
      str16,
      str16,
      'void *',
      outPointer,
      outPointer,
    ]),
    HcsOpenComputeSystem: f('HcsOpenComputeSystem', 'int32_t', [str16, outPointer, outPointer]),
    HcsOpenComputeSystemInOut: f('HcsOpenComputeSystem', 'int32_t', [str16, inOutPointer, inOutPointer]),
    HcsCloseComputeSystem: f('HcsCloseComputeSystem', 'int32_t', ['void *']),
    HcsStartComputeSystem: f('HcsStartComputeSystem', 'int32_t', ['void *', str16, outPointer]),
    HcsGetComputeSystemProperties: f('HcsGetComputeSystemProperties', 'int32_t', [
      'void *',
      str16,
      outPointer,
      outPointer,
    ]),
    HcsRegisterComputeSystemCallback: f('HcsRegisterComputeSystemCallback', 'int32_t', [
      'void *',
      NotificationCallbackPointer,
      'void *',
      outPointer,
    ]),
    HcsUnregisterComputeSystemCallback: f('HcsUnregisterComputeSystemCallback', 'int32_t', ['void *']),
    HcsCreateProcess: f('HcsCreateProcess', 'int32_t', [
      'void *',
      str16,
      outProcessInformation,
      outPointer,
      outPointer,
    ]),
    HcsGetProcessInfo: f('HcsGetProcessInfo', 'int32_t', ['void *', outProcessInformation, outPointer]),
    HcsCloseProcess: f('HcsCloseProcess', 'int32_t', ['void *']),
    HcsRegisterProcessCallback: f('HcsRegisterProcessCallback', 'int32_t', [
      'void *',
      NotificationCallbackPointer,
      'void *',
      outPointer,
    ]),
    HcsUnregisterProcessCallback: f('HcsUnregisterProcessCallback', 'int32_t', ['void *']),
    CoTaskMemFree: f('CoTaskMemFree', 'void', ['void *']),
    SimConnectionState: f('SimConnectionState', 'int32_t', []),
    SimLiveRegistrations: f('SimLiveRegistrations', 'int32_t', []),
    SimLastConnectError: f('SimLastConnectError', 'int32_t', ['void *', 'int32_t']),
  };
}

/** Calls a koffi function on libuv's thread pool. */
export function callAsync<A extends unknown[], R>(fn: AsyncFn<A, R>, ...args: A): Promise<R> {
  return new Promise((resolve, reject) => {
    fn.async(...args, (err: unknown, result: R) => (err ? reject(err) : resolve(result)));
  });
}

/** Reads a NUL-terminated UTF-16 string the library returned (null for NULL), without freeing it. */
export function readString16(pointer: Pointer): string | null {
  return pointer === null ? null : (koffi.decode(pointer, 'char16_t', -1) as string);
}

export interface SimHost {
  simhost_spawn: (
    cmdline: string,
    envp: (string | null)[] | null,
    cwd: string | null,
    flags: number,
    rows: number,
    cols: number,
    fds: Int32Array,
    masterFd: Int32Array,
  ) => number;
  simhost_sendmsg: (sockfd: number, buf: Buffer, len: number, fds: number[] | null, nfds: number) => number;
  simhost_reap: (pid: number, status: Int32Array) => number;
  simhost_resize: (masterFd: number, rows: number, cols: number) => number;
  simhost_close: (fd: number) => number;
  simhost_kill_group: (pid: number, sig: number) => number;
}

export const SPAWN_STDIN = 1;
export const SPAWN_STDOUT = 2;
export const SPAWN_STDERR = 4;
export const SPAWN_PTY = 8;

export function loadSimHost(path: string): SimHost {
  const lib = koffi.load(path);
  return {
    simhost_spawn: lib.func(
      'int32_t simhost_spawn(const char *cmdline, const char **envp, const char *cwd, int32_t flags, ' +
        'int32_t rows, int32_t cols, _Out_ int32_t *fds, _Out_ int32_t *masterFd)',
    ),
    simhost_sendmsg: lib.func(
      'int32_t simhost_sendmsg(int32_t sockfd, const uint8_t *buf, int32_t len, const int32_t *fds, int32_t nfds)',
    ),
    simhost_reap: lib.func('int32_t simhost_reap(int32_t pid, _Out_ int32_t *status)'),
    simhost_resize: lib.func('int32_t simhost_resize(int32_t masterFd, int32_t rows, int32_t cols)'),
    simhost_close: lib.func('int32_t simhost_close(int32_t fd)'),
    simhost_kill_group: lib.func('int32_t simhost_kill_group(int32_t pid, int32_t sig)'),
  };
}
