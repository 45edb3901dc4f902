import { describe, expect, it } from 'vitest';
import { hostingSignature } from '../components/list/grouping.ts';
import { operation, summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { makeShownHostingSelector } from './selectors.ts';

describe('makeShownHostingSelector', () => {
  it('derives again when the hosting or the shown ids change, not at other store updates', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('vm'), summary('c1', { hostingSystemId: 'vm' })]);
    let derived = 0;
    const select = makeShownHostingSelector((ids, systems) => {
      derived++;
      return hostingSignature(ids, systems);
    });
    const first = select(store.getState());
    expect(first).toBe('c1\u0000vm\u0001');
    expect(derived).toBe(1);

    // An operation's progress and a notice change the store, not the rows.
    store.getState().applyOperations([operation('op-1')]);
    store.getState().notify({ intent: 'info', title: 'hello' });
    expect(select(store.getState())).toBe(first);
    expect(derived).toBe(1);

    // A row's state changes (every frame of a bulk action): the grouping is not derived again.
    store
      .getState()
      .applyChangedMany([
        summary('c1', { hostingSystemId: 'vm', state: 'Paused' }),
        summary('vm', { state: 'Paused' }),
      ]);
    expect(select(store.getState())).toBe(first);
    expect(derived).toBe(1);

    // A new hosted system is a change of the hosting.
    store.getState().applyChanged(summary('c2', { hostingSystemId: 'vm' }));
    expect(select(store.getState())).toBe('c1\u0000vm\u0001c2\u0000vm\u0001');
    expect(derived).toBe(2);

    // A system whose utility VM became known (HCS reported it later) is one too.
    store.getState().applyChanged(summary('c3'));
    const withC3 = select(store.getState());
    expect(derived).toBe(3);
    store.getState().applyChanged(summary('c3', { hostingSystemId: 'vm' }));
    expect(select(store.getState())).toBe(`${withC3}c3\u0000vm\u0001`);
    expect(derived).toBe(4);

    // A filter changes the shown ids.
    store.getState().setSearch('c2');
    expect(select(store.getState())).toBe('c2\u0000vm\u0001');
    expect(derived).toBe(5);

    // A hosted system removed.
    store.getState().setSearch('');
    select(store.getState());
    store.getState().applyRemoved('c1');
    expect(select(store.getState())).toBe('c2\u0000vm\u0001c3\u0000vm\u0001');
  });
});
