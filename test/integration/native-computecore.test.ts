// libcomputecore_sim.so through koffi against the real simulator service: the exports of both builds, the life
// of an operation (wait, callback, cancel, close in flight, one use only), V2 HRESULTs, events from the library's
// own thread, handles created by a call, processes and their stdio, the service functions, and a lost service.
import koffi from 'koffi';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import type { Fixture } from '../../sim/control/types.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { expectNothingHeld, uniqueId } from './hcs-support.ts';
import { callAsync, out, readString16 } from './native/ffi.ts';
import type { Pointer, ProcessInformationValue } from './native/ffi.ts';
import {
  BASE_EXPORTS,
  CompletionPointer,
  EventCallbackPointer,
  hasExport,
  loadComputecoreNewer,
  loadComputecoreSim,
  NEWER_EXPORTS,
  readEvent,
} from './native/ffi-computecore.ts';
import type { ComputecoreNewer, ComputecoreSim, HcsEventValue } from './native/ffi-computecore.ts';
import { hex, until } from './native/util.ts';

const S_OK = 0;
const INFINITE = 0xffffffff;
const GENERIC_ALL = 0x10000000;
const E_HANDLE = 0x80070006;
const E_INVALIDARG = 0x80070057;
const NOT_SUPPORTED = 0x80070032;
const FILE_NOT_FOUND = 0x80070002;
const SERVER_UNAVAILABLE = 0x800706ba;
const CANCELLED = 0x800704c7;
const HCS_E = {
  INVALID_STATE: 0x80370105,
  UNEXPECTED_EXIT: 0x80370106,
  TERMINATED: 0x80370107,
  SYSTEM_NOT_FOUND: 0x8037010e,
  SYSTEM_ALREADY_EXISTS: 0x8037010f,
  OPERATION_NOT_STARTED: 0x80370115,
  OPERATION_ALREADY_STARTED: 0x80370116,
  OPERATION_PENDING: 0x80370117,
  OPERATION_TIMEOUT: 0x80370118,
  CALLBACK_ALREADY_SET: 0x80370119,
  SERVICE_DISCONNECT: 0x8037011e,
};
const EVENT = {
  SystemExited: 1,
  SystemCrashInitiated: 2,
  SystemCrashReport: 3,
  ProcessExited: 0x10000,
  OperationCallback: 0x01000000,
  ServiceDisconnect: 0x02000000,
};
const OPERATION_TYPE = { None: -1, Enumerate: 0, Create: 1, Start: 2, GetProperties: 9, CreateProcess: 10 };

let cc: ComputecoreSim;
let newer: ComputecoreNewer;
let sim: StartedSim;
let fixture: Fixture;
let scratch: string;

/** Records the events a koffi-registered HCS_EVENT_CALLBACK receives. */
function eventRecorder() {
  const events: Array<HcsEventValue & { context: bigint | null }> = [];
  const pointer = koffi.register((event: unknown, context: bigint | null) => {
    events.push({ ...readEvent(event), context });
  }, EventCallbackPointer) as bigint;
  return {
    pointer,
    events,
    types: () => events.map((e) => e.Type),
    of: (type: number) => events.filter((e) => e.Type === type),
  };
}

/** Records completions of a koffi-registered HCS_OPERATION_COMPLETION, with the result read inside it. */
function completionRecorder() {
  const calls: Array<{ operation: Pointer; context: bigint | null; hr: number; document: string | null }> =
    [];
  const pointer = koffi.register((operation: Pointer, context: bigint | null) => {
    const document = out();
    const hr = cc.HcsGetOperationResult(operation, document);
    calls.push({ operation, context, hr, document: readString16(document[0]) });
    cc.CoTaskMemFree(document[0]);
  }, CompletionPointer) as bigint;
  return { pointer, calls };
}

/** Waits for an operation's result on the thread pool; the document is read and freed. */
async function waitResult(
  op: Pointer,
  timeoutMs = INFINITE,
): Promise<{ hr: number; document: string | null }> {
  const document = out();
  const hr = await callAsync(cc.HcsWaitForOperationResult, op, timeoutMs, document);
  const text = readString16(document[0]);
  cc.CoTaskMemFree(document[0]);
  return { hr, document: text };
}

