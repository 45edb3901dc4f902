import { describe, expect, it } from 'vitest';
import { ConnectionStateCell } from '../transport/connection-state.ts';
import type { ConnectionState, HcsTransport } from '../transport/index.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { execSession } from '../test-support/fixtures.ts';
import { bindExec } from './bind-exec.ts';
import { HIDDEN_STORAGE_KEY, createExecStore, tabIds } from './exec-store.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('exec store', () => {
  it('orders tabs by start time and leaves hidden sessions out', () => {
    const store = createExecStore();
    store
      .getState()
      .applyList([
        execSession('b', { startedAt: 2 }),
        execSession('a', { startedAt: 1 }),
        execSession('c', { startedAt: 3 }),
      ]);
    expect(tabIds(store.getState())).toEqual(['a', 'b', 'c']);
    expect(store.getState().active).toBe('c');
    store.getState().hide('c');
    expect(tabIds(store.getState())).toEqual(['a', 'b']);
    expect(store.getState().active).toBe('b');
  });

  it('does not let an older answer undo a newer event', () => {
    const store = createExecStore();
    store.getState().applyChanged(execSession('a', { state: 'exited', exitCode: 0 }));
    store.getState().applyList([execSession('a', { state: 'running' })]);
    expect(store.getState().sessions.a?.state).toBe('exited');
  });

  it('opening a session shows its tab, selects it, switches view and asks for focus', () => {
    const store = createExecStore();
    store.getState().applyList([execSession('a'), execSession('b', { startedAt: 2000 })]);
    store.getState().hide('a');
    store.getState().open('a', { focus: true });
    const s = store.getState();
    expect(s.view).toBe('terminals');
    expect(s.active).toBe('a');
    expect(tabIds(s)).toEqual(['a', 'b']);
    expect(s.focusRequest).toEqual({ sessionId: 'a', n: 1 });
  });

  it('selects a neighbour when the selected session goes away', () => {
    const store = createExecStore();
    store
      .getState()
      .applyList([
        execSession('a', { startedAt: 1 }),
        execSession('b', { startedAt: 2 }),
        execSession('c', { startedAt: 3 }),
      ]);
    store.getState().select('b');
    store.getState().applyRemoved('b');
    expect(store.getState().active).toBe('c');
    store.getState().applyRemoved('c');
    expect(store.getState().active).toBe('a');
    store.getState().applyRemoved('a');
    expect(store.getState().active).toBeNull();
  });

  it('keeps the hidden tabs of this browser tab across a reload', () => {
    const storage = memoryStorage();
    const first = createExecStore(storage);
    first.getState().applyList([execSession('a'), execSession('b')]);
    first.getState().hide('a');
    expect(JSON.parse(storage.data.get(HIDDEN_STORAGE_KEY)!)).toEqual(['a']);
    const reloaded = createExecStore(storage);
    reloaded.getState().applyList([execSession('a'), execSession('b')]);
    expect(tabIds(reloaded.getState())).toEqual(['b']);
    // Sessions that are gone are forgotten from the list.
    reloaded.getState().applyList([execSession('b')]);
    expect(JSON.parse(storage.data.get(HIDDEN_STORAGE_KEY)!)).toEqual([]);
  });

  it('remembers the console size only when it changes', () => {
    const store = createExecStore();
    const before = store.getState();
    store.getState().setConsoleSize({ ...before.consoleSize });
    expect(store.getState()).toBe(before);
    store.getState().setConsoleSize({ cols: 90, rows: 20 });
    expect(store.getState().consoleSize).toEqual({ cols: 90, rows: 20 });
  });
});

describe('bindExec', () => {
  function transport(api: FakeApi, initial: ConnectionState) {
    const cell = new ConnectionStateCell(initial);
    const t: HcsTransport = {
      api,
      connection: () => cell.get(),
      onConnection: (l) => cell.subscribe(l),
      close: () => {},
    };
    return { t, cell };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('lists the sessions each time the link opens and applies the events', async () => {
    const api = new FakeApi({ 'exec.list': () => [execSession('a')] });
    const { t, cell } = transport(api, 'connecting');
    const store = createExecStore();
    const failures: string[] = [];
    bindExec(t, store, (e) => failures.push(e.message));
    expect(store.getState().linkEpoch).toBe(0);
    cell.set('open');
    await settle();
    expect(Object.keys(store.getState().sessions)).toEqual(['a']);
    expect(store.getState().linkEpoch).toBe(1);

    api.emit('exec.changed', { session: execSession('b') });
    api.emit('exec.removed', { sessionId: 'a' });
    expect(Object.keys(store.getState().sessions)).toEqual(['b']);

    cell.set('reconnecting');
    cell.set('open');
    await settle();
    expect(store.getState().linkEpoch).toBe(2);
    expect(api.callsTo('exec.list')).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it('reports a list that fails while the link is open', async () => {
    const api = new FakeApi();
    const store = createExecStore();
    const failures: string[] = [];
    bindExec(transport(api, 'open').t, store, (e) => failures.push(e.message));
    await settle();
    expect(failures).toEqual(['no handler for exec.list']);
  });
});
