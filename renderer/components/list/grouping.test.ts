import { describe, expect, it } from 'vitest';
import { groupRows, hostingFromSignature, hostingSignature } from './grouping.ts';

const none = new Set<string>();

describe('groupRows: hosted containers under their utility VM (issue 12 §6)', () => {
  it('moves each hosted container right under its VM, in the list order, one level down', () => {
    const hosting = new Map([
      ['c2', 'uvm'],
      ['c1', 'uvm'],
    ]);
    const rows = groupRows(['a', 'c2', 'uvm', 'c1', 'z'], hosting, none);
    expect(rows.map((r) => [r.id, r.level, r.children, r.expanded, r.parent])).toEqual([
      ['a', 1, 0, false, undefined],
      ['uvm', 1, 2, true, undefined],
      ['c2', 2, 0, false, 'uvm'],
      ['c1', 2, 0, false, 'uvm'],
      ['z', 1, 0, false, undefined],
    ]);
  });

  it('hides the containers of a collapsed VM, which still counts them', () => {
    const rows = groupRows(['uvm', 'c1'], new Map([['c1', 'uvm']]), new Set(['uvm']));
    expect(rows).toEqual([{ id: 'uvm', level: 1, children: 1, expanded: false }]);
  });

  it('keeps a container whose VM is not shown at the top level, and matches ids without regard to case', () => {
    expect(groupRows(['c1'], new Map([['c1', 'gone']]), none)).toEqual([
      { id: 'c1', level: 1, children: 0, expanded: false },
    ]);
    const rows = groupRows(['A9F3-UVM', 'c1'], new Map([['c1', 'a9f3-uvm']]), none);
    expect(rows[1]).toMatchObject({ id: 'c1', level: 2, parent: 'A9F3-UVM' });
  });

  it("finds a remote container's VM on the same host only", () => {
    const rows = groupRows(['@h1/uvm', '@h1/c1', 'uvm'], new Map([['@h1/c1', 'uvm']]), none);
    expect(rows.map((r) => [r.id, r.level])).toEqual([
      ['@h1/uvm', 1],
      ['@h1/c1', 2],
      ['uvm', 1],
    ]);
  });

  it('goes one level deep: a VM that is itself hosted takes no containers under it', () => {
    const hosting = new Map([
      ['vm2', 'vm1'],
      ['c1', 'vm2'],
    ]);
    const rows = groupRows(['vm1', 'vm2', 'c1'], hosting, none);
    expect(rows.map((r) => [r.id, r.level])).toEqual([
      ['vm1', 1],
      ['vm2', 2],
      ['c1', 1],
    ]);
  });

  it('reads who is hosted where from a store-selector string', () => {
    const systems = new Map([
      ['c1', { hostingSystemId: 'uvm' }],
      ['uvm', {}],
    ]);
    const signature = hostingSignature(['uvm', 'c1'], systems);
    expect(hostingFromSignature(signature)).toEqual(new Map([['c1', 'uvm']]));
    expect(hostingSignature(['uvm'], systems)).toBe('');
  });
});
