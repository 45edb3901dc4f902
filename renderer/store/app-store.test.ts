import { describe, expect, it } from 'vitest';
import { LOCAL_HOST_ID } from '../../src/contract/index.ts';
import { operation, summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';

describe('app store: systems', () => {
  it('keeps unchanged rows as the same objects across a snapshot', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b')]);
    const before = new Map(store.getState().systems);
    store.getState().applySnapshot([summary('a'), summary('b', { state: 'Running' })]);
    const after = store.getState().systems;
    expect(after.get('a')).toBe(before.get('a'));
    expect(after.get('b')).not.toBe(before.get('b'));
    expect(after.get('b')?.state).toBe('Running');
  });

  it('leaves the state untouched when a snapshot or change brings nothing new', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a')]);
    const state = store.getState();
    store.getState().applySnapshot([summary('a')]);
    store.getState().applyChanged(summary('a'));
    expect(store.getState()).toBe(state);
    expect(store.getState().systemsVersion).toBe(state.systemsVersion);
  });

  it('says when a list has arrived, an empty one too (what the first view waits for)', () => {
    const store = createAppStore();
    expect(store.getState().listed).toBe(false);
    store.getState().applyHostSnapshot(LOCAL_HOST_ID, []);
    expect(store.getState().listed).toBe(true);
    const other = createAppStore();
    other.getState().applySnapshot([summary('a')]);
    expect(other.getState().listed).toBe(true);
  });

  it('replaces only the changed row', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b')]);
    const a = store.getState().systems.get('a');
    const version = store.getState().systemsVersion;
    store.getState().applyChanged(summary('b', { pending: 'start' }));
    expect(store.getState().systems.get('a')).toBe(a);
    expect(store.getState().systems.get('b')?.pending).toBe('start');
    expect(store.getState().systemsVersion).toBe(version + 1);
  });

  it('drops a removed system from the selection and closes its details', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b')]);
    store.getState().setChecked(['a', 'b'], true);
    store.getState().openDetails('a');
    store.getState().applyRemoved('a');
    expect([...store.getState().systems.keys()]).toEqual(['b']);
    expect(store.getState().visibleIds).toEqual(['b']);
    expect(store.getState().checked).toEqual({ b: true });
    expect(store.getState().detailsId).toBeNull();
  });

  it('forgets selection of systems a snapshot no longer lists', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b')]);
    store.getState().setChecked(['a', 'b'], true);
    store.getState().openDetails('b');
    store.getState().applySnapshot([summary('a')]);
    expect(store.getState().checked).toEqual({ a: true });
    expect(store.getState().detailsId).toBeNull();
  });

  it('opens details only of a known system and toggles ticks', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a')]);
    store.getState().openDetails('nope');
    expect(store.getState().detailsId).toBeNull();
    store.getState().toggleChecked('a');
    expect(store.getState().checked).toEqual({ a: true });
    store.getState().toggleChecked('a');
    expect(store.getState().checked).toEqual({});
  });

  it('flips the sort direction when the same column is chosen again', () => {
    const store = createAppStore();
    store.getState().sortBy('state');
    expect(store.getState().sort).toEqual({ column: 'state', direction: 'ascending' });
    store.getState().sortBy('state');
    expect(store.getState().sort).toEqual({ column: 'state', direction: 'descending' });
    store.getState().sortBy('name');
    expect(store.getState().sort).toEqual({ column: 'name', direction: 'ascending' });
  });
});

describe('app store: operations and notices', () => {
  const error = { message: 'Access is denied.', hresult: '0x80070005', events: [{ Message: 'no' }] };

  it('announces the failure of an operation this window started', () => {
    const store = createAppStore();
    store.getState().track('op-1');
    store.getState().applyOperation(operation('op-1'));
    expect(store.getState().notices).toEqual([]);
    store.getState().applyOperation(operation('op-1', { status: 'failed', error }));
    const [notice] = store.getState().notices;
    expect(notice).toMatchObject({
      intent: 'error',
      title: 'Start sys-1 failed',
      body: 'Access is denied.',
      error,
    });
    expect(store.getState().tracked).toEqual({});
  });

  it('announces an outcome that arrived before the acknowledgement', () => {
    const store = createAppStore();
    store.getState().applyOperation(operation('op-2', { action: 'create', systemId: 'new', status: 'done' }));
    store.getState().track('op-2');
    expect(store.getState().notices.map((n) => n.title)).toEqual(['new created']);
  });

  it('stays quiet about operations of other windows and about visible successes', () => {
    const store = createAppStore();
    store.getState().applyOperation(operation('other', { status: 'failed', error }));
    store.getState().track('mine');
    store.getState().applyOperation(operation('mine', { status: 'done' }));
    expect(store.getState().notices).toEqual([]);
  });

  it('ends many tracked operations in one batch: each failure announced once, the rest still tracked', () => {
    const store = createAppStore();
    for (const id of ['op-a', 'op-b', 'op-c', 'op-d']) store.getState().track(id);
    const before = store.getState().tracked;
    store
      .getState()
      .applyOperations([
        operation('op-a', { status: 'failed', error }),
        operation('op-b', { status: 'done' }),
        operation('op-c', { status: 'failed', error }),
        operation('op-c', { status: 'failed', error }),
        operation('other', { status: 'failed', error }),
      ]);
    expect(store.getState().notices).toHaveLength(2);
    expect(store.getState().tracked).toEqual({ 'op-d': true });
    // The record the store published before is left as it was (a copy was changed, not it).
    expect(before).toEqual({ 'op-a': true, 'op-b': true, 'op-c': true, 'op-d': true });
  });

  it('keeps the tracked record when a batch ends none of its operations', () => {
    const store = createAppStore();
    store.getState().track('op-a');
    const before = store.getState().tracked;
    store.getState().applyOperations([operation('op-a'), operation('other', { status: 'done' })]);
    expect(store.getState().tracked).toBe(before);
  });

  it('keeps a bounded activity log', () => {
    const store = createAppStore();
    for (let i = 0; i < 250; i++)
      store
        .getState()
        .applyNotification({ id: 'a', type: 3, typeName: 'SystemStartCompleted', status: i }, i);
    expect(store.getState().activity).toHaveLength(200);
    expect(store.getState().activity[0]?.status).toBe(50);
  });
});
