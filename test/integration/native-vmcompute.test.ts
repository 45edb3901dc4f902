// libvmcompute_sim.so through koffi against a fake service: strings, out parameters, concurrency,
// notifications, disconnect/reconnect, and descriptors passed with SCM_RIGHTS.
import koffi from 'koffi';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { FakeService } from './native/fake-service.ts';
import type { Request } from './native/fake-service.ts';
import {
  callAsync,
  loadSimHost,
  loadVmcomputeSim,
  NotificationCallbackPointer,
  out,
  readString16,
  SPAWN_STDERR,
  SPAWN_STDIN,
  SPAWN_STDOUT,
} from './native/ffi.ts';
import type { Out, Pointer, ProcessInformationValue, SimHost, VmcomputeSim } from './native/ffi.ts';
import { encodeFrame, fd, fieldI64, fieldStr, i64, KIND_RESPONSE, nul, str } from './native/frames.ts';
import { descriptorEntries, descriptorsBeyond, hex, isCloseOnExec, until } from './native/util.ts';

const S_OK = 0;
const PENDING = 0xc0370103 | 0;
const SYSTEM_NOT_FOUND = 0xc037010e | 0;
const SERVER_UNAVAILABLE = 0x800706ba | 0;
const CALL_FAILED = 0x800706be | 0;
const INVALID_HANDLE = 0x80070006 | 0;
const E_POINTER = 0x80004003 | 0;
const SERVICE_DISCONNECT = 0x01000000;
const SYSTEM_EXITED = 1;
const START_COMPLETED = 3;

const OP = {
  enumerate: 1,
  open: 3,
  close: 4,
  start: 5,
  properties: 10,
  register: 13,
  unregister: 14,
  createProcess: 16,
  closeProcess: 18,
  processInfo: 21,
  registerProcess: 25,
} as const;

const execFileAsync = promisify(execFile);

let hcs: VmcomputeSim;
let host: SimHost;
let service: FakeService;

interface Note {
  type: number;
  context: bigint | null;
  status: number;
  data: string | null;
}

/** A koffi callback that records notifications; release() follows the safe order (native first). */
function recorder() {
  const notes: Note[] = [];
  let waiter: { count: number; resolve: () => void } | null = null;
  const pointer = koffi.register(
    (type: number, context: bigint | null, status: number, data: string | null) => {
      notes.push({ type, context, status, data });
      if (waiter && notes.length >= waiter.count) waiter.resolve();
    },
    NotificationCallbackPointer,
  ) as bigint;
  return {
    pointer,
    notes,
    /** Resolves once `count` notifications arrived (the pending promise also keeps the event loop alive). */
    received(count: number): Promise<void> {
      if (notes.length >= count) return Promise.resolve();
      return new Promise((resolve) => (waiter = { count, resolve }));
    },
    release: () => koffi.unregister(pointer),
  };
}

/** Registers a system callback; the fake service accepts it with `registration`. */
async function register(handle: bigint, callback: bigint, context: bigint, registration: bigint) {
  const handleOut = out();
  const call = callAsync(hcs.HcsRegisterComputeSystemCallback, handle, callback, context, handleOut);
  const { connection, frame } = await service.nextRequest(OP.register);
  expect(fieldI64(frame, 0)).toBe(handle);
  connection.respond(frame, S_OK, [i64(registration)]);
  expect(hex(await call)).toBe(hex(S_OK));
  expect(handleOut[0]).not.toBeNull();
  return { handle: handleOut[0], connection };
}

async function unregister(registration: Pointer, serviceId: bigint) {
  const call = callAsync(hcs.HcsUnregisterComputeSystemCallback, registration);
  const { connection, frame } = await service.nextRequest(OP.unregister);
  expect(fieldI64(frame, 0)).toBe(serviceId);
  connection.respond(frame, S_OK, []);
  expect(hex(await call)).toBe(hex(S_OK));
}

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  hcs = loadVmcomputeSim(libs.vmcompute);
  host = loadSimHost(libs.simhost);
  service = await FakeService.start(host.simhost_sendmsg);
});

