// What only the HCS V2 binding (src/hcs/computecore) has to show, against the simulator: exports loaded lazily
// (a build without the newer ones loads and works; a missing one fails its call, "not supported on this Windows
// build"), operations that hold no pool thread while they wait, hcsshim's timeout cancelling and closing an
// operation, a close releasing a pending start, and a crash with its events. The suites both APIs share run in
// the integration-v2 project (vitest.config.ts).
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { KoffiComputecore } from '../../src/hcs/computecore/computecore.ts';
import { ComputecoreExports } from '../../src/hcs/computecore/exports.ts';
import {
  ErrAlreadyClosed,
  ErrTimeout,
  ErrVmcomputeUnexpectedExit,
  ExportMissingError,
  NotificationType,
  System,
  errorIs,
  hcsApi,
  isExportMissing,
  isTimeout,
  probeComputecore,
  timeouts,
  useHcsApi,
  type HcsNotification,
} from '../../src/hcs/index.ts';
import type { Fixture } from '../../sim/control/types.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, expectNothingHeld, uniqueId } from './hcs-support.ts';
import { backend } from '../../src/hcs/backend.ts';
import { until } from './native/util.ts';

const NEWER = [
  'HcsWaitForComputeSystemExit',
  'HcsWaitForProcessExit',
  'HcsCreateOperationWithNotifications',
  'HcsGetOperationProperties',
  'HcsInitializeLiveMigrationOnSource',
  'HcsStartLiveMigrationOnSource',
  'HcsStartLiveMigrationTransfer',
  'HcsFinalizeLiveMigration',
  'HcsCancelLiveMigration',
  'HcsSubmitWerReport',
];

let sim: StartedSim;
let libs: Awaited<ReturnType<typeof buildNative>>;
/** The binding's own library's diagnostics (dlopen hands back the same loaded library, so the same state). */
let liveOperations: () => number;

/** Systems whose operations take a minute to complete. */
const slowFixture = (count = 1): Fixture => ({
  completionDelayMs: 60_000,
  systems: Array.from({ length: count }, (_, i) => ({
    id: `slow-created-${i}`,
    systemType: 'Container' as const,
    runtimeOsType: 'windows' as const,
    state: 'Created' as const,
  })),
});

beforeAll(async () => {
  useHcsApi('v2');
  libs = await buildNative({ quiet: true });
  liveOperations = koffi.load(libs.computecore).func('SimLiveOperations', 'int32_t', []) as () => number;
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
});
afterEach(async () => {
  await sim.control.clearFaults();
  await expectNothingHeld(sim.control);
});
afterAll(async () => {
  await sim?.stop();
});

describe('lazy exports', () => {
  it('a build without the newer exports loads, is usable, and says which exports it lacks', async () => {
    const base = await probeComputecore(libs.computecoreBase);
    expect(base).toMatchObject({ usable: true, loadError: null, missingRequired: [] });
    expect([...base.missing].sort()).toEqual([...NEWER].sort());
    const full = await probeComputecore(libs.computecore);
    expect(full).toMatchObject({ usable: true, missing: [] });
    const absent = await probeComputecore('/nonexistent/libcomputecore.so');
    expect(absent.usable).toBe(false);
    expect(absent.loadError).toMatch(/was not found/);
  });

  it('calling an export the build lacks fails that call only: "not supported on this Windows build"', () => {
    const exports = ComputecoreExports.load(libs.computecoreBase);
    expect(() => exports.fn('HcsSubmitWerReport')).toThrow(ExportMissingError);
    let thrown: unknown;
    try {
      exports.fn('HcsCreateOperationWithNotifications');
    } catch (e) {
      thrown = e;
    }
    expect(isExportMissing(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(
      'HcsCreateOperationWithNotifications is not supported on this Windows build (computecore.dll has no such export)',
    );
    // Everything else still works from the same library.
    expect(typeof exports.fn('HcsCreateOperation')).toBe('function');
    expect(exports.has('HcsCrashComputeSystem')).toBe(true);
  });
});

describe('operations', () => {
  it('hold no pool thread while they wait: ten pending starts, no native call in flight', async () => {
    await sim.control.reset(slowFixture(10));
    const { vm } = await backend();
    const binding = vm as KoffiComputecore;
    // Ten systems whose completions take a minute: each start's operation stays pending.
    const handles = await Promise.all(Array.from({ length: 10 }, (_, i) => System.open(`slow-created-${i}`)));
    const starts = handles.map((s) => s.start().catch((e: unknown) => e));
    await until(() => binding.openOperations === 10 && binding.callStats.inFlight === 0);
    expect(binding.callStats).toMatchObject({ inFlight: 0, queued: 0 });
    // A close releases a pending start, as it releases a notification wait through vmcompute.
    await Promise.all(handles.map((s) => s.close()));
    for (const outcome of await Promise.all(starts)) expect(errorIs(outcome, ErrAlreadyClosed)).toBe(true);
    await until(() => liveOperations() === 0);
    await sim.control.reset();
  });

  it('hcsshim’s timeout cancels the operation and closes it; the caller gets ErrTimeout', async () => {
    await sim.control.reset(slowFixture());
    const saved = timeouts.systemStart;
    timeouts.systemStart = 150;
    const sys = await System.open('slow-created-0');
    try {
      const e = await sys.start().catch((err: unknown) => err);
      expect(errorIs(e, ErrTimeout)).toBe(true);
      expect(isTimeout(e)).toBe(true);
      await until(() => liveOperations() === 0);
    } finally {
      timeouts.systemStart = saved;
      await sys.close();
      await sim.control.reset();
    }
  });
});

describe('a crash (V2 only)', () => {
  it('reports SystemCrashInitiated, SystemCrashReport and the unexpected exit', async () => {
    expect(hcsApi()).toBe('v2');
    const sys = await System.create(uniqueId('crash'), containerDoc('crash'));
    try {
      await sys.start();
      const seen: HcsNotification[] = [];
      sys.onNotification((n) => seen.push(n));
      await sys.crash();
      await sys.wait();
      expect(errorIs(sys.exitError(), ErrVmcomputeUnexpectedExit)).toBe(true);
      await until(() => seen.length === 3);
      expect(seen.map((n) => n.type)).toEqual([
        NotificationType.SystemCrashInitiated,
        NotificationType.SystemCrashReport,
        NotificationType.SystemExited,
      ]);
      expect(JSON.parse(seen[1]!.data!)).toMatchObject({ SystemId: sys.id, CrashLog: expect.any(String) });
    } finally {
      await sys.close();
    }
  });
});
