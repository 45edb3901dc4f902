import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { StatisticsSample } from '../../contract/index.ts';
import { SampleHistory } from './history.ts';

const sample = (seq: number) => ({ seq }) as StatisticsSample;

describe('sample history', () => {
  it('keeps the newest samples up to its capacity, oldest first', () => {
    const history = new SampleHistory(3);
    expect(history.toArray()).toEqual([]);
    for (let i = 0; i < 2; i++) history.push(sample(i));
    expect(history.toArray().map((s) => s.seq)).toEqual([0, 1]);
    for (let i = 2; i < 7; i++) history.push(sample(i));
    expect(history.size).toBe(3);
    expect(history.toArray().map((s) => s.seq)).toEqual([4, 5, 6]);
  });

  it('drops its oldest samples while they are too old, across the wrap, and takes new ones after', () => {
    const history = new SampleHistory(4);
    for (let i = 0; i < 6; i++) history.push(sample(i));
    history.dropOldestWhile((s) => s.seq < 4);
    expect(history.toArray().map((s) => s.seq)).toEqual([4, 5]);
    history.dropOldestWhile(() => false);
    expect(history.size).toBe(2);
    for (let i = 6; i < 9; i++) history.push(sample(i));
    expect(history.toArray().map((s) => s.seq)).toEqual([5, 6, 7, 8]);
    history.dropOldestWhile(() => true);
    expect(history.toArray()).toEqual([]);
  });

  it('refuses a capacity that cannot hold a sample', () => {
    expect(() => new SampleHistory(0)).toThrow(RangeError);
    expect(() => new SampleHistory(2).resize(0)).toThrow(RangeError);
  });

  it('resized, keeps the newest samples that fit, and takes new ones at the new capacity', () => {
    const history = new SampleHistory(4);
    for (let i = 0; i < 6; i++) history.push(sample(i));
    history.resize(2);
    expect(history.capacity).toBe(2);
    expect(history.toArray().map((s) => s.seq)).toEqual([4, 5]);
    history.resize(5);
    for (let i = 6; i < 10; i++) history.push(sample(i));
    expect(history.toArray().map((s) => s.seq)).toEqual([5, 6, 7, 8, 9]);
  });

  it('drops the oldest before it is full and keeps order as it fills and wraps', () => {
    const history = new SampleHistory(4);
    for (let i = 0; i < 3; i++) history.push(sample(i));
    history.dropOldestWhile((s) => s.seq < 2);
    for (let i = 3; i < 6; i++) history.push(sample(i));
    expect(history.toArray().map((s) => s.seq)).toEqual([2, 3, 4, 5]);
    history.push(sample(6));
    expect(history.toArray().map((s) => s.seq)).toEqual([3, 4, 5, 6]);
    history.clear();
    history.push(sample(7));
    expect(history.toArray().map((s) => s.seq)).toEqual([7]);
  });

  it('costs what it holds, not its capacity: thousands of hour-long histories with a few samples each', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = getHeapStatistics().used_heap_size;
    // As the host's figures keep them: one an hour long (1 s samples) per running system, sampled rarely.
    const histories = Array.from({ length: 2000 }, () => new SampleHistory(3601));
    for (const history of histories) for (let i = 0; i < 3; i++) history.push(sample(i));
    gc();
    const grownBytes = getHeapStatistics().used_heap_size - before;
    expect(histories[1999]!.toArray().map((s) => s.seq)).toEqual([0, 1, 2]);
    // Reserved up front they took 3,601 slots of 8 bytes each: 57.6 MB for 2,000.
    expect(grownBytes).toBeLessThan(8 * 1024 * 1024);
  });
});
