// The service-wide ops on their own: answers per property type and the settings they reflect.
import { describe, expect, it } from 'vitest';
import { HR } from '../hresult.ts';
import { HostService } from './host-service.ts';
import { hrOf } from './testing.ts';

const service = () => new HostService({ processors: () => 4 });
const answer = (s: HostService, ...types: string[]) =>
  (JSON.parse(s.properties(JSON.stringify({ PropertyTypes: types }))) as { Properties: unknown[] })
    .Properties;

const createGroup = (id: string, lps: number[]) =>
  JSON.stringify({
    PropertyType: 'CpuGroup',
    Settings: {
      Operation: 'CreateGroup',
      OperationDetails: { GroupId: id, LogicalProcessorCount: lps.length, LogicalProcessors: lps },
    },
  });

describe('service properties', () => {
  it('answers Basic for an empty query, and the topology of the host it is given', () => {
    const s = service();
    expect(JSON.parse(s.properties(null)).Properties).toHaveLength(1);
    expect(answer(s, 'ProcessorTopology')[0]).toMatchObject({ LogicalProcessorCount: 4 });
  });

  it('refuses an unknown type with ERROR_INVALID_DATA', () => {
    expect(hrOf(() => service().properties('{"PropertyTypes":["Undefined"]}'))).toBe(HR.INVALID_DATA);
  });
});

describe('service settings', () => {
  it('keeps CPU groups (ids ignore case) and refuses processors the host does not have', () => {
    const s = service();
    s.modifySettings(createGroup('AAAA', [0, 1]));
    expect(hrOf(() => s.modifySettings(createGroup('aaaa', [2])))).toBe(HR.E_INVALIDARG);
    expect(hrOf(() => s.modifySettings(createGroup('bbbb', [4])))).toBe(HR.E_INVALIDARG);
    expect(answer(s, 'CpuGroup')[0]).toMatchObject({ CpuGroups: [{ GroupId: 'AAAA' }] });
    const del = (id: string) =>
      JSON.stringify({
        PropertyType: 'CpuGroup',
        Settings: { Operation: 'DeleteGroup', OperationDetails: { GroupId: id } },
      });
    s.modifySettings(del('aaaa'));
    expect(hrOf(() => s.modifySettings(del('aaaa')))).toBe(HR.NOT_FOUND);
  });

  it('accepts other property types, refuses a document without one, and forgets everything on reset', () => {
    const s = service();
    s.modifySettings('{"PropertyType":"Memory","Settings":{}}');
    expect(hrOf(() => s.modifySettings('{"Settings":{}}'))).toBe(HR.E_INVALIDARG);
    expect(hrOf(() => s.modifySettings('{"PropertyType":'))).toBe(HR.INVALID_JSON);
    s.modifySettings(createGroup('cccc', [0]));
    s.reset();
    expect(answer(s, 'CpuGroup')[0]).toEqual({ CpuGroups: [] });
  });
});