afterAll(async () => {
  await service?.close();
});

beforeEach(() => {
  service.onRequest = null;
  process.env.HCS_SIM_SOCKET = service.path;
});

describe('connecting', () => {
  // First in the file: the library has never connected yet.
  it('answers RPC_S_SERVER_UNAVAILABLE at once when the service cannot be reached', async () => {
    process.env.HCS_SIM_SOCKET = `${service.path}.missing`;
    const computeSystems = out();
    const result = out();
    const hr = await callAsync(hcs.HcsEnumerateComputeSystems, '', computeSystems, result);
    expect(hex(hr)).toBe(hex(SERVER_UNAVAILABLE));
    expect(computeSystems[0]).toBeNull();
    expect(result[0]).toBeNull();
    process.env.HCS_SIM_SOCKET = '/tmp/' + 'x'.repeat(120); // longer than sun_path
    expect(hex(await callAsync(hcs.HcsEnumerateComputeSystems, '', null, null))).toBe(
      hex(SERVER_UNAVAILABLE),
    );
    const handle: Out = [0x1234n];
    const openResult: Out = [0x5678n];
    expect(hex(await callAsync(hcs.HcsOpenComputeSystemInOut, 'x', handle, openResult))).toBe(
      hex(SERVER_UNAVAILABLE),
    );
    expect([handle[0], openResult[0]]).toEqual([null, null]);
    expect(hcs.SimConnectionState()).toBe(0);
  });

  it('connects on the next call, reading $HCS_SIM_SOCKET anew, and says hello once', async () => {
    const connected = service.nextConnection();
    const call = callAsync(hcs.HcsEnumerateComputeSystems, '{}', null, null);
    const connection = await connected;
    const { frame } = await service.nextRequest(OP.enumerate);
    connection.respond(frame, S_OK, [str('[]'), nul]);
    expect(await call).toBe(S_OK);
    expect(connection.hello?.pid).toBe(BigInt(process.pid));
    expect(connection.hello?.name).toBe(readFileSync('/proc/self/comm', 'utf8').trim());
    expect(hcs.SimConnectionState()).toBe(1);
  });
});

