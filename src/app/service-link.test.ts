import { describe, expect, it } from 'vitest';
import { AppCore } from './core.ts';
import { FakeHcsPort } from './testing/fake-hcs-port.ts';
import { HR } from './testing/fake-hcs-error.ts';
import { CONTAINER, VM, coreWithFake, settle } from './testing/harness.ts';

describe('service connection', () => {
  it('disconnect → service.changed false, list kept; reconnect → systems re-opened, snapshot, connected', async () => {
    const { core, hcs, of, clear, events } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    clear();
    hcs.disconnect();
    await settle();
    expect(of('service.changed')).toHaveLength(1);
    expect(of('service.changed')[0]?.status).toMatchObject({ connected: false, message: expect.any(String) });
    expect(await core.handle('systems.list', {})).toHaveLength(2);
    expect(of('systems.removed')).toEqual([]);

    await core.pollNow(); // still down: no new events, still disconnected
    await settle();
    expect(of('service.changed')).toHaveLength(1);

    hcs.reconnect();
    const opensBefore = hcs.calls.filter((c) => c.startsWith('open:')).length;
    await core.pollNow();
    await settle();
    expect(hcs.calls.filter((c) => c.startsWith('open:')).length - opensBefore).toBe(2);
    expect(hcs.openHandles('c1')).toBe(1);
    expect(hcs.openHandles('vm1')).toBe(1);
    const tail = events.slice(-2).map((e) => e.channel);
    expect(tail).toEqual(['systems.snapshot', 'service.changed']);
    expect(
      of('systems.snapshot')
        .at(-1)
        ?.systems.map((s) => s.id)
        .sort(),
    ).toEqual(['c1', 'vm1']);
    expect(of('service.changed').at(-1)?.status).toMatchObject({ connected: true, message: null });

    // The re-opened handles work: an operation succeeds and its notifications arrive.
    clear();
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation.status).toBe('done');
    expect(of('systems.notification')).toContainEqual(expect.objectContaining({ id: 'vm1', type: 3 }));
  });

  it('closes the dead handles quietly after reconnecting', async () => {
    const { core, hcs } = coreWithFake([CONTAINER]);
    await core.start();
    await settle();
    hcs.disconnect();
    await settle();
    hcs.reconnect();
    await core.pollNow();
    await settle();
    expect(hcs.calls.filter((c) => c === 'close:c1')).toHaveLength(1);
  });

  it('notices a lost service through a failing enumeration when it holds no handle', async () => {
    const { core, hcs, of } = coreWithFake([]);
    await core.start();
    hcs.disconnect();
    await core.pollNow();
    expect(of('service.changed').at(-1)?.status).toMatchObject({
      connected: false,
      message:
        'The Host Compute Service (vmcompute) is not reachable. Check that it is running; HCS Desktop reconnects on its own.',
    });
    hcs.reconnect();
    hcs.addSystem(VM);
    await core.pollNow();
    await settle();
    expect(
      of('systems.snapshot')
        .at(-1)
        ?.systems.map((s) => s.id),
    ).toEqual(['vm1']);
    expect(of('service.changed').at(-1)?.status.connected).toBe(true);
  });

  it('an operation failing with RPC unavailable marks the service down', async () => {
    const { core, hcs, of } = coreWithFake([VM]);
    await core.start();
    await settle();
    hcs.failNext('start', HR.rpcUnavailable);
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation.error).toMatchObject({
      name: 'RPC_S_SERVER_UNAVAILABLE',
    });
    expect(of('service.changed').at(-1)?.status.connected).toBe(false);
    await core.pollNow();
    await settle();
    expect(of('service.changed').at(-1)?.status.connected).toBe(true);
    expect(hcs.openHandles('vm1')).toBe(1);
  });

  it('access denied on enumeration: not connected, with the administrator explanation, then recovers', async () => {
    const { core, hcs, of } = coreWithFake([CONTAINER]);
    hcs.failNext('enumerate', HR.accessDenied);
    await core.start();
    expect(core.status()).toMatchObject({
      connected: false,
      message:
        'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.',
    });
    await core.pollNow();
    await settle();
    expect(
      of('systems.snapshot')
        .at(-1)
        ?.systems.map((s) => s.id),
    ).toEqual(['c1']);
    expect(core.status().connected).toBe(true);
  });

  it('comes up "connecting" when the first enumeration hangs, and sends the snapshot once HCS answers', async () => {
    const hcs = new FakeHcsPort([CONTAINER]);
    const core = new AppCore(hcs, { pollIntervalMs: 600_000, startWaitMs: 0 });
    const events: string[] = [];
    core.subscribe((e) => events.push(e.channel));
    hcs.hold('enumerate');
    await core.start();
    expect(core.status()).toMatchObject({ connected: false, message: expect.stringContaining('Connecting') });
    expect(core.initialEvents()[0]).toEqual({ channel: 'systems.snapshot', payload: { systems: [] } });
    hcs.release('enumerate');
    await settle();
    expect(events).toEqual(['systems.snapshot', 'service.changed']);
    expect(core.status().connected).toBe(true);
    await core.stop();
  });

  it('rejects a request for a channel it does not know', async () => {
    const { core } = coreWithFake([]);
    await expect(core.handle('nope' as 'service.status', {})).rejects.toMatchObject({
      info: { message: 'unknown request nope' },
    });
  });

  it('initialEvents gives a new client the list and the status', async () => {
    const { core } = coreWithFake([CONTAINER]);
    await core.start();
    const [snapshot, status] = core.initialEvents();
    expect(snapshot).toMatchObject({ channel: 'systems.snapshot', payload: { systems: [{ id: 'c1' }] } });
    expect(status).toMatchObject({ channel: 'service.changed', payload: { status: { connected: true } } });
  });

  it('stop closes every handle', async () => {
    const { core, hcs } = coreWithFake([CONTAINER, VM]);
    await core.start();
    await settle();
    await core.stop();
    expect(hcs.openHandles('c1')).toBe(0);
    expect(hcs.openHandles('vm1')).toBe(0);
  });
});