/** One call with a fresh operation, waited for and closed. */
async function run(
  issue: (op: Pointer) => Promise<number>,
): Promise<{ hr: number; document: string | null }> {
  const op = cc.HcsCreateOperation(null, null);
  try {
    expect(hex(await issue(op))).toBe(hex(S_OK));
    return await waitResult(op);
  } finally {
    cc.HcsCloseOperation(op);
  }
}

async function open(id: string): Promise<Pointer> {
  const handle = out();
  expect(hex(await callAsync(cc.HcsOpenComputeSystem, id, GENERIC_ALL, handle))).toBe(hex(S_OK));
  expect(handle[0]).not.toBeNull();
  return handle[0];
}

async function closeSystem(handle: Pointer): Promise<void> {
  await callAsync(cc.HcsCloseComputeSystem, handle);
}

/** Creates and starts a system of this file's own, returning its open handle. */
async function runningSystem(): Promise<{ id: string; handle: Pointer }> {
  const id = uniqueId('cc');
  const handle = out();
  const op = cc.HcsCreateOperation(null, null);
  const doc = JSON.stringify({ SystemType: 'Container', Name: id, Owner: 'native-computecore' });
  expect(hex(await callAsync(cc.HcsCreateComputeSystem, id, doc, op, null, handle))).toBe(hex(S_OK));
  expect(hex((await waitResult(op)).hr)).toBe(hex(S_OK));
  cc.HcsCloseOperation(op);
  expect(hex((await run((o) => callAsync(cc.HcsStartComputeSystem, handle[0], o, null))).hr)).toBe(hex(S_OK));
  return { id, handle: handle[0] };
}

function readAll(fd: Pointer): Promise<string> {
  if (fd === null) return Promise.resolve('');
  const socket = new net.Socket({ fd: Number(fd), readable: true, writable: false });
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return new Promise((resolve) => socket.on('close', () => resolve(text)));
}

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  cc = loadComputecoreSim(libs.computecore);
  newer = loadComputecoreNewer(libs.computecore);
  fixture = JSON.parse(
    readFileSync(new URL('../../sim/fixtures/test.json', import.meta.url), 'utf8'),
  ) as Fixture;
  sim = await startSim({ fixture });
  scratch = mkdtempSync(join(tmpdir(), 'hcs-cc-'));
});

