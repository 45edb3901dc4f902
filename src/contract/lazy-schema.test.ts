import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contract from './index.ts';
import { lazySchema, lazySchemasBuilt } from './lazy-schema.ts';

describe('lazySchema', () => {
  it('loading the contract builds none of its schemas', () => {
    // This file imported the whole contract above, and nothing has used a schema yet.
    expect(lazySchemasBuilt()).toBe(0);
    expect(contract.SystemSummary).toBeDefined();
    expect(lazySchemasBuilt()).toBe(0);
  });

  it('builds the schema on first use, once', () => {
    let calls = 0;
    const Id = lazySchema(() => {
      calls++;
      return z.string().max(3);
    });
    expect(calls).toBe(0);
    expect(Id.safeParse('abc').success).toBe(true);
    expect(Id.safeParse('abcd').success).toBe(false);
    expect(() => Id.parse(1)).toThrow();
    expect(calls).toBe(1);
  });

  it('stands for the schema everywhere: nested, refined, extended, enumerated, instanceof', () => {
    const State = lazySchema(() => z.enum(['on', 'off']));
    const Thing = lazySchema(() => z.object({ state: State, name: z.string() }).strict());
    const Named = lazySchema(() => Thing.extend({ size: State.optional() }).strict());

    expect(State.options).toEqual(['on', 'off']);
    expect(Object.keys(Thing.shape)).toEqual(['state', 'name']);
    expect(State instanceof z.ZodType).toBe(true);
    expect(Thing).toBeInstanceOf(z.ZodObject);

    expect(Thing.parse({ state: 'on', name: 'a' })).toEqual({ state: 'on', name: 'a' });
    expect(Thing.safeParse({ state: 'dim', name: 'a' }).success).toBe(false);
    expect(Thing.safeParse({ state: 'on', name: 'a', extra: 1 }).success).toBe(false);
    expect(Named.parse({ state: 'off', name: 'b', size: 'on' })).toEqual({
      state: 'off',
      name: 'b',
      size: 'on',
    });
    expect(Thing.nullable().parse(null)).toBeNull();
    expect(z.array(Thing).max(1).safeParse([]).success).toBe(true);
  });

  it('validates the contract through its stand-ins, as the transports do', () => {
    const summary: contract.SystemSummary = {
      id: 'a',
      name: 'a',
      type: 'Container',
      owner: 'docker',
      os: 'Windows',
      state: 'Running',
      runtimeId: '',
      pending: null,
      lastError: null,
      exitType: null,
    };
    const { payload } = contract.parseEvent<'systems.changed'>('systems.changed', { system: summary });
    expect(payload.system).toEqual(summary);
    expect(() =>
      contract.parseEvent('systems.changed', { system: { ...summary, state: 'Sleeping' } }),
    ).toThrow(/invalid event systems\.changed/);
    expect(() => contract.parseRequest('systems.start', { id: 'a/b' })).toThrow(/invalid request/);
  });
});