describe('strings and out parameters', () => {
  it('round-trips non-ASCII text and surrogate pairs in both directions', async () => {
    const query = '{"Names":["vm-é-1","世界","😀 and 𝄞"]}';
    const computeSystems = out();
    const result = out();
    const call = callAsync(hcs.HcsEnumerateComputeSystems, query, computeSystems, result);
    const { connection, frame } = await service.nextRequest(OP.enumerate);
    expect(fieldStr(frame, 0)).toBe(query);
    connection.respond(frame, S_OK, [str(`[${query}]`), str('Ünïcødé 🚀')]);
    expect(await call).toBe(S_OK);
    expect(readString16(computeSystems[0])).toBe(`[${query}]`);
    expect(readString16(result[0])).toBe('Ünïcødé 🚀');
    hcs.CoTaskMemFree(computeSystems[0]);
    hcs.CoTaskMemFree(result[0]);
  });

  it('sends NULL strings as NULL fields and hands NULL answers out as NULL pointers', async () => {
    const computeSystems = out();
    const result = out();
    const call = callAsync(hcs.HcsEnumerateComputeSystems, null, computeSystems, result);
    const { connection, frame } = await service.nextRequest(OP.enumerate);
    expect(frame.fields).toEqual([nul]);
    connection.respond(frame, S_OK, [str(''), nul]);
    expect(await call).toBe(S_OK);
    expect(readString16(computeSystems[0])).toBe(''); // empty, not NULL
    expect(result[0]).toBeNull();
    hcs.CoTaskMemFree(computeSystems[0]);
  });

  it('clears out parameters on failure and still hands out the result document', async () => {
    const handle: Out = [0x1234n]; // stale values the library sees (in/out binding) and must overwrite
    const result: Out = [0x5678n];
    const call = callAsync(hcs.HcsOpenComputeSystemInOut, 'nope', handle, result);
    const { connection, frame } = await service.nextRequest(OP.open);
    const document = '{"Error":-1070137074,"ErrorMessage":"not found"}';
    connection.respond(frame, SYSTEM_NOT_FOUND, [i64(99), str(document)]);
    expect(hex(await call)).toBe(hex(SYSTEM_NOT_FOUND));
    expect(handle[0]).toBeNull(); // a handle is only handed out on success
    expect(readString16(result[0])).toBe(document);
    hcs.CoTaskMemFree(result[0]);
  });

  it('accepts NULL out pointers for strings and refuses NULL handle outputs without asking the service', async () => {
    const call = callAsync(hcs.HcsEnumerateComputeSystems, '', null, null);
    const { connection, frame } = await service.nextRequest(OP.enumerate);
    connection.respond(frame, S_OK, [str('[]'), str('dropped')]);
    expect(await call).toBe(S_OK);

    expect(hex(await callAsync(hcs.HcsOpenComputeSystem, 'x', null, null))).toBe(hex(E_POINTER));
    expect(hex(await callAsync(hcs.HcsRegisterComputeSystemCallback, 1n, null, null, out()))).toBe(
      hex(E_POINTER),
    );
    // Nothing reached the service for those: the next request it sees is this one.
    const next = callAsync(hcs.HcsGetComputeSystemProperties, 7n, 'q', null, null);
    const request = await service.nextRequest();
    expect(request.frame.code).toBe(OP.properties);
    request.connection.respond(request.frame, S_OK, [nul, nul]);
    expect(await next).toBe(S_OK);
  });

  it('reports RPC_S_CALL_FAILED for a successful answer of the wrong shape', async () => {
    const computeSystems = out();
    const call = callAsync(hcs.HcsEnumerateComputeSystems, '', computeSystems, null);
    const { connection, frame } = await service.nextRequest(OP.enumerate);
    connection.respond(frame, S_OK, [i64(1)]); // wants STR, STR
    expect(hex(await call)).toBe(hex(CALL_FAILED));
    expect(computeSystems[0]).toBeNull();
  });

  it('frees returned strings with CoTaskMemFree (malloc accounting, with a leaking control run)', async () => {
    const libc = koffi.load('libc.so.6');
    const MallInfo2 = koffi.struct({
      arena: 'size_t',
      ordblks: 'size_t',
      smblks: 'size_t',
      hblks: 'size_t',
      hblkhd: 'size_t',
      usmblks: 'size_t',
      fsmblks: 'size_t',
      uordblks: 'size_t',
      fordblks: 'size_t',
      keepcost: 'size_t',
    });
    const mallinfo2 = libc.func('mallinfo2', MallInfo2, []) as () => { uordblks: number; hblkhd: number };
    const inUse = () => {
      const info = mallinfo2();
      return Number(info.uordblks) + Number(info.hblkhd);
    };
    // Two 256 KiB strings per call, answered from one prebuilt frame so the fake itself allocates little.
    const big = 'ü'.repeat(128 * 1024);
    const answer = encodeFrame({ kind: KIND_RESPONSE, id: 0, code: S_OK, fields: [str(big), str(big)] });
    service.onRequest = ({ connection, frame }: Request) => connection.respondEncoded(frame, answer);
    const batch = async (free: boolean) => {
      const before = inUse();
      for (let i = 0; i < 24; i++) {
        const a = out();
        const b = out();
        expect(await callAsync(hcs.HcsEnumerateComputeSystems, '', a, b)).toBe(S_OK);
        if (free) {
          hcs.CoTaskMemFree(a[0]);
          hcs.CoTaskMemFree(b[0]);
        }
      }
      return inUse() - before;
    };
    await batch(true); // warm-up: pools and buffers reach their steady size
    const leaked = await batch(false);
    const freed = await batch(true);
    const perBatch = 24 * 2 * (big.length + 1) * 2;
    expect(leaked).toBeGreaterThan(perBatch * 0.9); // the accounting sees a leak when there is one
    expect(freed).toBeLessThan(perBatch * 0.1);
  });
});

