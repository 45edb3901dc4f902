import { describe, expect, it, vi } from 'vitest';
import { WAIT } from '../../test/setup/wait.ts';
import { ConnectionStateCell } from '../transport/connection-state.ts';
import type { HcsTransport } from '../transport/types.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { connectedService, operation, summary } from '../test-support/fixtures.ts';
import { hostInfo } from '../test-support/hosts.ts';
import { createAppStore } from './app-store.ts';
import { bindStore } from './bind.ts';

function fakeTransport(api: FakeApi, initial: 'connecting' | 'open') {
  const cell = new ConnectionStateCell(initial);
  const transport: HcsTransport = {
    api,
    connection: () => cell.get(),
    onConnection: (l) => cell.subscribe(l),
    close: () => {},
  };
  return { transport, cell };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('bindStore', () => {
  it('loads the state each time the link opens and applies events', async () => {
    const api = new FakeApi({
      'systems.list': () => [summary('a')],
      'service.status': () => connectedService,
      'operations.list': () => [operation('op-1', { systemId: 'a' })],
    });
    const { transport, cell } = fakeTransport(api, 'connecting');
    const store = createAppStore();
    const unbind = bindStore(transport, store);
    expect(api.calls).toEqual([]);
    cell.set('open');
    await settle();
    expect([...store.getState().systems.keys()]).toEqual(['a']);
    expect(store.getState().service).toEqual(connectedService);
    expect([...store.getState().operations.keys()]).toEqual(['op-1']);
    expect(store.getState().connection).toBe('open');

    api.emit('systems.changed', { system: summary('b') });
    api.emit('systems.removed', { id: 'a' });
    api.emit('service.changed', { status: { ...connectedService, connected: false } });
    api.emit('systems.notification', { id: 'b', type: 3, typeName: 'SystemStartCompleted', status: 0 });
    expect([...store.getState().systems.keys()]).toEqual(['b']);
    expect(store.getState().service?.connected).toBe(false);
    expect(store.getState().activity).toHaveLength(1);

    cell.set('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    cell.set('open');
    await settle();
    expect(api.callsTo('systems.list')).toHaveLength(2);
    // Changes are applied once per frame (or within 50 ms).
    api.emit('systems.changed', { system: summary('b', { state: 'Paused' }) });
    expect(store.getState().systems.get('b')?.state).not.toBe('Paused');
    await vi.waitFor(() => expect(store.getState().systems.get('b')?.state).toBe('Paused'), WAIT);
    unbind();
    api.emit('systems.changed', { system: summary('c') });
    // A batch would be applied by its fallback timer (50 ms, set by the emit above); a timer set after it
    // with the same delay runs after it (Node runs timers in order of due time, then of creation).
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().systems.get('c')).toBeUndefined();
  });

  it('warns when the state cannot be loaded', async () => {
    const api = new FakeApi({ 'systems.list': () => [], 'service.status': () => connectedService });
    const store = createAppStore();
    bindStore(fakeTransport(api, 'open').transport, store);
    await settle();
    expect(store.getState().notices.map((n) => [n.intent, n.title])).toEqual([
      ['warning', 'Could not load the current state'],
    ]);
  });

  it('does not ask for the list again when the link pushed a snapshot first (web mode, Electron)', async () => {
    const api = new FakeApi({
      'systems.list': () => [summary('a')],
      'service.status': () => {
        // The server writes the snapshot before it answers anything on the new link.
        api.emit('systems.snapshot', { systems: [summary('a'), summary('b')] });
        return connectedService;
      },
      'operations.list': () => [],
      // Every core answers it (an empty list when it connects to no other host).
      'hosts.list': () => [],
    });
    const store = createAppStore();
    bindStore(fakeTransport(api, 'open').transport, store);
    await settle();
    expect(api.callsTo('systems.list')).toEqual([]);
    expect(store.getState().visibleIds).toEqual(['a', 'b']);
    expect(store.getState().notices).toEqual([]);
  });

  it("loads the remote hosts, applies their changes, and one host's snapshot replaces only its systems", async () => {
    const api = new FakeApi({
      'systems.list': () => [summary('a'), summary('@b3/x')],
      'service.status': () => connectedService,
      'operations.list': () => [],
      'hosts.list': () => [hostInfo('b3')],
    });
    const store = createAppStore();
    bindStore(fakeTransport(api, 'open').transport, store);
    await settle();
    const keys = () => [...store.getState().systems.keys()].sort();
    expect(Object.keys(store.getState().hosts)).toEqual(['b3']);
    expect(store.getState().notices).toEqual([]);
    api.emit('hosts.changed', { host: hostInfo('b3', { state: 'unreachable', since: 1 }) });
    expect(store.getState().hosts.b3?.state).toBe('unreachable');
    api.emit('systems.snapshot', { host: 'b3', systems: [summary('@b3/y')] });
    expect(keys()).toEqual(['@b3/y', 'a']);
    api.emit('systems.snapshot', { systems: [summary('c')] });
    expect(keys()).toEqual(['@b3/y', 'c']);
    api.emit('hosts.removed', { host: 'b3' });
    expect(keys()).toEqual(['c']);
    expect(store.getState().hosts).toEqual({});
  });
});
