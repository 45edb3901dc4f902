// The simulator service over its wire protocol: create, open, enumerate, properties, the lifecycle with its
// notifications, and the errors HCS answers with. Speaks the protocol from TypeScript (no C library).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WireClient } from '../../sim/control/wire-client.ts';
import { HR } from '../../sim/service/hresult.ts';
import { Notification, Op } from '../../sim/service/ops.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

let sim: StartedSim;
let c: WireClient;

const VM = {
  Owner: 'sim-test',
  SchemaVersion: { Major: 2, Minor: 1 },
  VirtualMachine: {
    Chipset: { Uefi: {} },
    ComputeTopology: { Memory: { Backing: 'Physical', SizeInMB: 1024 }, Processor: { Count: 2 } },
  },
};

beforeAll(async () => {
  sim = await startSim({ fixture: 'test' });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(async () => {
  await c?.close();
  await sim.control.reset();
});

async function client(name = 'systems-test'): Promise<WireClient> {
  c = await WireClient.connect(sim.socketPath, name);
  return c;
}

/** Opens (or creates) and registers; returns the handle and registration. */
async function openRegistered(w: WireClient, id: string) {
  const open = await w.op('OpenComputeSystem', id);
  expect(open.hr).toBe(0);
  const handle = open.out.handle as number;
  const reg = await w.op('RegisterComputeSystemCallback', handle);
  return { handle, registration: reg.out.registration as number };
}

describe('create, complete, start, stop', () => {
  it('creates with PENDING, delivers CreateCompleted to the registration made afterwards, then runs the lifecycle', async () => {
    const w = await client();
    const created = await w.op('CreateComputeSystem', 'vm-new', JSON.stringify(VM), 0);
    expect(created.hr).toBe(HR.PENDING);
    expect(created.result).toBeNull();
    const handle = created.out.handle as number;
    expect(handle).toBeGreaterThan(0);
    const reg = (await w.op('RegisterComputeSystemCallback', handle)).out.registration as number;
    await w.waitFor(
      (n) => n.registration === reg && n.type === Notification.SystemCreateCompleted && n.status === 0,
    );

    const props = async () =>
      JSON.parse((await w.op('GetComputeSystemProperties', handle, '{}')).out.properties as string);
    expect(await props()).toMatchObject({
      Id: 'vm-new',
      State: 'Created',
      Owner: 'sim-test',
      SystemType: 'VirtualMachine',
    });

    for (const [op, done, state] of [
      ['StartComputeSystem', Notification.SystemStartCompleted, 'Running'],
      ['PauseComputeSystem', Notification.SystemPauseCompleted, 'Paused'],
      ['ResumeComputeSystem', Notification.SystemResumeCompleted, 'Running'],
    ] as const) {
      expect((await w.op(op, handle, '')).hr).toBe(HR.PENDING);
      await w.waitFor((n) => n.registration === reg && n.type === done);
      expect((await props()).State).toBe(state);
    }

    expect((await w.op('ShutdownComputeSystem', handle, '')).hr).toBe(HR.PENDING);
    const exited = await w.waitFor((n) => n.registration === reg && n.type === Notification.SystemExited);
    expect(exited.status).toBe(0);
    expect(JSON.parse(exited.data!)).toMatchObject({ ExitType: 'GracefulExit' });
    expect(await props()).toMatchObject({ State: 'Stopped', Stopped: true, ExitType: 'GracefulExit' });

    // A stopped system stays listed while a handle is open, and goes when the last one closes.
    expect((await sim.control.systems()).some((s) => s.id === 'vm-new')).toBe(true);
    expect((await w.op('CloseComputeSystem', handle)).hr).toBe(0);
    expect((await sim.control.systems()).some((s) => s.id === 'vm-new')).toBe(false);
  });

  it('saves a paused system to a file', async () => {
    const w = await client();
    const { handle, registration } = await openRegistered(w, 'test-vm-paused');
    const path = `${sim.socketPath}.state.json`;
    expect(
      (
        await w.op(
          'SaveComputeSystem',
          handle,
          JSON.stringify({ SaveType: 'ToFile', SaveStateFilePath: path }),
        )
      ).hr,
    ).toBe(HR.PENDING);
    const done = await w.waitFor(
      (n) => n.registration === registration && n.type === Notification.SystemSaveCompleted,
    );
    expect(done.status).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      Id: 'test-vm-paused',
      SaveType: 'ToFile',
    });
  });
});