describe('concurrency', () => {
  it('routes many concurrent async calls answered out of order to their callers', async () => {
    const total = 24;
    const held: Request[] = [];
    const answeredReversed: number[] = [];
    let idle: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(idle);
      const batch = held.splice(0).reverse();
      if (batch.length > 1) answeredReversed.push(batch.length);
      for (const { connection, frame } of batch) {
        const query = fieldStr(frame, 1);
        connection.respond(frame, S_OK, [str(`props of ${query} on ${fieldI64(frame, 0)}`), nul]);
      }
    };
    // Hold requests until four are in flight (libuv's pool size), then answer them newest first; a short
    // idle flush only keeps the test moving if fewer arrive.
    service.onRequest = (request) => {
      held.push(request);
      clearTimeout(idle);
      if (held.length >= 4) flush();
      else idle = setTimeout(flush, 100);
    };
    const calls = Array.from({ length: total }, async (_, i) => {
      const properties = out();
      const hr = await callAsync(
        hcs.HcsGetComputeSystemProperties,
        BigInt(1000 + i),
        `q${i}`,
        properties,
        null,
      );
      const text = readString16(properties[0]);
      hcs.CoTaskMemFree(properties[0]);
      return { hr, text };
    });
    const results = await Promise.all(calls);
    results.forEach(({ hr, text }, i) => {
      expect(hr).toBe(S_OK);
      expect(text).toBe(`props of q${i} on ${1000 + i}`);
    });
    expect(answeredReversed.length).toBeGreaterThan(0);
  });
});

describe('notifications', () => {
  it('delivers notifications in order to the koffi callback, including one sent right after the register answer', async () => {
    const rec = recorder();
    const handleOut = out();
    const call = callAsync(hcs.HcsRegisterComputeSystemCallback, 21n, rec.pointer, 0xc0ffeen, handleOut);
    const { connection, frame } = await service.nextRequest(OP.register);
    // The held completion (docs/hcs/vmcompute.md#early-completion): it follows the answer at once, before the
    // caller has woken up.
    connection.respond(frame, S_OK, [i64(41)]);
    connection.notify(START_COMPLETED, 41n, 0, null);
    expect(await call).toBe(S_OK);
    connection.notify(999, 4242n, 0, 'for nobody'); // unknown registration: dropped
    connection.notify(SYSTEM_EXITED, 41n, 0xc0370106 | 0, '{"ExitType":"UnexpectedExit","Note":"é😀"}');
    await rec.received(2);
    expect(rec.notes).toEqual([
      { type: START_COMPLETED, context: 0xc0ffeen, status: 0, data: null },
      {
        type: SYSTEM_EXITED,
        context: 0xc0ffeen,
        status: 0xc0370106 | 0,
        data: '{"ExitType":"UnexpectedExit","Note":"é😀"}',
      },
    ]);
    await unregister(handleOut[0], 41n);
    rec.release();
  });

  it('calls nothing after unregister, and refuses a second unregister', async () => {
    const gone = recorder();
    const kept = recorder();
    const a = await register(31n, gone.pointer, 1n, 51n);
    const b = await register(32n, kept.pointer, 2n, 52n);
    const live = hcs.SimLiveRegistrations();
    await unregister(a.handle, 51n);
    expect(hcs.SimLiveRegistrations()).toBe(live - 1);
    a.connection.notify(START_COMPLETED, 51n, 0, null); // for the released registration
    a.connection.notify(START_COMPLETED, 52n, 0, null);
    await kept.received(1); // notifications are dispatched in order, so the first one had its chance
    expect(gone.notes).toEqual([]);
    expect(hex(await callAsync(hcs.HcsUnregisterComputeSystemCallback, a.handle))).toBe(hex(INVALID_HANDLE));
    expect(hex(await callAsync(hcs.HcsUnregisterComputeSystemCallback, 0n))).toBe(hex(INVALID_HANDLE));
    // A system registration is not a process registration.
    expect(hex(await callAsync(hcs.HcsUnregisterProcessCallback, b.handle))).toBe(hex(INVALID_HANDLE));
    await unregister(b.handle, 52n);
    gone.release();
    kept.release();
  });

  it('releases the registrations of a handle when it is closed', async () => {
    const rec = recorder();
    const before = hcs.SimLiveRegistrations();
    const a = await register(61n, rec.pointer, 1n, 71n);
    await register(61n, rec.pointer, 2n, 72n);
    const other = await register(62n, rec.pointer, 3n, 73n);
    expect(hcs.SimLiveRegistrations()).toBe(before + 3);
    const close = callAsync(hcs.HcsCloseComputeSystem, 61n);
    const { connection, frame } = await service.nextRequest(OP.close);
    expect(fieldI64(frame, 0)).toBe(61n);
    connection.respond(frame, S_OK, []);
    expect(await close).toBe(S_OK);
    expect(hcs.SimLiveRegistrations()).toBe(before + 1);
    expect(hex(await callAsync(hcs.HcsUnregisterComputeSystemCallback, a.handle))).toBe(hex(INVALID_HANDLE));
    await unregister(other.handle, 73n);
    rec.release();
  });
});

