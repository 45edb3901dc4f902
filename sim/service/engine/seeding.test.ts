// Seeding fixture systems and resetting the service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HR } from '../hresult.ts';
import type { Engine } from './engine.ts';
import { fakeEngine, hrOf, session } from './testing.ts';

let engine: Engine;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, stop } = fakeEngine());
});
afterEach(() => stop());

describe('seed and reset', () => {
  it('seeds fixture systems in their states and clears everything on reset', () => {
    const s = session(1);
    engine.seeding.seed({
      completionDelayMs: 3,
      systems: [
        {
          id: 'r',
          systemType: 'VirtualMachine',
          runtimeOsType: 'linux',
          state: 'Running',
          uptimeSeconds: 60,
          owner: 'WSL',
        },
        { id: 'p', systemType: 'Container', state: 'Paused' },
      ],
    });
    expect(engine.lifecycle.completionDelayMs).toBe(3);
    const r = engine.systems.find('r')!;
    expect(r).toMatchObject({ state: 'Running', owner: 'WSL', runtimeOsType: 'linux', ownerHeld: true });
    expect(Date.now() - r.startedAt!).toBe(60_000);
    expect(() => engine.seeding.seed({ systems: [{ id: 'R', systemType: 'Container' }] })).toThrow(
      /already exists/,
    );
    const h = engine.handles.openSystem(s, 'r');
    engine.handles.register(s, h);
    engine.seeding.reset([s]);
    expect(engine.systems.list()).toEqual([]);
    expect(s.systemHandles.size + s.registrations.size).toBe(0);
    expect(hrOf(() => engine.handles.system(s, h.id))).toBe(HR.INVALID_HANDLE);
  });
});
