import { describe, expect, it } from 'vitest';
import { hostInfo } from '../test-support/hosts.ts';
import { summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { visibleIds } from './list-view.ts';

const ids = (store: ReturnType<typeof createAppStore>) => [...store.getState().systems.keys()].sort();

describe('the store with many hosts', () => {
  it("replaces one host's systems on its snapshot and leaves the others'", () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('@b3/x'), summary('@b3/y'), summary('@b4/x')]);
    const kept = store.getState().systems.get('@b4/x');
    store.getState().applyHostSnapshot('b3', [summary('@b3/y'), summary('@b3/z')]);
    expect(ids(store)).toEqual(['@b3/y', '@b3/z', '@b4/x', 'a']);
    expect(store.getState().systems.get('@b4/x')).toBe(kept);
    // The local host's snapshot (no host) replaces only the local systems.
    store.getState().applyHostSnapshot('local', [summary('c')]);
    expect(ids(store)).toEqual(['@b3/y', '@b3/z', '@b4/x', 'c']);
    // A snapshot never brings another host's systems in.
    store.getState().applyHostSnapshot('b4', [summary('@b3/w')]);
    expect(ids(store)).toEqual(['@b3/y', '@b3/z', 'c']);
  });

  it('drops a removed host with its systems, its ticks, its open details and its filter', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('@b3/x')]);
    store.getState().applyHosts([hostInfo('b3'), hostInfo('b4')]);
    store.getState().setChecked(['a', '@b3/x'], true);
    store.getState().openDetails('@b3/x');
    store.getState().setHostFilter(['b3', 'local']);
    store.getState().applyHostRemoved('b3');
    expect(Object.keys(store.getState().hosts)).toEqual(['b4']);
    expect(ids(store)).toEqual(['a']);
    expect(Object.keys(store.getState().checked)).toEqual(['a']);
    expect(store.getState().detailsId).toBeNull();
    expect(store.getState().hostFilter).toEqual(['local']);
  });

  it('sorts by host (this host first) and filters by host; search finds a host by its id', () => {
    const systems = [summary('@b4/a'), summary('z'), summary('@b3/b'), summary('@b3/a')];
    const sort = { column: 'host' as const, direction: 'ascending' as const };
    const view = { search: '', states: [], types: [], sort };
    expect(visibleIds(systems, view)).toEqual(['z', '@b3/a', '@b3/b', '@b4/a']);
    expect(visibleIds(systems, { ...view, sort: { ...sort, direction: 'descending' } })).toEqual([
      '@b4/a',
      '@b3/a',
      '@b3/b',
      'z',
    ]);
    expect(visibleIds(systems, { ...view, hosts: ['b3', 'local'] })).toEqual(['z', '@b3/a', '@b3/b']);
    expect(visibleIds(systems, { ...view, search: 'b4' })).toEqual(['@b4/a']);
  });

  it("keeps a host's newer state when an older answer arrives after it", () => {
    const store = createAppStore();
    store.getState().applyHost(hostInfo('b3', { state: 'connected', since: 20 }));
    store.getState().applyHost(hostInfo('b3', { state: 'connecting', since: 10 }));
    expect(store.getState().hosts.b3?.state).toBe('connected');
    store.getState().applyHost(hostInfo('b3', { state: 'unreachable', since: 30 }));
    expect(store.getState().hosts.b3?.state).toBe('unreachable');
  });
});
