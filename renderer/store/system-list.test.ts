import { describe, expect, it } from 'vitest';
import type { SystemState, SystemSummary } from '../../src/contract/index.ts';
import { summary } from '../test-support/fixtures.ts';
import { SORT_COLUMNS, ownersOf, typesOf, visibleIds, type ListView } from './list-view.ts';
import { SystemList } from './system-list.ts';

const view: ListView = { search: '', states: [], types: [], sort: { column: 'id', direction: 'ascending' } };
const STATES: SystemState[] = ['Created', 'Running', 'Paused', 'Stopped'];
const TYPES = ['Container', 'VirtualMachine', 'container'];

/** A small deterministic random generator (the same sequence on every run). */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x % n;
  };
}

function randomSystem(pick: (n: number) => number, id: string): SystemSummary {
  return summary(id, {
    name: `n${pick(20)}`,
    state: STATES[pick(STATES.length)]!,
    type: TYPES[pick(TYPES.length)]!,
    owner: ['docker', 'WSL', 'Docker'][pick(3)]!,
    ...(pick(4) === 0 ? { hostingSystemId: ['vm-a', 'vm-b'][pick(2)]! } : {}),
  });
}

/** Which system is hosted where, over every system the list holds. */
function hostingOf(list: SystemList): string {
  const pairs: string[] = [];
  for (const s of list.systems.values()) if (s.hostingSystemId) pairs.push(`${s.id}>${s.hostingSystemId}`);
  return pairs.sort().join(' ');
}

describe('SystemList', () => {
  it('after any sequence of changes, removals and view changes, shows what a full re-derivation shows', () => {
    const pick = random(7);
    const ids = Array.from({ length: 60 }, (_, i) => `sys-${i}`);
    const list = new SystemList(view);
    list.replaceAll(ids.slice(0, 40).map((id) => randomSystem(pick, id)));
    let current = view;
    for (let step = 0; step < 2000; step++) {
      const what = pick(20);
      const hostingBefore = hostingOf(list);
      let change;
      if (what < 12) {
        const batch = Array.from({ length: 1 + pick(5) }, () => randomSystem(pick, ids[pick(ids.length)]!));
        change = list.update(batch);
      } else if (what < 15) {
        change = list.remove(ids[pick(ids.length)]!);
      } else if (what < 19) {
        current = {
          search: ['', 'n1', 'docker', 'running n'][pick(4)]!,
          states: pick(2) ? [] : [STATES[pick(STATES.length)]!],
          types: pick(3) ? [] : [TYPES[pick(TYPES.length)]!],
          owners: pick(3) ? [] : [['docker', 'WSL', 'Docker'][pick(3)]!],
          sort: {
            column: SORT_COLUMNS[pick(SORT_COLUMNS.length)]!,
            direction: pick(2) ? 'ascending' : 'descending',
          },
        };
        change = list.setView(current);
      } else {
        change = list.replaceAll(ids.filter(() => pick(2)).map((id) => randomSystem(pick, id)));
      }
      const all = [...list.systems.values()];
      expect(list.ids).toEqual(visibleIds(all, current));
      expect(list.types).toEqual(typesOf(all));
      expect(list.owners).toEqual(ownersOf(all));
      // The list's grouping is derived again exactly when which system is hosted where changed.
      expect(change.hosting, `step ${step}`).toBe(hostingOf(list) !== hostingBefore);
    }
  });

  it('a change that does not move its row leaves the shown ids as the same array', () => {
    const list = new SystemList(view);
    list.replaceAll([summary('a'), summary('b'), summary('c')]);
    const ids = list.ids;
    expect(list.update([summary('b', { state: 'Paused' })])).toEqual({
      rows: true,
      order: false,
      types: false,
      owners: false,
      hosting: false,
    });
    expect(list.ids).toBe(ids);
    expect(list.systems.get('b')?.state).toBe('Paused');
    expect(list.update([summary('b', { state: 'Paused' })])).toEqual({
      rows: false,
      order: false,
      types: false,
      owners: false,
      hosting: false,
    });
  });

  it('moves a row whose sort key changed, and drops or adds rows leaving or entering a filter', () => {
    const list = new SystemList({
      ...view,
      states: ['Running'],
      sort: { column: 'name', direction: 'ascending' },
    });
    list.replaceAll([
      summary('a', { name: 'alpha', state: 'Running' }),
      summary('b', { name: 'bravo', state: 'Running' }),
      summary('c', { name: 'charlie', state: 'Running' }),
    ]);
    list.update([summary('a', { name: 'zulu', state: 'Running' })]);
    expect(list.ids).toEqual(['b', 'c', 'a']);
    list.update([summary('b', { name: 'bravo', state: 'Paused' })]);
    expect(list.ids).toEqual(['c', 'a']);
    list.update([summary('d', { name: 'delta', state: 'Running' })]);
    expect(list.ids).toEqual(['c', 'd', 'a']);
  });

  it('re-sorts once for a burst that moves many rows', () => {
    const list = new SystemList({ ...view, states: ['Paused'] });
    const all = Array.from({ length: 1000 }, (_, i) => summary(`s${i}`, { state: 'Running' }));
    list.replaceAll(all);
    expect(list.ids).toEqual([]);
    list.update(all.map((s) => ({ ...s, state: 'Paused' as const })));
    expect(list.ids).toEqual(visibleIds([...list.systems.values()], list.currentView));
    expect(list.ids).toHaveLength(1000);
  });
});
