import { describe, expect, it } from 'vitest';
import { displaySystemId } from '../contract/index.ts';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from '../contract/testing/system-ids.ts';
import type { SystemListing } from './hcs-port.ts';
import { CONTAINER, VM, coreWithFake, settle } from './testing/harness.ts';

describe('registry: enumeration and diffing', () => {
  it('lists the seeded systems in the first snapshot and opens each one', async () => {
    const { core, hcs, of } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    const [snapshot] = of('systems.snapshot');
    expect(snapshot?.systems.map((s) => s.id).sort()).toEqual(['c1', 'vm1']);
    expect(snapshot?.systems.find((s) => s.id === 'c1')).toEqual({
      id: 'c1',
      name: 'web',
      type: 'Container',
      owner: 'docker',
      os: 'windows',
      state: 'Running',
      runtimeId: '00000000-0000-0000-0000-000000000001',
      pending: null,
      lastError: null,
      exitType: null,
    });
    expect(of('service.changed').at(-1)?.status).toMatchObject({ connected: true, backend: 'simulator' });
    expect(hcs.openHandles('c1')).toBe(1);
    expect(hcs.openHandles('vm1')).toBe(1);
  });

  it('emits nothing when a poll finds nothing new', async () => {
    const { core, events } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    events.splice(0);
    await core.pollNow();
    await settle();
    expect(events).toEqual([]);
  });

  it('emits changed for a new or changed system and removed for a vanished one', async () => {
    const { core, hcs, of, clear } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    clear();
    hcs.addSystem({ Id: 'c2', Name: 'db', SystemType: 'Container', State: 'Created' });
    hcs.setState('vm1', 'Running');
    hcs.removeSystem('c1');
    await core.pollNow();
    await settle();
    expect(of('systems.changed').map((p) => [p.system.id, p.system.state])).toEqual([
      ['vm1', 'Running'],
      ['c2', 'Created'],
    ]);
    expect(of('systems.removed')).toEqual([{ id: 'c1' }]);
    expect((await core.handle('systems.list', {})).map((s) => s.id).sort()).toEqual(['c2', 'vm1']);
  });

  it('defaults a container without RuntimeOsType to windows and maps unknown states to Unknown', async () => {
    const { core } = coreWithFake([{ Id: 'old', SystemType: 'Container', State: 'Weird' }]);
    await core.start();
    const [row] = await core.handle('systems.list', {});
    expect(row).toMatchObject({ id: 'old', os: 'windows', state: 'Unknown', name: '', owner: '' });
  });

  // Issue 8 §0 turned this around: it used to leave such a system out, hiding what HCS lists.
  it('lists systems whose ids the contract cannot carry, marked, without opening them', async () => {
    const { core, hcs } = coreWithFake([CONTAINER, { Id: 'bad id/with slash', State: 'Running' }]);
    await core.start();
    const rows = await core.handle('systems.list', {});
    expect(rows.map((s) => s.id)).toEqual(['c1', 'bad id/with slash']);
    expect(rows[1]?.idProblem).toMatch(/"\/" or "\\"/);
    expect(hcs.openHandles('bad id/with slash')).toBe(0);
  });

  it('marks a system Stopped with its exit type on SystemExited and keeps it listed', async () => {
    const { core, hcs, of, clear } = coreWithFake([CONTAINER]);
    await core.start();
    await settle();
    clear();
    hcs.exit('c1', 'UnexpectedExit', 0xc0370106);
    await settle();
    expect(of('systems.notification')).toContainEqual({
      id: 'c1',
      type: 1,
      typeName: '0x1',
      status: 0xc0370106,
      statusName: 'ERROR_VMCOMPUTE_UNEXPECTED_EXIT',
      // The document that came with it goes along (crash reports are shown in the activity view).
      data: '{"ExitType":"UnexpectedExit"}',
    });
    expect(of('systems.changed').at(-1)?.system).toMatchObject({
      id: 'c1',
      state: 'Stopped',
      exitType: 'UnexpectedExit',
    });
    await core.pollNow();
    await settle();
    expect(await core.handle('systems.list', {})).toHaveLength(1);
    expect(of('systems.removed')).toEqual([]);
  });

  it('reports an exit once, with its exit type, whichever of wait() and SystemExited comes first', async () => {
    const { core, hcs, of, clear } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    clear();
    hcs.exit('c1', 'ForcedExit', 0, { listExitType: false });
    await settle();
    expect(of('systems.changed').map((p) => [p.system.id, p.system.state, p.system.exitType])).toEqual([
      ['c1', 'Stopped', 'ForcedExit'],
    ]);
  });

  it('an enumeration answered before an exit or an outcome does not flip the row back', async () => {
    const { core, hcs, of, clear } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    clear();
    hcs.hold('enumerate');
    const poll = core.pollNow(); // answers with c1 Running and vm1 Created
    await settle();
    hcs.exit('c1', 'GracefulExit');
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    hcs.release('enumerate');
    await poll;
    await settle();
    const states = of('systems.changed').map((p) => `${p.system.id}:${p.system.state}`);
    expect(states.filter((s) => s.startsWith('c1'))).toEqual(['c1:Stopped']);
    const vm = states.filter((s) => s.startsWith('vm1:'));
    expect(vm.slice(vm.indexOf('vm1:Running'))).toEqual(['vm1:Running']);
  });

  it('keeps a stopped system we hold even when HCS stops listing it, until the user closes it', async () => {
    const { core, hcs, of } = coreWithFake([CONTAINER]);
    await core.start();
    await settle();
    hcs.exit('c1', 'GracefulExit');
    await settle();
    // Real HCS may drop a stopped system from enumeration while handles remain.
    const hidden = hcs.system('c1');
    hcs.removeSystem('c1');
    await core.pollNow();
    await settle();
    expect((await core.handle('systems.list', {})).map((s) => s.id)).toEqual(['c1']);
    hcs.addSystem(hidden.listing);
    const { opId } = await core.handle('systems.close', { id: 'c1' });
    await settle();
    expect(
      of('operations.changed')
        .filter((p) => p.operation.opId === opId)
        .at(-1)?.operation.status,
    ).toBe('done');
    expect(of('systems.removed')).toEqual([{ id: 'c1' }]);
  });

  it('does not bring back a closed stopped system that another client still holds', async () => {
    const { core, hcs, of } = coreWithFake([CONTAINER]);
    await core.start();
    await settle();
    const other = await hcs.open('c1'); // another client's handle keeps it listed in HCS
    hcs.exit('c1', 'ForcedExit');
    await settle();
    await core.handle('systems.close', { id: 'c1' });
    await settle();
    expect(hcs.openHandles('c1')).toBe(1);
    await core.pollNow();
    await settle();
    expect(await core.handle('systems.list', {})).toEqual([]);
    expect(of('systems.removed')).toEqual([{ id: 'c1' }]);
    await other.close();
  });

  it('an enumeration answered before the user closed a system does not bring it back', async () => {
    const { core, hcs, of } = coreWithFake([CONTAINER]);
    await core.start();
    await settle();
    const other = await hcs.open('c1'); // another client's handle keeps it listed in HCS
    hcs.hold('enumerate');
    const poll = core.pollNow(); // answers with c1 Running
    await settle();
    hcs.exit('c1', 'ForcedExit');
    await settle();
    await core.handle('systems.close', { id: 'c1' });
    await settle();
    hcs.release('enumerate');
    await poll;
    await settle();
    expect(await core.handle('systems.list', {})).toEqual([]);
    expect(hcs.openHandles('c1')).toBe(1); // the other client's: HCS Desktop did not open it again
    // A fresh enumeration, begun after the close, lists it Stopped: still closed for HCS Desktop.
    await core.pollNow();
    await settle();
    expect(await core.handle('systems.list', {})).toEqual([]);
    expect(of('systems.removed')).toEqual([{ id: 'c1' }]);
    await other.close();
  });

  it('re-reads the state when a completion notification arrives for our handle', async () => {
    const { core, hcs, of, clear } = coreWithFake([VM]);
    await core.start();
    await settle();
    clear();
    hcs.setState('vm1', 'Running');
    hcs.notify('vm1', 3); // SystemStartCompleted
    await settle();
    expect(of('systems.changed').map((p) => p.system.state)).toEqual(['Running']);
  });
});

