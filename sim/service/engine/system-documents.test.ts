// The document ops: schema1/schema2 properties, modify, enumerate with filters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../hresult.ts';
import type { Engine } from './engine.ts';
import { CONTAINER_DOC, created, DELAY, fakeEngine, hrOf, session } from './testing.ts';

let engine: Engine;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, stop } = fakeEngine());
});
afterEach(() => stop());

describe('properties, enumerate and modify', () => {
  it('answers schema1 for V1 queries and schema2 for Memory, from the same system', () => {
    const s = session(1);
    const { h } = created(engine, s);
    const v1 = JSON.parse(engine.documents.properties(h, '{}'));
    expect(v1).toMatchObject({
      Id: 'vm-1',
      State: 'Created',
      SystemType: 'VirtualMachine',
      RuntimeOsType: 'Linux',
      Owner: 'tester',
    });
    expect(v1.RuntimeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const v1stats = JSON.parse(
      engine.documents.properties(h, '{"PropertyTypes":["Statistics","ProcessList"]}'),
    );
    expect(v1stats.Statistics.Network).toEqual([]);
    expect(v1stats.ProcessList).toEqual([]);
    const v2 = JSON.parse(engine.documents.properties(h, '{"PropertyTypes":["Memory","Statistics"]}'));
    expect(v2.Memory.VirtualMachineMemory.AssignedMemory).toBe(2048 * 256);
    expect(v2.Statistics).not.toHaveProperty('Network');
    expect(hrOf(() => engine.documents.properties(h, '{"PropertyTypes":["Nope"]}'))).toBe(HR.INVALID_JSON);
  });

  it('applies a v2 memory update and records v1 modifications', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.documents.modify(
      h,
      JSON.stringify({
        ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
        RequestType: 'Update',
        Settings: 4096,
      }),
    );
    expect(h.system.memorySizeInMB).toBe(4096);
    engine.documents.modify(
      h,
      JSON.stringify({
        ResourceType: 'MappedVirtualDisk',
        RequestType: 'Add',
        Settings: { HostPath: 'C:\\d.vhdx', ContainerPath: '/d' },
      }),
    );
    const props = JSON.parse(engine.documents.properties(h, '{"PropertyTypes":["MappedVirtualDisk"]}'));
    expect(props.MappedVirtualDiskControllers['0'].MappedVirtualDisks['0']).toMatchObject({
      ContainerPath: '/d',
    });
    expect(h.system.modifications).toHaveLength(2);
    expect(hrOf(() => engine.documents.modify(h, '{"Nothing":1}'))).toBe(HR.INVALID_JSON);
    expect(hrOf(() => engine.documents.modify(h, '{"ResourcePath":"x",'))).toBe(HR.INVALID_JSON);
    expect(
      hrOf(() =>
        engine.documents.modify(
          h,
          '{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","RequestType":"Update","Settings":-1}',
        ),
      ),
    ).toBe(HR.E_INVALIDARG);
  });

  it('enumerates with filters', () => {
    const s = session(1);
    created(engine, s, 'vm-1');
    created(engine, s, 'web-1', CONTAINER_DOC);
    const ids = (q: string) =>
      (JSON.parse(engine.documents.enumerate(q)) as Array<{ Id: string }>).map((x) => x.Id);
    expect(ids('{}')).toEqual(['vm-1', 'web-1']);
    expect(ids('{"Owners":["DOCKER"]}')).toEqual(['web-1']);
    expect(ids('{"Types":["VirtualMachine"],"Ids":["VM-1","web-1"]}')).toEqual(['vm-1']);
  });
});

describe('the schema of a properties answer', () => {
  it('follows the API: the same query is schema1 through V1 and schema2 through V2', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const query = '{"PropertyTypes":["Statistics"]}';
    expect(JSON.parse(engine.documents.properties(h, query, 'v1')).Statistics).toHaveProperty('Network');
    expect(JSON.parse(engine.documents.properties(h, query, 'v2')).Statistics).not.toHaveProperty('Network');
  });

  it('answers a schema 2.5 query name by name, an unknown name with its own error', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const doc = JSON.parse(
      engine.documents.properties(h, '{"Queries":{"CompatibilityInfo":null,"Memory":{},"Weather":null}}'),
    );
    const responses = doc.PropertyResponses;
    expect(Buffer.from(responses.CompatibilityInfo.Response.Data, 'base64').toString()).toContain('vm-1');
    expect(responses.Memory.Response.VirtualMachineMemory.AssignedMemory).toBe(2048 * 256);
    expect(responses.Weather).toEqual({
      Error: {
        Error: HR.INVALID_DATA | 0,
        ErrorMessage: 'The data is invalid.',
        ErrorEvents: [expect.any(Object)],
      },
    });
    expect(doc.Id).toBe('vm-1');
  });
});
