import { describe, expect, it } from 'vitest';
import { hostingSignature } from '../components/list/grouping.ts';
import { operation, summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { makeShownSystemsSelector } from './selectors.ts';

describe('makeShownSystemsSelector', () => {
  it('derives again when a system or the shown ids change, not at other store updates', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('vm'), summary('c1', { hostingSystemId: 'vm' })]);
    let derived = 0;
    const select = makeShownSystemsSelector((ids, systems) => {
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

    // A new hosted system is a change of rows.
    store.getState().applyChanged(summary('c2', { hostingSystemId: 'vm' }));
    expect(select(store.getState())).toBe('c1\u0000vm\u0001c2\u0000vm\u0001');
    expect(derived).toBe(2);

    // A filter changes the shown ids.
    store.getState().setSearch('c2');
    expect(select(store.getState())).toBe('c2\u0000vm\u0001');
    expect(derived).toBe(3);
  });
});