describe('enumerate and properties', () => {
  it('enumerates the fixture with filters that ignore case', async () => {
    const w = await client();
    const list = async (q: string | null) =>
      (
        JSON.parse((await w.op('EnumerateComputeSystems', q)).out.computeSystems as string) as Array<{
          Id: string;
        }>
      ).map((s) => s.Id);
    expect(await list(null)).toHaveLength(5);
    expect(await list('{"Owners":["DOCKER"]}')).toEqual(['test-container-running', 'test-container-created']);
    expect(await list('{"Types":["VirtualMachine"],"Ids":["TEST-VM-RUNNING"]}')).toEqual(['test-vm-running']);
    expect(await list('{"Names":["created-container"]}')).toEqual(['test-container-created']);
    const one = JSON.parse(
      (await w.op('EnumerateComputeSystems', '{"Ids":["test-container-running"]}')).out
        .computeSystems as string,
    );
    expect(one).toEqual([
      expect.objectContaining({
        Id: 'test-container-running',
        State: 'Running',
        SystemType: 'Container',
        RuntimeOsType: 'Windows',
        Owner: 'docker',
        RuntimeId: '11111111-2222-4333-8444-555555555555',
      }),
    ]);
  });

  it('answers V1 and V2 property queries, with statistics that move and processes that are real', async () => {
    const w = await client();
    const { handle } = await openRegistered(w, 'test-vm-running');
    const get = async (q: string) =>
      JSON.parse((await w.op('GetComputeSystemProperties', handle, q)).out.properties as string);
    const first = await get('{"PropertyTypes":["Statistics","GuestConnection"]}');
    expect(first.GuestConnectionInfo.ProtocolVersion).toBeGreaterThanOrEqual(4);
    expect(first.Statistics.Uptime100ns).toBeGreaterThanOrEqual(60 * 1e7);
    // Statistics move with time: ask again until they have.
    await expect
      .poll(
        async () => {
          const second = await get('{"PropertyTypes":["Statistics"]}');
          return (
            second.Statistics.Uptime100ns > first.Statistics.Uptime100ns &&
            second.Statistics.Processor.TotalRuntime100ns > first.Statistics.Processor.TotalRuntime100ns
          );
        },
        { timeout: 60_000 },
      )
      .toBe(true);

    const v2 = await get('{"PropertyTypes":["Memory"]}');
    expect(v2.Memory.VirtualMachineMemory.AssignedMemory).toBe(1024 * 256);
    expect(
      (
        await w.op(
          'ModifyComputeSystem',
          handle,
          JSON.stringify({
            ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
            RequestType: 'Update',
            Settings: 3072,
          }),
        )
      ).hr,
    ).toBe(0);
    expect((await get('{"PropertyTypes":["Memory"]}')).Memory.VirtualMachineMemory.AssignedMemory).toBe(
      3072 * 256,
    );
  });

  it('answers the service properties with the supported schema versions', async () => {
    const w = await client();
    const r = await w.op('GetServiceProperties', '{"PropertyTypes":["Basic"]}');
    expect(JSON.parse(r.out.properties as string)).toEqual({
      Properties: [
        {
          SupportedSchemaVersions: [
            { Major: 1, Minor: 0 },
            { Major: 2, Minor: 1 },
          ],
        },
      ],
    });
    const createGroup = {
      PropertyType: 'CpuGroup',
      Settings: {
        Operation: 'CreateGroup',
        OperationDetails: {
          GroupId: 'c4a0c6f5-1f48-4e47-9f2b-6a1f4c1c9f01',
          LogicalProcessorCount: 1,
          LogicalProcessors: [0],
        },
      },
    };
    expect((await w.op('ModifyServiceSettings', JSON.stringify(createGroup))).hr).toBe(0);
    expect((await w.op('ModifyServiceSettings', '{"PropertyType":')).hr).toBe(HR.INVALID_JSON);
  });
});