describe('connection loss', () => {
  it('tells registrations ServiceDisconnect, fails calls in flight, then reconnects on the next call', async () => {
    const rec = recorder();
    const reg = await register(81n, rec.pointer, 0x81n, 91n);
    const processRec = recorder();
    const processHandle = out();
    const processCall = callAsync(
      hcs.HcsRegisterProcessCallback,
      82n,
      processRec.pointer,
      0x82n,
      processHandle,
    );
    const processRequest = await service.nextRequest(OP.registerProcess);
    processRequest.connection.respond(processRequest.frame, S_OK, [i64(92)]);
    expect(await processCall).toBe(S_OK);

    const startResult = out();
    const start = callAsync(hcs.HcsStartComputeSystem, 81n, '', startResult);
    const held = await service.nextRequest(OP.start); // never answered
    expect(held.connection).toBe(reg.connection);
    reg.connection.destroy();

    expect(hex(await start)).toBe(hex(SERVER_UNAVAILABLE));
    expect(startResult[0]).toBeNull();
    await rec.received(1);
    await processRec.received(1);
    expect(rec.notes).toEqual([{ type: SERVICE_DISCONNECT, context: 0x81n, status: 0, data: null }]);
    expect(processRec.notes).toEqual([{ type: SERVICE_DISCONNECT, context: 0x82n, status: 0, data: null }]);
    expect(hcs.SimConnectionState()).toBe(2);

    // Registrations of the dropped connection are released locally: the service forgot them already.
    expect(await callAsync(hcs.HcsUnregisterComputeSystemCallback, reg.handle)).toBe(S_OK);
    expect(await callAsync(hcs.HcsUnregisterProcessCallback, processHandle[0])).toBe(S_OK);

    const reconnected = service.nextConnection();
    const call = callAsync(hcs.HcsStartComputeSystem, 81n, '', null);
    const connection = await reconnected;
    const { frame } = await service.nextRequest(OP.start); // the first request of the new connection
    expect(connection).not.toBe(reg.connection);
    expect(connection.hello?.pid).toBe(BigInt(process.pid));
    connection.respond(frame, PENDING, [nul]);
    expect(hex(await call)).toBe(hex(PENDING));
    expect(hcs.SimConnectionState()).toBe(1);
    expect(rec.notes).toHaveLength(1);
    rec.release();
    processRec.release();
  });
});

