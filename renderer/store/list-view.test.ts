import { describe, expect, it } from 'vitest';
import { summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { typesOf, visibleIds, type ListView } from './list-view.ts';

const systems = [
  summary('sys-10', { name: 'web', state: 'Running', type: 'container' }),
  summary('sys-2', { name: 'db', state: 'Paused', type: 'container', owner: 'docker' }),
  summary('uvm-1', { name: 'Utility VM', state: 'Running', type: 'virtualmachine', os: 'linux' }),
];
const view: ListView = { search: '', states: [], types: [], sort: { column: 'id', direction: 'ascending' } };

describe('visibleIds', () => {
  it('sorts naturally by the chosen column, both ways', () => {
    expect(visibleIds(systems, view)).toEqual(['sys-2', 'sys-10', 'uvm-1']);
    expect(visibleIds(systems, { ...view, sort: { column: 'name', direction: 'descending' } })).toEqual([
      'sys-10',
      'uvm-1',
      'sys-2',
    ]);
  });

  it('breaks ties by id so equal rows keep a stable order', () => {
    expect(visibleIds(systems, { ...view, sort: { column: 'state', direction: 'ascending' } })).toEqual([
      'sys-2',
      'sys-10',
      'uvm-1',
    ]);
  });

  it('filters by state and type together', () => {
    expect(visibleIds(systems, { ...view, states: ['Running'] })).toEqual(['sys-10', 'uvm-1']);
    expect(visibleIds(systems, { ...view, states: ['Running'], types: ['container'] })).toEqual(['sys-10']);
  });

  it('searches every column, case-insensitively, all words', () => {
    expect(visibleIds(systems, { ...view, search: 'DOCKER' })).toEqual(['sys-2']);
    expect(visibleIds(systems, { ...view, search: 'utility linux' })).toEqual(['uvm-1']);
    expect(visibleIds(systems, { ...view, search: 'utility windows' })).toEqual([]);
  });

  it('lists the types present', () => {
    expect(typesOf(systems)).toEqual(['container', 'virtualmachine']);
  });
});

describe('the store’s visible ids', () => {
  it('stay the same array while the visible ids do not change', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b')]);
    const first = store.getState().visibleIds;
    store.getState().notify({ intent: 'info', title: 'unrelated' });
    store.getState().applyChanged(summary('a', { state: 'Running' }));
    expect(store.getState().visibleIds).toBe(first);
    store.getState().setSearch('b');
    expect(store.getState().visibleIds).toEqual(['b']);
  });
});