describe('registry: every system HCS lists is shown (issue 8 §0)', () => {
  it('lists, opens and acts on the ids real HCS clients use', async () => {
    const listings = REAL_SYSTEM_IDS.map(({ id }) => ({ Id: id, SystemType: 'Container', State: 'Running' }));
    const { core, hcs, of } = coreWithFake(listings);
    await core.start();
    await settle();
    const rows = await core.handle('systems.list', {});
    expect(rows.map((s) => s.id).sort()).toEqual(REAL_SYSTEM_IDS.map((r) => r.id).sort());
    for (const row of rows) expect(row).not.toHaveProperty('idProblem');
    for (const { id } of REAL_SYSTEM_IDS) {
      expect(hcs.openHandles(id), id).toBe(1);
      await core.handle('systems.pause', { id });
    }
    await settle();
    const outcomes = of('operations.changed').filter((o) => o.operation.status !== 'pending');
    expect(outcomes.map((o) => [o.operation.systemId, o.operation.status]).sort()).toEqual(
      REAL_SYSTEM_IDS.map((r) => [r.id, 'done']).sort(),
    );
  });

  it('lists a system whose id no request may carry under its shown form, marked, and never opens it', async () => {
    const refused = REFUSED_SYSTEM_IDS.filter((r) => r.id !== '');
    const { core, hcs } = coreWithFake([
      ...refused.map((r) => ({ Id: r.id, SystemType: 'Container', State: 'Running' })),
      { Id: 'fine', Name: 42, State: 'Running' } as unknown as SystemListing,
    ]);
    await core.start();
    await settle();
    const rows = await core.handle('systems.list', {});
    expect(rows).toHaveLength(refused.length + 1);
    for (const r of refused) {
      const row = rows.find((s) => s.id === displaySystemId(r.id));
      expect(row?.idProblem, JSON.stringify(r.id)).toMatch(r.reason);
      expect(row?.state).toBe('Running');
      expect(hcs.openHandles(r.id)).toBe(0);
    }
    expect(hcs.calls.filter((c) => c.startsWith('open:')).sort()).toEqual(['open:fine']);
    // The contract refuses such ids at the transports; the core refuses them too, with the reason.
    const shown = displaySystemId('a\u0000b');
    await expect(core.handle('systems.properties', { id: shown, version: 'v1', types: [] })).rejects.toThrow(
      /does not pass the id a\\u\{5c\}u\{0\}b to HCS/,
    );
    // A field of an unexpected type is left out and named; the system is still listed and usable.
    const fine = rows.find((s) => s.id === 'fine');
    expect(fine).toMatchObject({ name: '', listingProblem: expect.stringContaining('Name') });
    expect(fine).not.toHaveProperty('idProblem');
    expect(hcs.openHandles('fine')).toBe(1);
  });

  it('lists an entry without an id, and drops marked systems once HCS no longer lists them', async () => {
    const { core, hcs, of, clear } = coreWithFake([
      { Id: 'bell\u0007', State: 'Running' },
      {
        Name: 'anonymous',
        State: 'Running',
        RuntimeId: 'b1d6f5c8-4e2a-4c1b-9d3e-7a8f0b2c4d6e',
      } as unknown as SystemListing,
    ]);
    await core.start();
    await settle();
    const rows = await core.handle('systems.list', {});
    expect(rows.map((r) => [r.id, r.idProblem])).toEqual([
      ['bell\\u{7}', expect.stringMatching(/control characters/)],
      ['\\(no id, runtime b1d6f5c8-4e2a-4c1b-9d3e-7a8f0b2c4d6e)', 'HCS listed this system without an id'],
    ]);
    clear();
    hcs.removeSystem('bell\u0007');
    await core.pollNow();
    await settle();
    expect(of('systems.removed')).toEqual([{ id: 'bell\\u{7}' }]);
  });
});