describe('a service that accepts but never answers hello', () => {
  it('counts as unreachable after $HCS_SIM_HELLO_TIMEOUT_MS and is retried on the next call', async () => {
    for (const connection of service.connections) connection.destroy();
    await until(() => hcs.SimConnectionState() !== 1);
    service.answerHello = false;
    process.env.HCS_SIM_HELLO_TIMEOUT_MS = '150';
    try {
      const wedged = service.nextConnection();
      expect(hex(await callAsync(hcs.HcsEnumerateComputeSystems, '', null, null))).toBe(
        hex(SERVER_UNAVAILABLE),
      );
      await (
        await wedged
      ).closed; // the library gave that connection up
    } finally {
      service.answerHello = true;
      delete process.env.HCS_SIM_HELLO_TIMEOUT_MS;
    }
    const call = callAsync(hcs.HcsEnumerateComputeSystems, '', null, null);
    const { connection, frame } = await service.nextRequest(OP.enumerate);
    connection.respond(frame, S_OK, [nul, nul]);
    expect(await call).toBe(S_OK);
    expect(hcs.SimConnectionState()).toBe(1);
  });
});

describe('process descriptors', () => {
  const readAll = (stream: net.Socket) =>
    new Promise<string>((resolve, reject) => {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => resolve(text));
      stream.on('error', reject);
    });

  async function reap(pid: number): Promise<number> {
    const status = new Int32Array(1);
    await until(() => host.simhost_reap(pid, status) === pid);
    return status[0]!;
  }

  it('hands the three descriptors of a CreateProcess answer out as working pipes', async () => {
    const descriptorsBefore = descriptorEntries();
    let childPid = 0;
    service.onRequest = ({ connection, frame }) => {
      expect(frame.code).toBe(OP.createProcess);
      expect(fieldStr(frame, 1)).toBe('{"CommandLine":"cat"}');
      const fds = new Int32Array(3);
      childPid = host.simhost_spawn(
        'cat; echo done >&2',
        null,
        null,
        SPAWN_STDIN | SPAWN_STDOUT | SPAWN_STDERR,
        0,
        0,
        fds,
        new Int32Array(1),
      );
      expect(childPid).toBeGreaterThan(0);
      connection.respond(frame, S_OK, [i64(childPid), fd(0), fd(1), fd(2), i64(0x77), nul], [...fds]);
      for (const f of fds) expect(host.simhost_close(f)).toBe(0); // the service closes its copies once sent
    };
    const info: Partial<ProcessInformationValue> = {};
    const processOut = out();
    const result = out();
    const hr = await callAsync(hcs.HcsCreateProcess, 5n, '{"CommandLine":"cat"}', info, processOut, result);
    expect(hr).toBe(S_OK);
    expect(info.ProcessId).toBe(childPid);
    expect(processOut[0]).toBe(0x77n);
    expect(result[0]).toBeNull();
    const [stdinFd, stdoutFd, stderrFd] = [info.StdInput, info.StdOutput, info.StdError].map(Number);
    for (const f of [stdinFd!, stdoutFd!, stderrFd!]) {
      expect(f).toBeGreaterThan(2);
      expect(isCloseOnExec(f)).toBe(true);
    }

    const stdin = new net.Socket({ fd: stdinFd!, readable: false, writable: true });
    const stdout = new net.Socket({ fd: stdoutFd!, readable: true, writable: false });
    const stderr = new net.Socket({ fd: stderrFd!, readable: true, writable: false });
    const output = readAll(stdout);
    const errors = readAll(stderr);
    stdin.end('hello ✓ 😀\n');
    expect(await output).toBe('hello ✓ 😀\n');
    expect(await errors).toBe('done\n');
    expect(await reap(childPid)).toBe(0);
    await until(() => stdin.destroyed && stdout.destroyed && stderr.destroyed);
    expect(await descriptorsBeyond(descriptorsBefore)).toEqual([]);
  });

  it('gives NULL handles for streams the answer does not carry, and closes descriptors of a failed answer', async () => {
    const descriptorsBefore = descriptorEntries();
    const pipeFds = new Int32Array(3);
    const pid = host.simhost_spawn(
      'echo only-stdout',
      null,
      null,
      SPAWN_STDOUT,
      0,
      0,
      pipeFds,
      new Int32Array(1),
    );
    expect(pid).toBeGreaterThan(0);
    service.onRequest = ({ connection, frame }) => {
      expect(frame.code).toBe(OP.processInfo);
      connection.respond(frame, S_OK, [i64(pid), fd(-1), fd(0), fd(-1), nul], [pipeFds[1]!]);
    };
    const info: Partial<ProcessInformationValue> = {};
    expect(await callAsync(hcs.HcsGetProcessInfo, 0x77n, info, null)).toBe(S_OK);
    expect(info.StdInput).toBeNull();
    expect(info.StdError).toBeNull();
    const stdout = new net.Socket({ fd: Number(info.StdOutput), readable: true, writable: false });
    expect(await readAll(stdout)).toBe('only-stdout\n');
    expect(await reap(pid)).toBe(0);

    // A failure answer that still carries descriptors, and a caller that passes no process information:
    // the library closes what it cannot hand out.
    service.onRequest = ({ connection, frame }) =>
      connection.respond(
        frame,
        frame.code === OP.processInfo ? S_OK : SYSTEM_NOT_FOUND,
        [i64(1), fd(0), fd(1), fd(-1), ...(frame.code === OP.processInfo ? [] : [i64(0)]), nul],
        [pipeFds[1]!, pipeFds[1]!],
      );
    const failed: Partial<ProcessInformationValue> = {};
    const processOut = out();
    expect(hex(await callAsync(hcs.HcsCreateProcess, 5n, '{}', failed, processOut, null))).toBe(
      hex(SYSTEM_NOT_FOUND),
    );
    expect(failed).toEqual({ ProcessId: 0, Reserved: 0, StdInput: null, StdOutput: null, StdError: null });
    expect(processOut[0]).toBeNull();
    expect(await callAsync(hcs.HcsGetProcessInfo, 0x77n, null, null)).toBe(S_OK);

    expect(host.simhost_close(pipeFds[1]!)).toBe(0);
    await until(() => stdout.destroyed);
    expect(await descriptorsBeyond(descriptorsBefore)).toEqual([]);
  });
});