afterAll(async () => {
  await sim?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

afterEach(async () => {
  await sim.control.clearFaults();
});

describe('exports', () => {
  it('the full build has every export of computecore.dll; the base build lacks exactly the newer ones', async () => {
    const libs = await buildNative({ quiet: true });
    for (const name of [...BASE_EXPORTS, ...NEWER_EXPORTS])
      expect(hasExport(libs.computecore, name)).toBe(true);
    for (const name of BASE_EXPORTS) expect(hasExport(libs.computecoreBase, name)).toBe(true);
    for (const name of NEWER_EXPORTS) expect(hasExport(libs.computecoreBase, name)).toBe(false);
    for (const name of ['CoTaskMemFree', 'LocalFree'])
      expect([hasExport(libs.computecore, name), hasExport(libs.computecoreBase, name)]).toEqual([
        true,
        true,
      ]);
  });
});

describe('operations', () => {
  // First in the file that calls the service: the library has never connected yet.
  it('a call the library cannot send fails at once and leaves its operation unused', async () => {
    const socket = process.env.HCS_SIM_SOCKET;
    process.env.HCS_SIM_SOCKET = `${sim.socketPath}.missing`;
    const op = cc.HcsCreateOperation(null, null);
    try {
      expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, null, op))).toBe(hex(SERVER_UNAVAILABLE));
      expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.None);
      expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(HCS_E.OPERATION_NOT_STARTED));
      expect(cc.SimConnectionState()).toBe(0);
    } finally {
      process.env.HCS_SIM_SOCKET = socket;
    }
    // The same operation can still be used: it never started.
    const result = await callAsync(cc.HcsEnumerateComputeSystems, null, op);
    expect(hex(result)).toBe(hex(S_OK));
    expect(hex((await waitResult(op)).hr)).toBe(hex(S_OK));
    cc.HcsCloseOperation(op);
  });

  it('lives once: context first, not started, then its call, its result, and no second use', async () => {
    const op = cc.HcsCreateOperation(0x1234n, null);
    expect(op).not.toBeNull();
    expect(cc.HcsGetOperationContext(op)).toBe(0x1234n);
    expect(hex(cc.HcsSetOperationContext(op, 0x5678n))).toBe(hex(S_OK));
    expect(cc.HcsGetOperationContext(op)).toBe(0x5678n);
    expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.None);
    expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(HCS_E.OPERATION_NOT_STARTED));
    const id = BigInt(cc.HcsGetOperationId(op));
    const other = cc.HcsCreateOperation(null, null);
    expect(BigInt(cc.HcsGetOperationId(other))).not.toBe(id);
    cc.HcsCloseOperation(other);

    expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, '{}', op))).toBe(hex(S_OK));
    expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.Enumerate);
    const { hr, document } = await waitResult(op);
    expect(hex(hr)).toBe(hex(S_OK));
    const ids = (JSON.parse(document!) as Array<{ Id: string }>).map((s) => s.Id);
    expect(ids).toEqual(expect.arrayContaining(fixture.systems.map((s) => s.id)));
    // The result can be read again, as a fresh copy each time.
    const again = out();
    expect(hex(cc.HcsGetOperationResult(op, again))).toBe(hex(S_OK));
    expect(readString16(again[0])).toBe(document);
    expect(cc.LocalFree(again[0])).toBeNull();

    expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, '{}', op))).toBe(
      hex(HCS_E.OPERATION_ALREADY_STARTED),
    );
    cc.HcsCloseOperation(op);
    expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(E_HANDLE));
    expect(BigInt(cc.HcsGetOperationId(op))).toBe(0xffffffffffffffffn);
    expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, '{}', null))).toBe(hex(E_HANDLE));
  });

  it('calls its completion callback on the library’s thread, after the call returned, with its context', async () => {
    const handle = await open('test-container-running');
    const completions = completionRecorder();
    const op = cc.HcsCreateOperation(0x77n, completions.pointer);
    // Called on this (the JS) thread: a callback made on the calling thread would run before the call returns.
    expect(hex(cc.HcsGetComputeSystemProperties(handle, op, '{}'))).toBe(hex(S_OK));
    expect(completions.calls).toHaveLength(0);
    await until(() => completions.calls.length === 1);
    const [call] = completions.calls;
    expect(call!.operation).toBe(op);
    expect(call!.context).toBe(0x77n);
    expect(hex(call!.hr)).toBe(hex(S_OK));
    expect(JSON.parse(call!.document!)).toMatchObject({ Id: 'test-container-running', State: 'Running' });
    expect(cc.HcsGetComputeSystemFromOperation(op)).toBe(handle);
    expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.GetProperties);
    await callAsync(cc.HcsCloseOperation, op);
    await closeSystem(handle);
    koffi.unregister(completions.pointer);
  });

  it('a wait times out while the call is pending; cancel completes it for the waiter and the callback', async () => {
    await sim.control.reset({ ...fixture, completionDelayMs: 60_000 });
    try {
      const handle = await open('test-container-created');
      const completions = completionRecorder();
      const op = cc.HcsCreateOperation(null, completions.pointer);
      expect(hex(await callAsync(cc.HcsStartComputeSystem, handle, op, null))).toBe(hex(S_OK));
      expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(HCS_E.OPERATION_PENDING));
      expect(hex((await waitResult(op, 20)).hr)).toBe(hex(HCS_E.OPERATION_TIMEOUT));
      const waiting = waitResult(op);
      expect(hex(await callAsync(cc.HcsCancelOperation, op))).toBe(hex(S_OK));
      expect(hex((await waiting).hr)).toBe(hex(CANCELLED));
      await until(() => completions.calls.length === 1);
      expect(hex(completions.calls[0]!.hr)).toBe(hex(CANCELLED));
      // Cancelling what has completed changes nothing.
      expect(hex(await callAsync(cc.HcsCancelOperation, op))).toBe(hex(S_OK));
      expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(CANCELLED));
      await callAsync(cc.HcsCloseOperation, op);
      await closeSystem(handle);
      koffi.unregister(completions.pointer);
    } finally {
      await sim.control.reset(fixture);
    }
  });

  it('closed in flight, an operation is detached: its call goes on and its callback never comes', async () => {
    // Its completion is a minute away, so the close surely comes first; then a crash ends the system at once.
    await sim.control.reset({
      completionDelayMs: 60_000,
      systems: [{ id: 'detached', systemType: 'Container', runtimeOsType: 'windows', state: 'Running' }],
    });
    const handle = await open('detached');
    const completions = completionRecorder();
    try {
      const op = cc.HcsCreateOperation(null, completions.pointer);
      expect(hex(await callAsync(cc.HcsShutDownComputeSystem, handle, op, null))).toBe(hex(S_OK));
      await callAsync(cc.HcsCloseOperation, op);
      await sim.control.crash('detached');
      const exit = out();
      expect(hex(await callAsync(cc.HcsWaitForComputeSystemExit, handle, INFINITE, exit))).toBe(hex(S_OK));
      cc.CoTaskMemFree(exit[0]);
      // The shutdown's operation, waiting for that exit, completed closed: its callback never ran. A later
      // operation's callback on the same thread proves the dispatcher has gone past that point.
      const later = cc.HcsCreateOperation(null, completions.pointer);
      expect(hex(await callAsync(cc.HcsGetComputeSystemProperties, handle, later, '{}'))).toBe(hex(S_OK));
      await until(() => completions.calls.length === 1);
      expect(completions.calls[0]!.operation).toBe(later);
      await callAsync(cc.HcsCloseOperation, later);
    } finally {
      await closeSystem(handle);
      koffi.unregister(completions.pointer);
      await sim.control.reset(fixture);
    }
  });

  it('takes resources before its call only, and checks them', async () => {
    const op = cc.HcsCreateOperation(null, null);
    expect(hex(cc.HcsAddResourceToOperation(op, 1, 'file://state.vmrs', null))).toBe(hex(S_OK));
    expect(hex(cc.HcsAddResourceToOperation(op, 9, 'file://x', null))).toBe(hex(E_INVALIDARG));
    expect(hex(cc.HcsAddResourceToOperation(op, 4, null, null))).toBe(hex(E_INVALIDARG));
    expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, null, op))).toBe(hex(S_OK));
    expect(hex(cc.HcsAddResourceToOperation(op, 1, 'file://late', null))).toBe(
      hex(HCS_E.OPERATION_ALREADY_STARTED),
    );
    await waitResult(op);
    const props = out();
    expect(hex(newer.HcsGetOperationProperties(op, null, props))).toBe(hex(S_OK));
    expect(JSON.parse(readString16(props[0])!)).toMatchObject({
      Type: 0,
      State: 'Completed',
      Result: 0,
      Resources: 1,
    });
    cc.CoTaskMemFree(props[0]);
    cc.HcsCloseOperation(op);
  });

  it('HcsCreateOperationWithNotifications reports its completion as an OperationCallback event', async () => {
    const events = eventRecorder();
    const op = newer.HcsCreateOperationWithNotifications(0, 0x99n, events.pointer);
    expect(hex(await callAsync(cc.HcsEnumerateComputeSystems, null, op))).toBe(hex(S_OK));
    await until(() => events.events.length === 1);
    expect(events.events[0]).toMatchObject({ Type: EVENT.OperationCallback, Operation: op, context: 0x99n });
    expect(hex(cc.HcsGetOperationResult(op, null))).toBe(hex(S_OK));
    await callAsync(cc.HcsCloseOperation, op);
    koffi.unregister(events.pointer);
  });
});

