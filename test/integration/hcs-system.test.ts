// System and the service-wide calls through the real koffi binding against a fresh simulator: every method's
// success path and its error paths, with hcsshim's op names, HRESULTs and ErrorEvents.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrAlreadyClosed,
  ErrVmcomputeUnexpectedExit,
  HcsError,
  NotificationType,
  SystemError,
  System,
  errorEvents,
  errorHresult,
  errorIs,
  getComputeSystems,
  getServiceProperties,
  isAccessIsDenied,
  isAlreadyClosed,
  isNotExist,
  isNotSupported,
  isOperationInvalidState,
  modifyServiceSettings,
  type HcsNotification,
} from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, expectNothingHeld, inApiForm, isV2, linuxVmDoc, uniqueId } from './hcs-support.ts';

let sim: StartedSim;
const opened: System[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
});
afterEach(async () => {
  await sim.control.clearFaults();
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await expectNothingHeld(sim.control);
});
afterAll(async () => {
  await sim?.stop();
});

async function create(doc: string | object = containerDoc('c')): Promise<System> {
  const sys = await System.create(uniqueId('sys'), doc);
  opened.push(sys);
  return sys;
}
async function open(id: string): Promise<System> {
  const sys = await System.open(id);
  opened.push(sys);
  return sys;
}
async function state(sys: System): Promise<string | undefined> {
  return (await sys.properties()).State;
}
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('getComputeSystems', () => {
  it('lists every system of every owner, and filters by Ids', async () => {
    const all = await getComputeSystems();
    expect(all.map((s) => s.Id)).toEqual(
      expect.arrayContaining(['test-container-running', 'test-vm-running', 'test-vm-stopped']),
    );
    const running = all.find((s) => s.Id === 'test-container-running')!;
    expect(running).toMatchObject({ State: 'Running', SystemType: 'Container', Owner: 'docker' });
    const one = await getComputeSystems({ Ids: ['test-vm-paused'] });
    expect(one.map((s) => s.Id)).toEqual(['test-vm-paused']);
    expect(await getComputeSystems({ Ids: ['nothing-like-this'] })).toEqual([]);
  });

  it('fails with an HcsError carrying the HRESULT and events (access denied fault)', async () => {
    await sim.control.setFaults({ accessDenied: ['EnumerateComputeSystems'] });
    const e = await failure(getComputeSystems());
    expect(e).toBeInstanceOf(HcsError);
    expect(e.message).toMatch(/^hcs::GetComputeSystems: Access is denied\./);
    expect(isAccessIsDenied(e)).toBe(true);
    expect(errorHresult(e)).toBe(0x80070005);
    expect(errorEvents(e).length).toBeGreaterThan(0);
  });

  it('reports a document it cannot parse as an error, not a crash (malformed JSON fault)', async () => {
    await sim.control.setFaults({ malformedJson: ['EnumerateComputeSystems'] });
    const e = await failure(getComputeSystems());
    expect(e).toBeInstanceOf(HcsError);
    expect(e.message).toMatch(/^hcs::GetComputeSystems: /);
  });
});

describe('service properties and settings', () => {
  it('returns the service properties document', async () => {
    const props = await getServiceProperties({ PropertyTypes: ['Basic'] });
    expect(typeof props).toBe('object');
  });

  it('sends a service settings request and reports HCS errors', async () => {
    await sim.control.setFaults({ accessDenied: ['ModifyServiceSettings'] });
    expect(
      isAccessIsDenied(await failure(modifyServiceSettings({ PropertyType: 'CpuGroup', Settings: {} }))),
    ).toBe(true);
  });
});

