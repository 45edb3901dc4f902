// The service-wide calls through the real path (koffi binding → libvmcompute_sim.so → service): every service
// property type Microsoft documents, an unknown type answered as HCS answers a document it cannot read, and the
// service settings that the answers reflect (Microsoft's CPU group sample, hcsshim's credential guard flow).
import { availableParallelism } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrInvalidData,
  HcsError,
  errorEvents,
  errorHresult,
  errorIs,
  getServiceProperties,
  isNotSupported,
  modifyServiceSettings,
} from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

let sim: StartedSim;

beforeAll(async () => {
  sim = await startSim({ fixture: 'none' });
});
afterEach(async () => {
  await sim.control.reset();
});
afterAll(async () => {
  await sim?.stop();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

type Properties = { Properties: Array<Record<string, unknown>> };
const props = async (...types: string[]) =>
  (await getServiceProperties({ PropertyTypes: types })) as Properties;

describe('service property types', () => {
  it('answers Microsoft’s service sample query for Memory with the host’s memory', async () => {
    // The query text of Microsoft's "Host Service Samples" page, as is.
    const sample = '\n    {\n        "PropertyTypes": [\n            "Memory"\n        ]\n    }';
    const answer = (await getServiceProperties(sample)) as Properties;
    expect(answer.Properties).toHaveLength(1);
    const memory = answer.Properties[0]!;
    expect(memory.TotalPhysicalMemoryInMB).toBeGreaterThan(0);
    expect(memory.AvailablePhysicalMemoryInMB).toBeLessThanOrEqual(memory.TotalPhysicalMemoryInMB as number);
  });

  it('answers every documented type, one entry per type in the order asked', async () => {
    const answer = await props(
      'Basic',
      'Memory',
      'CpuGroup',
      'ProcessorTopology',
      'CacheAllocation',
      'CacheMonitoring',
      'ContainerCredentialGuard',
      'QoSCapabilities',
      'MemoryBwAllocation',
    );
    const [basic, memory, cpuGroup, topology, cacheAlloc, cacheMon, ccg, qos, bw] = answer.Properties;
    expect(basic).toEqual({ SupportedSchemaVersions: expect.arrayContaining([{ Major: 2, Minor: 1 }]) });
    expect(memory).toHaveProperty('TotalPhysicalMemoryInMB');
    expect(cpuGroup).toEqual({ CpuGroups: [] });
    expect(topology).toMatchObject({ LogicalProcessorCount: availableParallelism() });
    expect((topology!.LogicalProcessors as unknown[]).length).toBe(availableParallelism());
    expect(cacheAlloc).toEqual({ CacheAllocationSupported: false });
    expect(cacheMon).toEqual({ CacheMonitoringSupported: false });
    expect(ccg).toEqual({ Instances: [] });
    expect(qos).toEqual({ ProcessorQoSSupported: true });
    expect(bw).toEqual({ MemoryBwAllocationSupported: false });
  });

  it('refuses an unknown type with ERROR_INVALID_DATA naming where it is, as HCS refuses a document', async () => {
    const e = await failure(getServiceProperties({ PropertyTypes: ['Basic', 'Coffee'] }));
    expect(e).toBeInstanceOf(HcsError);
    expect((e as HcsError).op).toBe('hcs::GetServiceProperties');
    expect(errorHresult(e)).toBe(0x8007000d);
    expect(errorIs(e, ErrInvalidData)).toBe(true);
    expect(isNotSupported(e)).toBe(true);
    expect(errorEvents(e)[0]?.Message).toContain("Invalid JSON document '$.PropertyTypes[1]'");
  });
});

describe('service settings the answers reflect', () => {
  it('a CPU group made as in Microsoft’s sample is listed, with a property set on it, until it is deleted', async () => {
    const groupId = '0ad2b0a4-54d7-4a45-b0b1-1f3d4ab6f5f0';
    await modifyServiceSettings({
      PropertyType: 'CpuGroup',
      Settings: {
        Operation: 'CreateGroup',
        OperationDetails: { GroupId: groupId, LogicalProcessorCount: 1, LogicalProcessors: [0] },
      },
    });
    await modifyServiceSettings({
      PropertyType: 'CpuGroup',
      Settings: {
        Operation: 'SetProperty',
        OperationDetails: { GroupId: groupId, PropertyCode: 0x00010000, PropertyValue: 50 },
      },
    });
    expect((await props('CpuGroup')).Properties[0]).toEqual({
      CpuGroups: [
        {
          GroupId: groupId,
          Affinity: { LogicalProcessorCount: 1, LogicalProcessors: [0] },
          GroupProperties: [{ PropertyCode: 0x00010000, PropertyValue: 50 }],
        },
      ],
    });
    const dup = await failure(
      modifyServiceSettings({
        PropertyType: 'CpuGroup',
        Settings: {
          Operation: 'CreateGroup',
          OperationDetails: { GroupId: groupId, LogicalProcessors: [0] },
        },
      }),
    );
    expect(errorHresult(dup)).toBe(0x80070057);
    await modifyServiceSettings({
      PropertyType: 'CpuGroup',
      Settings: { Operation: 'DeleteGroup', OperationDetails: { GroupId: groupId } },
    });
    expect((await props('CpuGroup')).Properties[0]).toEqual({ CpuGroups: [] });
  });

  it('a credential guard instance added as hcsshim adds one is found by its container id', async () => {
    await modifyServiceSettings({
      PropertyType: 'ContainerCredentialGuard',
      Settings: {
        Operation: 'AddInstance',
        OperationDetails: {
          Id: 'ctr-1',
          CredentialSpec: '{"CmsPlugins":["ActiveDirectory"]}',
          Transport: 'LRPC',
        },
      },
    });
    const instances = (await props('ContainerCredentialGuard')).Properties[0]!.Instances as Array<{
      Id: string;
      CredentialGuard: Record<string, string>;
    }>;
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ Id: 'ctr-1', CredentialGuard: { Transport: 'LRPC' } });
    await modifyServiceSettings({
      PropertyType: 'ContainerCredentialGuard',
      Settings: { Operation: 'RemoveInstance', OperationDetails: { Id: 'ctr-1' } },
    });
    expect((await props('ContainerCredentialGuard')).Properties[0]).toEqual({ Instances: [] });
  });

  it('refuses a CPU group operation HCS does not know, with the parameter error', async () => {
    const e = await failure(
      modifyServiceSettings({
        PropertyType: 'CpuGroup',
        Settings: { Operation: 'Explode', OperationDetails: {} },
      }),
    );
    expect(errorHresult(e)).toBe(0x80070057);
    expect(errorEvents(e)[0]?.Message).toContain('Explode');
  });
});