describe('compute systems', () => {
  it('answers in the V2 form: 0x8037xxxx codes, in the HRESULT and in the error document', async () => {
    const handle = out();
    expect(hex(await callAsync(cc.HcsOpenComputeSystem, 'no-such-system', GENERIC_ALL, handle))).toBe(
      hex(HCS_E.SYSTEM_NOT_FOUND),
    );
    expect(handle[0]).toBeNull();
    const running = await open('test-container-running');
    const { hr, document } = await run((op) => callAsync(cc.HcsStartComputeSystem, running, op, null));
    expect(hex(hr)).toBe(hex(HCS_E.INVALID_STATE));
    const doc = JSON.parse(document!) as { Error: number; ErrorMessage: string; ErrorEvents: unknown[] };
    expect(hex(doc.Error)).toBe(hex(HCS_E.INVALID_STATE));
    expect(doc.ErrorMessage).toMatch(/not valid in the current state/);
    expect(doc.ErrorEvents).toHaveLength(1);
    await closeSystem(running);
  });

  it('create writes the handle at once; a duplicate id fails through the operation with none', async () => {
    const id = uniqueId('cc-create');
    const doc = JSON.stringify({ SystemType: 'Container', Name: id });
    const handle = out();
    const op = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(cc.HcsCreateComputeSystem, id, doc, op, null, handle))).toBe(hex(S_OK));
    expect(handle[0]).not.toBeNull();
    expect(cc.HcsGetComputeSystemFromOperation(op)).toBe(handle[0]);
    expect(hex((await waitResult(op)).hr)).toBe(hex(S_OK));
    expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.Create);
    cc.HcsCloseOperation(op);

    const duplicate = out();
    const second = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(cc.HcsCreateComputeSystem, id, doc, second, null, duplicate))).toBe(hex(S_OK));
    expect(duplicate[0]).toBeNull();
    const result = await waitResult(second);
    expect(hex(result.hr)).toBe(hex(HCS_E.SYSTEM_ALREADY_EXISTS));
    expect(result.document).toMatch(/already exists/);
    cc.HcsCloseOperation(second);
    await run((o) => callAsync(cc.HcsTerminateComputeSystem, handle[0], o, null));
    await closeSystem(handle[0]);
  });

  it('a create that fails after the handle came back leaves the handle to the caller', async () => {
    await sim.control.reset({ ...fixture, completionDelayMs: 60_000 });
    try {
      const id = uniqueId('cc-preempted');
      const handle = out();
      const op = cc.HcsCreateOperation(null, null);
      const doc = JSON.stringify({ SystemType: 'Container', Name: id });
      expect(hex(await callAsync(cc.HcsCreateComputeSystem, id, doc, op, null, handle))).toBe(hex(S_OK));
      // Terminate preempts the pending create (another handle, as another client would).
      const other = await open(id);
      const terminate = cc.HcsCreateOperation(null, null);
      expect(hex(await callAsync(cc.HcsTerminateComputeSystem, other, terminate, null))).toBe(hex(S_OK));
      expect(hex((await waitResult(op)).hr)).toBe(hex(HCS_E.TERMINATED));
      expect(handle[0]).not.toBeNull();
      expect(cc.SimLiveHandles()).toBe(2);
      cc.HcsCloseOperation(op);
      cc.HcsCloseOperation(terminate);
      await closeSystem(other);
      await closeSystem(handle[0]);
      expect(cc.SimLiveHandles()).toBe(0);
    } finally {
      await sim.control.reset(fixture);
    }
  });

  it('sends events to the handle’s callback: crash, its report, then the exit, V2 types and status', async () => {
    const { handle } = await runningSystem();
    const events = eventRecorder();
    expect(hex(await callAsync(cc.HcsSetComputeSystemCallback, handle, 4, 0x42n, events.pointer))).toBe(
      hex(S_OK),
    );
    expect(hex(await callAsync(cc.HcsSetComputeSystemCallback, handle, 0, 0x43n, events.pointer))).toBe(
      hex(HCS_E.CALLBACK_ALREADY_SET),
    );
    const crash = await run((op) => callAsync(cc.HcsCrashComputeSystem, handle, op, null));
    expect(hex(crash.hr)).toBe(hex(S_OK)); // the crash operation completes once the system has exited
    await until(() => events.events.length === 3);
    expect(events.types()).toEqual([EVENT.SystemCrashInitiated, EVENT.SystemCrashReport, EVENT.SystemExited]);
    expect(events.events.every((e) => e.context === 0x42n && e.Operation === null)).toBe(true);
    expect(JSON.parse(events.events[1]!.EventData!)).toMatchObject({ CrashLog: expect.any(String) });
    const exit = JSON.parse(events.events[2]!.EventData!) as { Status: number; ExitType: string };
    expect([hex(exit.Status), exit.ExitType]).toEqual([hex(HCS_E.UNEXPECTED_EXIT), 'UnexpectedExit']);
    // After the exit, a crash fails through its operation.
    expect(hex((await run((op) => callAsync(cc.HcsCrashComputeSystem, handle, op, null))).hr)).toBe(
      hex(0x80370110),
    );
    await closeSystem(handle);
    expect(events.events).toHaveLength(3);
    koffi.unregister(events.pointer); // safe: close has returned
  });

  it('waits for exit with a timeout; a callback set after the exit still hears of it, once', async () => {
    const { handle } = await runningSystem();
    expect(hex(await callAsync(cc.HcsWaitForComputeSystemExit, handle, 20, null))).toBe(
      hex(HCS_E.OPERATION_TIMEOUT),
    );
    expect(hex((await run((op) => callAsync(cc.HcsTerminateComputeSystem, handle, op, null))).hr)).toBe(
      hex(S_OK),
    );
    const exit = out();
    expect(hex(await callAsync(cc.HcsWaitForComputeSystemExit, handle, INFINITE, exit))).toBe(hex(S_OK));
    expect(JSON.parse(readString16(exit[0])!)).toMatchObject({ ExitType: 'ForcedExit' });
    cc.CoTaskMemFree(exit[0]);
    const events = eventRecorder();
    expect(hex(await callAsync(cc.HcsSetComputeSystemCallback, handle, 0, null, events.pointer))).toBe(
      hex(S_OK),
    );
    await until(() => events.events.length === 1);
    expect(events.types()).toEqual([EVENT.SystemExited]);
    // Nothing more arrives: a later operation's event-free round trip has gone through the same thread.
    await run((op) => callAsync(cc.HcsGetComputeSystemProperties, handle, op, '{}'));
    expect(events.events).toHaveLength(1);
    await closeSystem(handle);
    koffi.unregister(events.pointer);
  });

  it('with EnableOperationCallbacks, completions are events and an operation’s own callback is refused', async () => {
    const handle = await open('test-container-running');
    const events = eventRecorder();
    expect(hex(await callAsync(cc.HcsSetComputeSystemCallback, handle, 1, 0x5n, events.pointer))).toBe(
      hex(S_OK),
    );
    const op = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(cc.HcsGetComputeSystemProperties, handle, op, '{}'))).toBe(hex(S_OK));
    await until(() => events.events.length === 1);
    expect(events.events[0]).toMatchObject({ Type: EVENT.OperationCallback, Operation: op, context: 0x5n });
    const completions = completionRecorder();
    const own = cc.HcsCreateOperation(null, completions.pointer);
    expect(hex(await callAsync(cc.HcsGetComputeSystemProperties, handle, own, '{}'))).toBe(
      hex(HCS_E.CALLBACK_ALREADY_SET),
    );
    cc.HcsCloseOperation(own);
    await callAsync(cc.HcsCloseOperation, op);
    await closeSystem(handle);
    koffi.unregister(events.pointer);
    koffi.unregister(completions.pointer);
  });

  it('HcsCreateComputeSystemInNamespace sets the callback of its options before the create completes', async () => {
    const id = uniqueId('cc-ns');
    const events = eventRecorder();
    const handle = out();
    const op = cc.HcsCreateOperation(null, null);
    const options = {
      Version: 0x00010000,
      UserToken: null,
      SecurityDescriptor: null,
      CallbackOptions: 1,
      CallbackContext: 0x11n,
      Callback: events.pointer,
    };
    const doc = JSON.stringify({ SystemType: 'Container', Name: id });
    expect(
      hex(await callAsync(cc.HcsCreateComputeSystemInNamespace, null, id, doc, op, options, handle)),
    ).toBe(hex(S_OK));
    // The create's own completion reaches the callback set by the options.
    await until(() => events.events.length === 1);
    expect(events.events[0]).toMatchObject({ Type: EVENT.OperationCallback, Operation: op, context: 0x11n });
    cc.HcsCloseOperation(op);
    const elsewhere = cc.HcsCreateOperation(null, null);
    expect(
      hex(await callAsync(cc.HcsCreateComputeSystemInNamespace, 'other', id, doc, elsewhere, null, out())),
    ).toBe(hex(S_OK));
    expect(hex((await waitResult(elsewhere)).hr)).toBe(hex(NOT_SUPPORTED));
    cc.HcsCloseOperation(elsewhere);
    await closeSystem(handle[0]);
    koffi.unregister(events.pointer);
  });

  it('live migration exports exist and fail through their operation', async () => {
    const handle = await open('test-vm-running');
    const op = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(newer.HcsInitializeLiveMigrationOnSource, handle, op, '{}'))).toBe(hex(S_OK));
    const { hr, document } = await waitResult(op);
    expect(hex(hr)).toBe(hex(NOT_SUPPORTED));
    expect(document).toMatch(/Live migration is not supported/);
    cc.HcsCloseOperation(op);
    await closeSystem(handle);
  });
});

