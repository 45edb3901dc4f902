// computecore's closes drain: HcsCloseComputeSystem and HcsCloseProcess wait for an event callback in flight on
// that handle, and HcsCloseOperation for a completion callback in flight of that operation, then return; the
// callback is never called again afterwards. Each callback here blocks the JS thread, so the fake service runs on
// a worker (test/integration/native/callback-wait.worker.ts).
import koffi from 'koffi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { CallbackWaitService } from './native/callback-wait-service.ts';
import { callAsync, out } from './native/ffi.ts';
import type { Pointer } from './native/ffi.ts';
import {
  CompletionPointer,
  EventCallbackPointer,
  loadComputecoreSim,
  readEvent,
} from './native/ffi-computecore.ts';
import type { ComputecoreSim } from './native/ffi-computecore.ts';
import { hex, until } from './native/util.ts';

const SYSTEM_EXITED = 1;
const PROCESS_EXITED = 0x10000;
/** How long the blocked callback gives a library that does not wait the chance to return anyway. */
const GRACE_MS = 100;

let cc: ComputecoreSim;
let service: CallbackWaitService;

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  cc = loadComputecoreSim(libs.computecore);
  service = await CallbackWaitService.start();
});

afterAll(async () => {
  await service?.stop();
});

beforeEach(() => service.resetFlags());

interface Case {
  name: string;
  kind: 'system' | 'process';
  eventType: number;
  notificationType: number;
  closeOp: number;
}

const cases: Case[] = [
  {
    name: 'HcsCloseComputeSystem',
    kind: 'system',
    eventType: 1,
    notificationType: SYSTEM_EXITED,
    closeOp: 4,
  },
  {
    name: 'HcsCloseProcess',
    kind: 'process',
    eventType: 0x10000,
    notificationType: PROCESS_EXITED,
    closeOp: 18,
  },
];

/** An open system handle (and, for processes, a process of it), registered by the library. */
async function openHandle(kind: 'system' | 'process'): Promise<{ handle: Pointer; system: Pointer }> {
  const system = out();
  expect(hex(await callAsync(cc.HcsOpenComputeSystem, 'any', 0x10000000, system))).toBe(hex(0));
  service.registrations++;
  if (kind === 'system') return { handle: system[0], system: system[0] };
  const process_ = out();
  expect(hex(await callAsync(cc.HcsOpenProcess, system[0], 42, 0x10000000, process_))).toBe(hex(0));
  service.registrations++;
  return { handle: process_[0], system: system[0] };
}

describe('closing a handle whose event callback is running', () => {
  it.each(cases)('$name (async) returns only after the callback returned', async (c) => {
    const { handle, system } = await openHandle(c.kind);
    const registration = service.registrations;
    const events: string[] = [];
    let closed: Promise<void> | undefined;
    const pointer = koffi.register((event: unknown) => {
      events.push(`callback entered (${readEvent(event).Type})`);
      const close = c.kind === 'system' ? cc.HcsCloseComputeSystem : cc.HcsCloseProcess;
      closed = callAsync(close, handle).then(() => {
        events.push('close returned');
      });
      // Block this callback, and so the library's dispatcher thread, until the service answered the close.
      events.push(`service answered: ${Atomics.wait(service.flags, 0, 0, 10_000) !== 'timed-out'}`);
      // The close now only waits for this callback; a library that did not wait would return meanwhile.
      Atomics.wait(service.flags, 1, 0, GRACE_MS);
      events.push('callback leaving');
    }, EventCallbackPointer) as bigint;
    const set = c.kind === 'system' ? cc.HcsSetComputeSystemCallback : cc.HcsSetProcessCallback;
    expect(hex(await callAsync(set, handle, 0, null, pointer))).toBe(hex(0));
    service.send({ type: 'notify', registration, notificationType: c.notificationType });

    await until(() => closed !== undefined);
    await closed;
    expect(Atomics.load(service.flags, 0)).toBe(c.closeOp);
    expect(events).toEqual([
      `callback entered (${c.eventType})`,
      'service answered: true',
      'callback leaving',
      'close returned',
    ]);
    if (c.kind === 'process') await callAsync(cc.HcsCloseComputeSystem, system);
    expect(cc.SimLiveHandles()).toBe(0);
    koffi.unregister(pointer); // only now: the library will never call it again
  });
});

describe('closing an operation whose completion callback is running', () => {
  it('HcsCloseOperation (async) returns only after the callback returned', async () => {
    const { handle } = await openHandle('system');
    const events: string[] = [];
    let closed: Promise<void> | undefined;
    const pointer = koffi.register((operation: Pointer) => {
      events.push('callback entered');
      closed = callAsync(cc.HcsCloseOperation, operation).then(() => {
        events.push('close returned');
      });
      Atomics.wait(service.flags, 1, 0, GRACE_MS);
      events.push('callback leaving');
    }, CompletionPointer) as bigint;
    const op = cc.HcsCreateOperation(null, pointer);
    // The worker answers a properties query "not supported": the operation completes with that.
    expect(hex(await callAsync(cc.HcsGetComputeSystemProperties, handle, op, '{}'))).toBe(hex(0));
    await until(() => closed !== undefined);
    await closed;
    expect(events).toEqual(['callback entered', 'callback leaving', 'close returned']);
    expect(cc.SimLiveOperations()).toBe(0);
    await callAsync(cc.HcsCloseComputeSystem, handle);
    koffi.unregister(pointer);
  });
});
