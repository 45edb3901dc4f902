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

  it('refuses a capacity that cannot hold a sample', () => {
    expect(() => new SampleHistory(0)).toThrow(RangeError);
  });
});
