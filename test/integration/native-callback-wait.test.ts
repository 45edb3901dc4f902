// Unregister and close must wait for a callback in flight of the registrations they release (as HCS does), and
// must return once it is done. The callback here blocks the JS thread, so the fake service runs on a worker.
import koffi from 'koffi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { CallbackWaitService } from './native/callback-wait-service.ts';
import { callAsync, loadVmcomputeSim, NotificationCallbackPointer, out } from './native/ffi.ts';
import type { Pointer, VmcomputeSim } from './native/ffi.ts';
import { hex, until } from './native/util.ts';

const START_COMPLETED = 3;
const PROCESS_EXITED = 0x10000;
/** How long the blocked callback gives a library that does not wait the chance to return anyway. */
const GRACE_MS = 100;

let hcs: VmcomputeSim;
let service: CallbackWaitService;

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  hcs = loadVmcomputeSim(libs.vmcompute);
  service = await CallbackWaitService.start();
});

afterAll(async () => {
  await service?.stop();
});

beforeEach(() => service.resetFlags());

interface Case {
  name: string;
  kind: 'system' | 'process';
  notificationType: number;
  /** The release call made from inside the callback. */
  release: (registration: Pointer, handle: bigint) => Promise<number>;
  releaseOp: number;
}

const cases: Case[] = [
  {
    name: 'HcsUnregisterComputeSystemCallback',
    kind: 'system',
    notificationType: START_COMPLETED,
    release: (registration) => callAsync(hcs.HcsUnregisterComputeSystemCallback, registration),
    releaseOp: 14,
  },
  {
    name: 'HcsCloseComputeSystem',
    kind: 'system',
    notificationType: START_COMPLETED,
    release: (_, handle) => callAsync(hcs.HcsCloseComputeSystem, handle),
    releaseOp: 4,
  },
  {
    name: 'HcsUnregisterProcessCallback',
    kind: 'process',
    notificationType: PROCESS_EXITED,
    release: (registration) => callAsync(hcs.HcsUnregisterProcessCallback, registration),
    releaseOp: 26,
  },
  {
    name: 'HcsCloseProcess',
    kind: 'process',
    notificationType: PROCESS_EXITED,
    release: (_, handle) => callAsync(hcs.HcsCloseProcess, handle),
    releaseOp: 18,
  },
];

describe('releasing a registration whose callback is running', () => {
  it.each(cases)('$name (async) returns only after the callback returned', async (c) => {
    const handle = BigInt(100 + service.registrations);
    const registration = out();
    const events: string[] = [];
    let released: Promise<number> | undefined;
    const pointer = koffi.register((type: number) => {
      events.push(`callback entered (${type})`);
      released = c.release(registration[0], handle).then((hr) => {
        events.push('release returned');
        return hr;
      });
      // Block this callback, and so the library's dispatcher thread, until the service answered the release.
      events.push(`service answered: ${Atomics.wait(service.flags, 0, 0, 10_000) !== 'timed-out'}`);
      // The release now only waits for this callback; a library that did not wait would return meanwhile.
      Atomics.wait(service.flags, 1, 0, GRACE_MS);
      events.push(`registrations still held: ${hcs.SimLiveRegistrations()}`);
      events.push('callback leaving');
    }, NotificationCallbackPointer) as bigint;

    const register =
      c.kind === 'system' ? hcs.HcsRegisterComputeSystemCallback : hcs.HcsRegisterProcessCallback;
    expect(await callAsync(register, handle, pointer, 0n, registration)).toBe(0);
    service.registrations++;
    expect(hcs.SimLiveRegistrations()).toBe(1);
    service.send({
      type: 'notify',
      registration: service.registrations,
      notificationType: c.notificationType,
    });

    await until(() => released !== undefined);
    expect(hex(await released!)).toBe(hex(0));
    expect(Atomics.load(service.flags, 0)).toBe(c.releaseOp);
    expect(events).toEqual([
      `callback entered (${c.notificationType})`,
      'service answered: true',
      'registrations still held: 1',
      'callback leaving',
      'release returned',
    ]);
    expect(hcs.SimLiveRegistrations()).toBe(0);
    koffi.unregister(pointer); // only now: the library will never call it again
  });
});