describe('System.open', () => {
  it('caches os, type and owner, and isOCI follows them', async () => {
    const vm = await open('test-vm-running');
    expect(vm.id).toBe('test-vm-running');
    expect(vm.os()).toBe('linux');
    expect(vm.type()).toBe('virtualmachine');
    expect(vm.owner()).toBe('wsl');
    expect(vm.isOCI()).toBe(false);
    const c = await open('test-container-running');
    expect(c.os()).toBe('windows');
    expect(c.type()).toBe('container');
    expect(c.isOCI()).toBe(false);
    expect(vm.exited()).toBe(false);
    expect(vm.exitError()?.message).toBe('container not exited');
  });

  it('fails for an unknown id with a SystemError: not exist, 0xC037010E, events', async () => {
    const e = await failure(System.open('no-such-system'));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::OpenComputeSystem');
    expect((e as SystemError).id).toBe('no-such-system');
    // vmcompute's open returns a result document with the service's events; computecore's open has none.
    expect(e.message).toMatch(
      isV2()
        ? /^hcs::OpenComputeSystem no-such-system: A virtual machine or container with the specified identifier does not exist\.$/
        : /^hcs::OpenComputeSystem no-such-system: A virtual machine or container with the specified identifier does not exist\.\n\[Event Detail: /,
    );
    expect(isNotExist(e)).toBe(true);
    expect(errorHresult(e)).toBe(inApiForm(0xc037010e));
  });

  it('fails cleanly when registering the callback is denied, leaving no handle open', async () => {
    await sim.control.setFaults({ accessDenied: ['RegisterComputeSystemCallback'] });
    const e = await failure(System.open('test-vm-running'));
    expect(isAccessIsDenied(e)).toBe(true);
    expect((e as SystemError).op).toBe('hcs::OpenComputeSystem');
  });
});

describe('System.create', () => {
  it('creates from an object or from JSON text as is, in state Created', async () => {
    const a = await create(containerDoc('from-object'));
    expect(await state(a)).toBe('Created');
    expect(a.type()).toBe('container');
    expect(a.os()).toBe('windows');
    const b = await create(JSON.stringify(linuxVmDoc()));
    expect(await state(b)).toBe('Created');
    expect(b.type()).toBe('virtualmachine');
    expect(b.os()).toBe('linux');
    expect((await getComputeSystems({ Ids: [a.id, b.id] })).length).toBe(2);
  });

  it('rejects a duplicate id (0xC037010F) with the service events', async () => {
    const a = await create();
    const e = await failure(System.create(a.id, containerDoc('dup')));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::CreateComputeSystem');
    expect(errorHresult(e)).toBe(inApiForm(0xc037010f));
    expect(errorEvents(e)[0]?.Message).toContain(a.id);
  });

  it('rejects malformed JSON text with ERROR_VMCOMPUTE_INVALID_JSON and says where', async () => {
    const id = uniqueId('bad');
    const e = await failure(System.create(id, '{"SystemType": '));
    expect(errorHresult(e)).toBe(inApiForm(0xc037010d));
    expect(isNotSupported(e)).toBe(true);
    expect(errorEvents(e)[0]?.Message).toMatch(/line 1/);
    expect(await getComputeSystems({ Ids: [id] })).toEqual([]);
  });

  it('fails with access denied and creates nothing', async () => {
    await sim.control.setFaults({ accessDenied: ['CreateComputeSystem'] });
    const id = uniqueId('denied');
    expect(isAccessIsDenied(await failure(System.create(id, containerDoc('x'))))).toBe(true);
    await sim.control.clearFaults();
    expect(await getComputeSystems({ Ids: [id] })).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('start, pause, resume move through the states, each waiting for its completion', async () => {
    const sys = await create();
    const seen: string[] = [];
    sys.onNotification((n) => seen.push(n.typeName));
    await sys.start();
    expect(await state(sys)).toBe('Running');
    await sys.pause();
    expect(await state(sys)).toBe('Paused');
    await sys.resume();
    expect(await state(sys)).toBe('Running');
    await new Promise((r) => setImmediate(r));
    // vmcompute completes them with notifications; computecore with operations, which notify nobody.
    expect(seen).toEqual(
      isV2() ? [] : ['SystemStartCompleted', 'SystemPauseCompleted', 'SystemResumeCompleted'],
    );
  });

  it('operations invalid in the current state fail with ERROR_VMCOMPUTE_INVALID_STATE', async () => {
    const sys = await create();
    const resume = await failure(sys.resume());
    expect(resume).toBeInstanceOf(SystemError);
    expect((resume as SystemError).op).toBe('hcs::System::Resume');
    expect(isOperationInvalidState(resume)).toBe(true);
    expect(isOperationInvalidState(await failure(sys.pause()))).toBe(true);
    await sys.start();
    const again = await failure(sys.start());
    expect(again.message).toMatch(
      new RegExp(
        `^hcs::System::Start ${sys.id}: The requested virtual machine or container operation is not valid in the current state\\.`,
      ),
    );
    expect(isOperationInvalidState(await failure(sys.save({ SaveType: 'ToFile' })))).toBe(true);
  });

  it('save on a paused system (ToFile stays Paused, AsTemplate → SavedAsTemplate)', async () => {
    const sys = await create(linuxVmDoc());
    await sys.start();
    await sys.pause();
    await sys.save({ SaveType: 'ToFile', SaveStateFilePath: '/tmp/hcs-integration.vmrs' });
    expect(await state(sys)).toBe('Paused');
    await sys.save('{"SaveType":"AsTemplate"}');
    expect(await state(sys)).toBe('SavedAsTemplate');
  });

  it('shutdown: the system stops gracefully, wait() resolves, a second shutdown or terminate is swallowed', async () => {
    const sys = await create();
    await sys.start();
    const exits: HcsNotification[] = [];
    sys.onNotification((n) => n.type === NotificationType.SystemExited && exits.push(n));
    await sys.shutdown();
    await sys.wait();
    expect(sys.exited()).toBe(true);
    expect(sys.exitError()).toBeNull();
    expect(await state(sys)).toBe('Stopped');
    await sys.shutdown();
    await sys.terminate();
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(exits[0]!.data!)).toMatchObject({ ExitType: 'GracefulExit' });
  });

  it('terminate: a forced exit, seen by every handle of the system', async () => {
    const sys = await create();
    await sys.start();
    const other = await open(sys.id);
    await sys.terminate();
    await Promise.all([sys.wait(), other.wait()]);
    expect(other.exitError()).toBeNull();
    expect((await other.propertiesV2()).ExitType).toBe('ForcedExit');
  });

  it('shutdown/terminate of a system stopped by someone else is swallowed (already stopped)', async () => {
    const sys = await open('test-vm-stopped');
    await sys.shutdown();
    await sys.terminate();
    expect(isOperationInvalidState(await failure(sys.start()))).toBe(true);
  });

  it('a crash: wait() resolves and exitError() is ERROR_VMCOMPUTE_UNEXPECTED_EXIT', async () => {
    const sys = await create();
    await sys.start();
    await sim.control.crash(sys.id);
    await sys.wait();
    const exit = sys.exitError();
    expect(exit).toBeInstanceOf(SystemError);
    expect((exit as SystemError).op).toBe('hcs::System::waitBackground');
    expect(errorIs(exit, ErrVmcomputeUnexpectedExit)).toBe(true);
  });
});

describe('modify and properties', () => {
  it('modify sends the request (object or JSON text) and HCS applies it', async () => {
    const sys = await create(linuxVmDoc());
    await sys.modify({
      ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
      RequestType: 'Update',
      Settings: 2048,
    });
    await sys.modify('{"ResourceType":"Network","RequestType":"Add","Settings":"endpoint-1"}');
    const summary = (await sim.control.systems()).find((s) => s.id === sys.id)!;
    expect(summary.memorySizeInMB).toBe(2048);
    expect(summary.modifications.length).toBe(2);
  });

  it('modify errors carry the op, HRESULT and events', async () => {
    const sys = await create(linuxVmDoc());
    const e = await failure(sys.modify('{"ResourcePath":'));
    expect((e as SystemError).op).toBe('hcs::System::Modify');
    expect(errorHresult(e)).toBe(inApiForm(0xc037010d));
    expect(errorEvents(e).length).toBeGreaterThan(0);
    const bad = await failure(
      sys.modify({
        ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
        RequestType: 'Update',
        Settings: -1,
      }),
    );
    expect(errorHresult(bad)).toBe(0x80070057);
  });

  it('V1 properties with types, and V2 properties', async () => {
    const sys = await open('test-container-running');
    const v1 = await sys.properties('Statistics', 'ProcessList');
    expect(v1.Id).toBe('test-container-running');
    expect(v1.Statistics).toBeDefined();
    expect(Array.isArray(v1.ProcessList)).toBe(true);
    const v2 = await sys.propertiesV2('Statistics', 'Memory');
    expect(v2.Statistics?.Memory).toBeDefined();
    const v3 = await sys.propertiesV3({ PropertyTypes: ['Statistics'] });
    expect(v3.Statistics).toBeDefined();
  });

  it('an unknown property type is HCS’s error; an unparsable answer is a SystemError', async () => {
    const sys = await open('test-container-running');
    const e = await failure(sys.properties('NoSuchType' as never));
    expect(e).toBeInstanceOf(SystemError);
    expect(errorHresult(e)).toBeDefined();
    await sim.control.setFaults({ malformedJson: ['GetComputeSystemProperties'] });
    const garbled = await failure(sys.propertiesV2('Statistics'));
    expect(garbled).toBeInstanceOf(SystemError);
    expect((garbled as SystemError).op).toBe('hcs::System::PropertiesV2');
    expect(errorHresult(garbled)).toBeUndefined();
  });
});

describe('close', () => {
  it('is idempotent; every operation afterwards fails with ErrAlreadyClosed, shutdown/terminate are no-ops', async () => {
    const sys = await System.create(uniqueId('closed'), containerDoc('c'));
    await sys.close();
    await sys.close();
    for (const [op, call] of [
      ['Start', () => sys.start()],
      ['Pause', () => sys.pause()],
      ['Resume', () => sys.resume()],
      ['Save', () => sys.save()],
      ['Modify', () => sys.modify({})],
      ['Properties', () => sys.properties()],
      ['PropertiesV2', () => sys.propertiesV2()],
      ['CreateProcess', () => sys.createProcess({ CommandLine: 'true' })],
      ['OpenProcess', () => sys.openProcess(1)],
    ] as const) {
      const e = await failure(call());
      expect(e).toBeInstanceOf(SystemError);
      expect((e as SystemError).op).toBe(`hcs::System::${op}`);
      expect(isAlreadyClosed(e)).toBe(true);
    }
    await sys.shutdown();
    await sys.terminate();
    await expect(sys.wait()).rejects.toBe(ErrAlreadyClosed);
    expect(sys.exitError()).toBe(ErrAlreadyClosed);
    // Closing does not stop the system: it is still there to open.
    const again = await open(sys.id);
    expect(await state(again)).toBe('Created');
  });

  it('releases a pending wait() with ErrAlreadyClosed', async () => {
    const sys = await System.open('test-container-running');
    const waiting = sys.wait().catch((e: unknown) => e);
    await sys.close();
    expect(await waiting).toBe(ErrAlreadyClosed);
  });
});
