import { describe, expect, it } from 'vitest';
import type { Operation } from '../contract/index.ts';
import { OperationRecord } from './operation-record.ts';

function op(n: number, status: Operation['status']): Operation {
  return {
    opId: `op-${n}`,
    systemId: `sys-${n}`,
    action: 'pause',
    status,
    error: null,
    startedAt: n,
    finishedAt: status === 'pending' ? null : n + 1000,
  };
}

const ids = (record: OperationRecord) => [...record.values()].map((o) => o.opId);

describe('OperationRecord', () => {
  it('keeps every pending operation and forgets the one that finished longest ago beyond its limit', () => {
    const record = new OperationRecord(2);
    for (let n = 1; n <= 5; n++) record.set(op(n, 'pending'));
    // They finish out of the order they began: 4, 2, 5.
    record.set(op(4, 'done'));
    record.set(op(2, 'failed'));
    expect(ids(record)).toEqual(['op-1', 'op-2', 'op-3', 'op-4', 'op-5']);
    record.set(op(5, 'done'));
    // Three finished, two kept: 4 finished first and goes; the pending ones stay, in the order they began.
    expect(ids(record)).toEqual(['op-1', 'op-2', 'op-3', 'op-5']);
    expect(record.get('op-4')).toBeUndefined();
    expect(record.get('op-2')?.status).toBe('failed');
  });

  it('a finished operation set again (a list after a live event) keeps its place and counts once', () => {
    const record = new OperationRecord(2);
    record.set(op(1, 'done'));
    record.set(op(2, 'done'));
    record.set({ ...op(1, 'done'), finishedAt: 5 });
    record.set({ ...op(1, 'done'), finishedAt: 6 });
    expect(ids(record)).toEqual(['op-1', 'op-2']);
    expect(record.get('op-1')?.finishedAt).toBe(6);
    record.set(op(3, 'done'));
    expect(ids(record)).toEqual(['op-2', 'op-3']);
  });

  it('thousands pending while thousands finish: the limit holds and nothing pending is lost', () => {
    const record = new OperationRecord(200);
    for (let n = 0; n < 10_000; n++) record.set(op(n, 'pending'));
    for (let n = 0; n < 9_000; n++) record.set(op(n, 'done'));
    const all = [...record.values()];
    expect(all.filter((o) => o.status === 'pending')).toHaveLength(1_000);
    expect(all.filter((o) => o.status === 'done').map((o) => o.opId)).toEqual(
      Array.from({ length: 200 }, (_, i) => `op-${8_800 + i}`),
    );
  });
});
