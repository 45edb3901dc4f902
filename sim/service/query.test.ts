import { describe, expect, it } from 'vitest';
import { HR } from './hresult.ts';
import {
  matchesFilter,
  parseEnumerateQuery,
  parsePropertyQuery,
  parseServicePropertyQuery,
} from './query.ts';

const wsl = { id: 'A9F3C2D1-6B8E', name: 'A9F3C2D1-6B8E', systemType: 'VirtualMachine', owner: 'WSL' };
const docker = { id: 'c0ffee', name: 'web', systemType: 'Container', owner: 'docker' };

function filterOf(text: string | null) {
  const r = parseEnumerateQuery(text);
  if (!r.ok) throw new Error(r.message);
  return r.filter;
}

describe('enumerate query', () => {
  it('treats NULL, empty text, {} and null as every system', () => {
    for (const q of [null, '', '{}', 'null']) {
      const f = filterOf(q);
      expect(matchesFilter(wsl, f) && matchesFilter(docker, f)).toBe(true);
    }
  });

  it('filters by Ids, Names, Types and Owners, ignoring case', () => {
    expect(matchesFilter(wsl, filterOf('{"Ids":["a9f3c2d1-6b8e"]}'))).toBe(true);
    expect(matchesFilter(docker, filterOf('{"Ids":["a9f3c2d1-6b8e"]}'))).toBe(false);
    expect(matchesFilter(docker, filterOf('{"Names":["WEB"]}'))).toBe(true);
    expect(matchesFilter(wsl, filterOf('{"Types":["virtualmachine"]}'))).toBe(true);
    expect(matchesFilter(docker, filterOf('{"Types":["VirtualMachine"]}'))).toBe(false);
    expect(matchesFilter(wsl, filterOf('{"Owners":["wsl","docker"]}'))).toBe(true);
  });

  it('combines filters with AND and treats an empty list as no filter', () => {
    expect(matchesFilter(docker, filterOf('{"Owners":["docker"],"Types":["VirtualMachine"]}'))).toBe(false);
    expect(matchesFilter(docker, filterOf('{"Owners":[],"Types":["Container"]}'))).toBe(true);
  });

  it('refuses invalid JSON and lists that are not lists of strings', () => {
    expect(parseEnumerateQuery('{"Ids":')).toMatchObject({
      ok: false,
      hr: HR.INVALID_JSON,
      message: expect.stringMatching(/line 1/),
    });
    expect(parseEnumerateQuery('{"Ids":"x"}')).toMatchObject({ ok: false, hr: HR.INVALID_JSON });
    expect(parseEnumerateQuery('[]')).toMatchObject({ ok: false, hr: HR.INVALID_JSON });
  });
});

describe('property query', () => {
  const q = (text: string | null) => {
    const r = parsePropertyQuery(text);
    if (!r.ok) throw new Error(r.message);
    return r.query;
  };

  it('answers in schema1 for no types and for types both schemas know', () => {
    expect(q(null)).toEqual({ schema: 1, types: [] });
    expect(q('{}')).toEqual({ schema: 1, types: [] });
    expect(
      q('{"PropertyTypes":["Statistics","ProcessList","GuestConnection","MappedVirtualDisk"]}').schema,
    ).toBe(1);
  });

  it('answers in schema2 when a type only schema2 knows is asked for (hcsshim PropertiesV2)', () => {
    expect(q('{"PropertyTypes":["Memory"]}')).toEqual({ schema: 2, types: ['Memory'] });
    expect(q('{"PropertyTypes":["Statistics","Memory"]}').schema).toBe(2);
    expect(q('{"PropertyTypes":["Statistics"],"Queries":{}}').schema).toBe(2);
  });

  it('normalises case and drops duplicates', () => {
    expect(q('{"PropertyTypes":["statistics","Statistics","memory"]}').types).toEqual([
      'Statistics',
      'Memory',
    ]);
  });

  it('answers a schema 2.5 query (Queries) in schema2, keeping the queries by name', () => {
    expect(q('{"Queries":{"CompatibilityInfo":null}}')).toEqual({
      schema: 2,
      types: [],
      queries: { CompatibilityInfo: null },
    });
    expect(parsePropertyQuery('{"Queries":["CompatibilityInfo"]}')).toMatchObject({
      ok: false,
      hr: HR.INVALID_JSON,
    });
  });

  it('answers every query through the V2 API in schema2, where MappedVirtualDisk does not exist', () => {
    const v2 = (text: string) => parsePropertyQuery(text, 'v2');
    expect(v2('{}')).toEqual({ ok: true, query: { schema: 2, types: [] } });
    expect(v2('{"PropertyTypes":["Statistics"]}')).toMatchObject({ ok: true, query: { schema: 2 } });
    expect(v2('{"PropertyTypes":["MappedVirtualDisk"]}')).toMatchObject({ ok: false, hr: HR.INVALID_JSON });
  });

  it('refuses unknown types and mixing MappedVirtualDisk with schema2 types', () => {
    expect(parsePropertyQuery('{"PropertyTypes":["Banana"]}')).toMatchObject({
      ok: false,
      hr: HR.INVALID_JSON,
      message: expect.stringMatching(/'Banana' is not supported/),
    });
    expect(parsePropertyQuery('{"PropertyTypes":["MappedVirtualDisk","Memory"]}')).toMatchObject({
      ok: false,
    });
    expect(parsePropertyQuery('{"PropertyTypes":"Memory"}')).toMatchObject({ ok: false });
  });
});

describe('service property query', () => {
  it('knows every type of Microsoft’s schema reference, in any case, keeping the order asked', () => {
    const all = ['basic', 'MEMORY', 'CpuGroup', 'ProcessorTopology', 'CacheAllocation', 'CacheMonitoring'];
    const more = ['ContainerCredentialGuard', 'QoSCapabilities', 'MemoryBwAllocation'];
    expect(parseServicePropertyQuery(JSON.stringify({ PropertyTypes: [...all, ...more] }))).toEqual({
      ok: true,
      types: [
        'Basic',
        'Memory',
        'CpuGroup',
        'ProcessorTopology',
        'CacheAllocation',
        'CacheMonitoring',
        ...more,
      ],
    });
  });

  it('defaults to Basic and refuses unknown types', () => {
    expect(parseServicePropertyQuery(null)).toEqual({ ok: true, types: ['Basic'] });
    expect(parseServicePropertyQuery('{"PropertyTypes":["basic","QoSCapabilities"]}')).toEqual({
      ok: true,
      types: ['Basic', 'QoSCapabilities'],
    });
    expect(parseServicePropertyQuery('{"PropertyTypes":["Basic","Nope"]}')).toMatchObject({
      ok: false,
      hr: HR.INVALID_DATA,
      message: expect.stringContaining("'$.PropertyTypes[1]'"),
    });
  });
});
