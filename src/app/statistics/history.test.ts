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
});