describe('fork', () => {
  it('starts over in a forked child while the parent keeps its connection and registrations', async () => {
    const firstNew = service.connections.length;
    const dir = mkdtempSync(join(tmpdir(), 'hcs-fork-'));
    let stdout: string;
    try {
      const driver = join(dir, 'fork-driver');
      const [cc, ...ccArgs] = (process.env.CC?.trim() || 'cc').split(/\s+/);
      const libs = await buildNative({ quiet: true });
      await execFileAsync(cc!, [
        ...ccArgs,
        '-std=gnu11',
        '-Wall',
        '-Wextra',
        '-Werror',
        '-o',
        driver,
        fileURLToPath(new URL('./native/fork-driver.c', import.meta.url)),
        libs.vmcompute,
        `-Wl,-rpath,${libs.dir}`,
      ]);
      service.onRequest = ({ connection, frame }) => {
        if (frame.code === OP.register) connection.respond(frame, S_OK, [i64(5)]);
        else if (frame.code === OP.unregister) connection.respond(frame, S_OK, []);
        else connection.respond(frame, S_OK, [str(`pid:${connection.hello?.pid}`), nul]);
      };
      ({ stdout } = await execFileAsync(driver, [], {
        env: { ...process.env, HCS_SIM_SOCKET: service.path },
      }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const lines = stdout.trim().split('\n');
    const parentPid = /^parent pid=(\d+)/.exec(lines[0]!)![1];
    const childPid = /^child pid=(\d+)/.exec(lines[1]!)![1];
    expect(lines).toEqual([
      `parent pid=${parentPid} hr=0x00000000 state=1 registrations=1 answer=pid:${parentPid}`,
      `child pid=${childPid} hr=0x00000000 state=1 registrations=0 answer=pid:${childPid}`,
      `parent pid=${parentPid} hr=0x00000000 state=1 registrations=1 answer=pid:${parentPid}`,
    ]);
    expect(service.connections.slice(firstNew).map((c) => String(c.hello?.pid))).toEqual([
      parentPid,
      childPid,
    ]);
  });
});
