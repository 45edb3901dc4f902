// The property types a properties query may ask for are written in three layers: the HCS layer's schemas
// (the owner), the contract (which the renderer offers, and which it may not import src/hcs for), and the
// simulator (which answers them, and may not import src/). This test holds the copies to the owner.
import { describe, expect, it } from 'vitest';
import { V1PropertyType, V2PropertyType } from '../../src/contract/index.ts';
import { schema1, schema2 } from '../../src/hcs/index.ts';
import { SERVICE_PROPERTY_TYPES, V2_ONLY_TYPES, parsePropertyQuery } from '../../sim/service/query.ts';

const query = (types: readonly string[]) => parsePropertyQuery(JSON.stringify({ PropertyTypes: types }));

describe('property types agree across layers', () => {
  it("the contract offers exactly the HCS layer's schema1 and schema2 types", () => {
    expect([...V1PropertyType.options].sort()).toEqual([...schema1.PropertyTypes].sort());
    expect([...V2PropertyType.options].sort()).toEqual([...schema2.PropertyTypes].sort());
  });

  it('the simulator answers every schema1 type in schema 1 and every schema2-only type in schema 2', () => {
    for (const t of schema1.PropertyTypes)
      expect(query([t]), t).toMatchObject({ ok: true, query: { schema: 1 } });
    const v2Only = schema2.PropertyTypes.filter(
      (t) => !(schema1.PropertyTypes as readonly string[]).includes(t),
    );
    expect([...V2_ONLY_TYPES].sort()).toEqual([...v2Only].sort());
    for (const t of v2Only) expect(query([t]), t).toMatchObject({ ok: true, query: { schema: 2 } });
    expect(query(['NoSuchType'])).toMatchObject({ ok: false });
  });

  it("the simulator's service property types are the HCS layer's", () => {
    expect([...SERVICE_PROPERTY_TYPES].sort()).toEqual([...schema2.ServicePropertyTypes].sort());
  });
});
