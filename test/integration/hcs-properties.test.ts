// The schema of a properties answer through the V1 API (System → koffi binding → libvmcompute_sim.so → service),
// by the query's version: a query schema1 could have written is answered in schema1, one naming a schema2-only
// type in schema2, and a schema 2.5 query (Queries, hcsshim's PropertiesV3) name by name in PropertyResponses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { System } from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { expectNothingHeld } from './hcs-support.ts';

let sim: StartedSim;
let sys: System;

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
  sys = await System.open('test-vm-running');
});
afterAll(async () => {
  await sys?.close();
  await expectNothingHeld(sim.control);
  await sim?.stop();
});

describe('the schema of a properties answer through the V1 API', () => {
  it('is schema1 for a schema1 query and schema2 for a query naming a schema2 type', async () => {
    const v1 = await sys.properties('Statistics');
    expect(v1.Statistics).toHaveProperty('Network');
    const v2 = await sys.propertiesV2('Statistics', 'Memory');
    expect(v2.Statistics).not.toHaveProperty('Network');
    expect(v2.Memory).toBeDefined();
  });

  it('answers a schema 2.5 query name by name, as hcsshim’s live-migration controller reads it', async () => {
    const props = await sys.propertiesV3({ Queries: { CompatibilityInfo: null, Weather: null } });
    const responses = props.PropertyResponses as Record<
      string,
      { Response?: { Data: string }; Error?: unknown }
    >;
    expect(Buffer.from(responses.CompatibilityInfo!.Response!.Data, 'base64').toString()).toContain(
      'test-vm-running',
    );
    expect(responses.Weather!.Error).toMatchObject({
      Error: 0x8007000d | 0,
      ErrorMessage: 'The data is invalid.',
    });
    expect(props).toMatchObject({ Id: 'test-vm-running', State: 'Running' });
  });
});