describe('processes', () => {
  it('create-process hands its handle back at once and its stdio once, through the operation', async () => {
    const { handle } = await runningSystem();
    const process_ = out();
    const op = cc.HcsCreateOperation(null, null);
    const parameters = JSON.stringify({ CommandLine: 'echo hello-v2; exit 3', CreateStdOutPipe: true });
    expect(hex(await callAsync(cc.HcsCreateProcess, handle, parameters, op, null, process_))).toBe(hex(S_OK));
    expect(process_[0]).not.toBeNull();
    const events = eventRecorder();
    expect(hex(await callAsync(cc.HcsSetProcessCallback, process_[0], 0, 0x3n, events.pointer))).toBe(
      hex(S_OK),
    );
    const info: Partial<ProcessInformationValue> = {};
    expect(hex(await callAsync(cc.HcsWaitForOperationResultAndProcessInfo, op, INFINITE, info, null))).toBe(
      hex(S_OK),
    );
    expect(info.ProcessId).toBeGreaterThan(0);
    expect(info.StdInput).toBeNull();
    expect(info.StdError).toBeNull();
    expect(info.StdOutput).not.toBeNull();
    expect(cc.HcsGetProcessFromOperation(op)).toBe(process_[0]);
    expect(cc.HcsGetOperationType(op)).toBe(OPERATION_TYPE.CreateProcess);
    // Handed out once: a second read gives the pid and no handles.
    const again: Partial<ProcessInformationValue> = {};
    expect(hex(cc.HcsGetOperationResultAndProcessInfo(op, again, null))).toBe(hex(S_OK));
    expect([again.ProcessId, again.StdOutput]).toEqual([info.ProcessId, null]);
    cc.HcsCloseOperation(op);

    expect(await readAll(info.StdOutput!)).toBe('hello-v2\n');
    const exit = out();
    expect(hex(await callAsync(cc.HcsWaitForProcessExit, process_[0], INFINITE, exit))).toBe(hex(S_OK));
    expect(JSON.parse(readString16(exit[0])!)).toMatchObject({ ProcessId: info.ProcessId, ExitCode: 3 });
    cc.CoTaskMemFree(exit[0]);
    await until(() => events.events.length === 1);
    expect(events.events[0]).toMatchObject({ Type: EVENT.ProcessExited, context: 0x3n });
    const properties = await run((o) => callAsync(cc.HcsGetProcessProperties, process_[0], o, null));
    expect(JSON.parse(properties.document!)).toMatchObject({
      ProcessId: info.ProcessId,
      Exited: true,
      ExitCode: 3,
    });

    await callAsync(cc.HcsCloseProcess, process_[0]);
    koffi.unregister(events.pointer);
    await run((o) => callAsync(cc.HcsTerminateComputeSystem, handle, o, null));
    await closeSystem(handle);
  });

  it('opens, signals and terminates a process; a failed create-process gives no handle', async () => {
    const { handle } = await runningSystem();
    const created = out();
    const op = cc.HcsCreateOperation(null, null);
    expect(
      hex(await callAsync(cc.HcsCreateProcess, handle, '{"CommandLine":"sleep 60"}', op, null, created)),
    ).toBe(hex(S_OK));
    const info: Partial<ProcessInformationValue> = {};
    await callAsync(cc.HcsWaitForOperationResultAndProcessInfo, op, INFINITE, info, null);
    cc.HcsCloseOperation(op);
    const opened = out();
    expect(hex(await callAsync(cc.HcsOpenProcess, handle, info.ProcessId!, GENERIC_ALL, opened))).toBe(
      hex(S_OK),
    );
    expect(hex((await run((o) => callAsync(cc.HcsTerminateProcess, opened[0], o, null))).hr)).toBe(hex(S_OK));
    expect(hex(await callAsync(cc.HcsWaitForProcessExit, created[0], INFINITE, null))).toBe(hex(S_OK));
    await callAsync(cc.HcsCloseProcess, opened[0]);
    await callAsync(cc.HcsCloseProcess, created[0]);

    const failed = out();
    const bad = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(cc.HcsCreateProcess, handle, '{"CommandLine":', bad, null, failed))).toBe(
      hex(S_OK),
    );
    expect(failed[0]).toBeNull();
    expect(hex((await waitResult(bad)).hr)).toBe(hex(0x8037010d));
    cc.HcsCloseOperation(bad);
    await run((o) => callAsync(cc.HcsTerminateComputeSystem, handle, o, null));
    await closeSystem(handle);
  });
});