describe('errors', () => {
  it('refuses a duplicate id and an unknown id', async () => {
    const w = await client();
    const dup = await w.op('CreateComputeSystem', 'test-vm-running', JSON.stringify(VM), 0);
    expect(dup.hr).toBe(HR.SYSTEM_ALREADY_EXISTS);
    expect(dup.out.handle).toBe(0);
    expect(dup.result).toMatchObject({
      Error: HR.SYSTEM_ALREADY_EXISTS | 0,
      ErrorEvents: [{ Message: expect.stringMatching(/already exists/) }],
    });
    const missing = await w.op('OpenComputeSystem', 'no-such-system');
    expect(missing.hr).toBe(HR.SYSTEM_NOT_FOUND);
    expect(missing.out.handle).toBe(0);
  });

  it('answers invalid JSON with an ErrorEvent that gives the line and column', async () => {
    const w = await client();
    const r = await w.op(
      'CreateComputeSystem',
      'bad-doc',
      '{\n  "SchemaVersion": {"Major": 2, "Minor": 1},\n  "VirtualMachine": {,\n}',
      0,
    );
    expect(r.hr).toBe(HR.INVALID_JSON);
    expect(r.result!.ErrorEvents[0]!.Message).toMatch(
      /line 3, column 22: unexpected ",": expected a property name/,
    );
    const noType = await w.op('CreateComputeSystem', 'bad-doc', '{"Name":"x"}', 0);
    expect(noType.hr).toBe(HR.INVALID_JSON);
    expect(noType.result!.ErrorEvents[0]!.Message).toMatch(/SystemType is required/);
    expect((await sim.control.systems()).some((s) => s.id === 'bad-doc')).toBe(false);
  });

  it('refuses operations the state does not allow', async () => {
    const w = await client();
    const running = await openRegistered(w, 'test-container-running');
    const r = await w.op('StartComputeSystem', running.handle, '');
    expect(r.hr).toBe(HR.INVALID_STATE);
    expect(r.result!.ErrorEvents[0]!.Message).toMatch(/cannot start a system that is Running/);
    const stopped = await openRegistered(w, 'test-vm-stopped');
    expect((await w.op('TerminateComputeSystem', stopped.handle, '')).hr).toBe(HR.ALREADY_STOPPED);
    expect((await w.op('PauseComputeSystem', stopped.handle, '')).hr).toBe(HR.INVALID_STATE);
    const created = await openRegistered(w, 'test-container-created');
    expect((await w.op('CreateProcess', created.handle, '{"CommandLine":"true"}')).hr).toBe(HR.INVALID_STATE);
  });

  it('refuses a closed handle, unknown handles and registrations, unknown ops and malformed requests', async () => {
    const w = await client();
    const { handle, registration } = await openRegistered(w, 'test-vm-running');
    expect((await w.op('CloseComputeSystem', handle)).hr).toBe(0);
    expect((await w.op('GetComputeSystemProperties', handle, '{}')).hr).toBe(HR.INVALID_HANDLE);
    expect((await w.op('CloseComputeSystem', handle)).hr).toBe(HR.INVALID_HANDLE);
    expect((await w.op('UnregisterComputeSystemCallback', registration)).hr).toBe(HR.INVALID_HANDLE);
    expect((await w.op('StartComputeSystem', 2n ** 62n, '')).hr).toBe(HR.INVALID_HANDLE);
    expect((await w.call(77, [])).hr).toBe(HR.NOT_SUPPORTED);
    expect((await w.call(Op.OpenComputeSystem, [1, 2])).hr).toBe(HR.E_INVALIDARG);
  });
});
