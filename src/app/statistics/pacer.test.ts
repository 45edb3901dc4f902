import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryPacer } from './pacer.ts';

let pacer: QueryPacer;
let started: Array<{ name: string; at: number }>;
const t0 = Date.parse('2026-01-01T00:00:00Z');

function ask(name: string): () => void {
  return pacer.run(() => started.push({ name, at: Date.now() - t0 }));
}

beforeEach(() => {
  vi.useFakeTimers({ now: t0 });
  pacer = new QueryPacer(100);
  started = [];
});

afterEach(() => {
  pacer.stop();
  vi.useRealTimers();
});

describe('QueryPacer', () => {
  it('starts at once when nothing waits, then one start per 10 ms in the order they asked', async () => {
    for (const name of ['a', 'b', 'c', 'd']) ask(name);
    expect(started).toEqual([{ name: 'a', at: 0 }]);
    expect(pacer.waitingCount).toBe(3);
    await vi.advanceTimersByTimeAsync(35);
    expect(started).toEqual([
      { name: 'a', at: 0 },
      { name: 'b', at: 10 },
      { name: 'c', at: 20 },
      { name: 'd', at: 30 },
    ]);
    expect(pacer.waitingCount).toBe(0);
  });

  it('never starts more than its budget in any second, however many ask at once', async () => {
    for (let i = 0; i < 1000; i++) ask(`q${i}`);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(1000);
    expect(started.map((s) => s.name)).toEqual(Array.from({ length: 1000 }, (_, i) => `q${i}`));
    // Any second holds at most 100 starts: each start is at least 10 ms after the one before.
    for (let i = 1; i < started.length; i++)
      expect(started[i]!.at - started[i - 1]!.at).toBeGreaterThanOrEqual(10);
  });

  it('a start asked after the spacing has passed is not held back', async () => {
    ask('a');
    await vi.advanceTimersByTimeAsync(500);
    ask('b');
    expect(started).toEqual([
      { name: 'a', at: 0 },
      { name: 'b', at: 500 },
    ]);
  });

  it('a cancelled start is never called, and the next one takes its turn', async () => {
    ask('a');
    const cancelB = ask('b');
    ask('c');
    cancelB();
    expect(pacer.waitingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(started).toEqual([
      { name: 'a', at: 0 },
      { name: 'c', at: 10 },
    ]);
    // Cancelling a start that ran already changes nothing.
    const cancelD = ask('d');
    cancelD();
    expect(started.at(-1)).toEqual({ name: 'd', at: 50 });
  });

  it('the same start asked twice runs twice', async () => {
    const start = vi.fn();
    pacer.run(start);
    pacer.run(start);
    await vi.advanceTimersByTimeAsync(20);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('stop forgets every waiting start', async () => {
    ask('a');
    ask('b');
    pacer.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(started.map((s) => s.name)).toEqual(['a']);
    expect(pacer.waitingCount).toBe(0);
  });
});