describe('the service', () => {
  it('properties, settings and the file functions answer synchronously', async () => {
    const result = out();
    expect(hex(await callAsync(cc.HcsGetServiceProperties, '{"PropertyTypes":["Basic"]}', result))).toBe(
      hex(S_OK),
    );
    expect(JSON.parse(readString16(result[0])!)).toMatchObject({ Properties: expect.any(Array) });
    cc.CoTaskMemFree(result[0]);
    const failed = out();
    expect(hex(await callAsync(cc.HcsModifyServiceSettings, 'not json', failed))).toBe(hex(0x8037010d));
    expect(JSON.parse(readString16(failed[0])!)).toMatchObject({ Error: 0x8037010d | 0 });
    cc.CoTaskMemFree(failed[0]);

    const state = join(scratch, 'guest.vmgs');
    expect(hex(await callAsync(cc.HcsCreateEmptyGuestStateFile, state))).toBe(hex(S_OK));
    expect(statSync(state).size).toBe(0);
    expect(hex(await callAsync(cc.HcsGrantVmAccess, 'vm', state))).toBe(hex(S_OK));
    expect(hex(await callAsync(cc.HcsGrantVmAccess, 'vm', join(scratch, 'missing')))).toBe(
      hex(FILE_NOT_FOUND),
    );
    const features = out();
    expect(hex(await callAsync(cc.HcsGetProcessorCompatibilityFromSavedState, state, features))).toBe(
      hex(S_OK),
    );
    expect(typeof readString16(features[0])).toBe('string');
    cc.CoTaskMemFree(features[0]);
    expect(hex(await callAsync(newer.HcsSubmitWerReport, '{}'))).toBe(hex(S_OK));
  });

  it('every operation and handle of this file is released, here and at the service', async () => {
    expect([cc.SimLiveOperations(), cc.SimLiveHandles()]).toEqual([0, 0]);
    await expectNothingHeld(sim.control);
  });
});

