import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from './engine/engine.ts';
import { loadFixtureFile, parseFixture, resolveFixturePath, synthesizeDocument } from './fixtures.ts';
import { checkCreateDocument } from './document.ts';
import type { ClientSession } from './model.ts';
import type { ProcessHost } from './process-host.ts';
import { V2_ONLY_TYPES } from './query.ts';

const noHost: ProcessHost = {
  spawn: () => ({ errno: -38 }),
  reap: () => ({ state: 'running' }),
  killGroup: () => 0,
  resize: () => 0,
  close: () => undefined,
};

const engines: Engine[] = [];
afterEach(async () => {
  // Shutting down removes the root directories of the seeded Windows systems.
  await Promise.all(engines.splice(0).map((e) => e.shutdown()));
});

function seeded(name: string) {
  const engine = new Engine({ host: noHost, completionDelayMs: 0, log: () => undefined });
  engines.push(engine);
  engine.seeding.seed(loadFixtureFile(name));
  return engine;
}

describe('the shipped fixtures', () => {
  it('demo.json seeds realistic systems of every kind, in different states', () => {
    const systems = seeded('demo').systems.list();
    expect(systems.length).toBeGreaterThanOrEqual(5);
    const by = (owner: string) => systems.filter((s) => s.owner === owner);
    const docker = by('docker');
    expect(docker.map((s) => s.document.HvPartition)).toEqual([false, true]); // process- and Hyper-V-isolated
    expect(by('WSL')).toMatchObject([{ systemType: 'VirtualMachine', runtimeOsType: 'linux' }]);
    expect(by('CmService')).toMatchObject([{ systemType: 'VirtualMachine', runtimeOsType: 'windows' }]);
    const lcow = systems.find((s) => s.hostingSystemId !== null);
    expect(lcow).toMatchObject({
      systemType: 'Container',
      runtimeOsType: 'linux',
      owner: 'containerd-shim-runhcs-v1.exe',
    });
    expect(new Set(systems.map((s) => s.state))).toEqual(
      new Set(['Created', 'Running', 'Paused', 'Stopped']),
    );
  });

  it('answers every property type for every demo system', () => {
    const engine = seeded('demo');
    const session: ClientSession = {
      id: 1,
      name: 'props',
      pid: 1,
      api: 1,
      connectedAt: 0,
      outbox: { notify: () => undefined },
      systemHandles: new Map(),
      processHandles: new Map(),
      registrations: new Map(),
    };
    const v1 = JSON.stringify({
      PropertyTypes: ['Statistics', 'ProcessList', 'GuestConnection', 'MappedVirtualDisk'],
    });
    const v2 = JSON.stringify({
      PropertyTypes: V2_ONLY_TYPES.concat(['Statistics', 'ProcessList', 'GuestConnection']),
    });
    for (const s of engine.systems.list()) {
      const h = engine.handles.openSystem(session, s.id);
      expect(JSON.parse(engine.documents.properties(h, v1))).toMatchObject({
        Id: s.id,
        Statistics: expect.any(Object),
      });
      expect(JSON.parse(engine.documents.properties(h, v2))).toMatchObject({
        Id: s.id,
        Memory: expect.any(Object),
      });
    }
  });

  it('test.json seeds deterministic ids and runtime ids', () => {
    const a = seeded('test').systems.list();
    const b = seeded('test').systems.list();
    expect(a.map((s) => s.id)).toEqual([
      'test-container-running',
      'test-container-created',
      'test-vm-running',
      'test-vm-paused',
      'test-vm-stopped',
    ]);
    expect(a.map((s) => s.runtimeId)).toEqual(b.map((s) => s.runtimeId));
    expect(a[0]!.runtimeId).toBe('11111111-2222-4333-8444-555555555555');
    expect(a.map((s) => s.state)).toEqual(['Running', 'Created', 'Running', 'Paused', 'Stopped']);
  });
});

describe('fixtures', () => {
  it('resolves names to sim/fixtures and keeps paths', () => {
    expect(resolveFixturePath('demo')).toMatch(/sim\/fixtures\/demo\.json$/);
    expect(resolveFixturePath('/x/y.json')).toBe('/x/y.json');
  });

  it('refuses malformed fixtures with the reason', () => {
    expect(() => parseFixture({ systems: [{ id: 'a' }] })).toThrow(/systems\.0\.systemType/);
    expect(() =>
      parseFixture({
        systems: [
          { id: 'a', systemType: 'Container' },
          { id: 'A', systemType: 'Container' },
        ],
      }),
    ).toThrow(/duplicate/);
    expect(() => parseFixture({})).toThrow(/systems/);
  });

  it('synthesizes documents that the create validation accepts with the same type and OS', () => {
    for (const systemType of ['Container', 'VirtualMachine'] as const) {
      for (const runtimeOsType of ['windows', 'linux'] as const) {
        const doc = synthesizeDocument({ id: 'x', systemType, runtimeOsType, owner: 'o' });
        const r = checkCreateDocument(JSON.stringify(doc), 'x', () => undefined);
        expect(r).toMatchObject({ ok: true, description: { systemType, runtimeOsType, owner: 'o' } });
      }
    }
  });
});