describe('a lost service', () => {
  // Last: it drops the connection.
  it('tells each handle’s callback, fails what was pending, and a new connection works', async () => {
    await sim.control.reset({ ...fixture, completionDelayMs: 60_000 });
    const handle = await open('test-container-created');
    const events = eventRecorder();
    expect(hex(await callAsync(cc.HcsSetComputeSystemCallback, handle, 0, null, events.pointer))).toBe(
      hex(S_OK),
    );
    const op = cc.HcsCreateOperation(null, null);
    expect(hex(await callAsync(cc.HcsStartComputeSystem, handle, op, null))).toBe(hex(S_OK));
    const exitWait = callAsync(cc.HcsWaitForComputeSystemExit, handle, INFINITE, null);
    await sim.control.disconnect(200);
    expect(hex((await waitResult(op)).hr)).toBe(hex(HCS_E.SERVICE_DISCONNECT));
    expect(hex(await exitWait)).toBe(hex(HCS_E.SERVICE_DISCONNECT));
    await until(() => events.events.length === 1);
    expect(events.types()).toEqual([EVENT.ServiceDisconnect]);
    cc.HcsCloseOperation(op);
    await closeSystem(handle);
    koffi.unregister(events.pointer);
    await sim.control.reset(fixture);
    await until(() => cc.SimConnectionState() === 2);
    // The next call connects again.
    // The next call connects again, once the service listens again (it refuses connects for 200 ms).
    for (;;) {
      const h = out();
      const hr = await callAsync(cc.HcsOpenComputeSystem, 'test-vm-running', GENERIC_ALL, h);
      if (h[0] !== null) await closeSystem(h[0]);
      if (hr === S_OK) break;
      expect(hex(hr)).toBe(hex(SERVER_UNAVAILABLE));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(cc.SimConnectionState()).toBe(1);
  });
});
