import { describe, expect, it } from 'vitest';
import { CallGate } from './gate.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CallGate', () => {
  it('never lets more than `limit` calls run, and runs the rest in order as slots free up', async () => {
    const gate = new CallGate(2);
    const started: number[] = [];
    const finish = Array.from({ length: 5 }, () => deferred());
    let peak = 0;
    const runs = finish.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        peak = Math.max(peak, gate.inFlight);
        await d.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    finish[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const d of finish) d.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(gate.inFlight).toBe(0);
  });

  it('frees the slot when the call throws', async () => {
    const gate = new CallGate(1);
    await expect(gate.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('withdraws a queued ticket without ever granting it', async () => {
    const gate = new CallGate(1);
    const first = gate.acquire();
    const second = gate.acquire();
    const third = gate.acquire();
    expect(second.cancel()).toBe(true);
    first.release();
    await third.granted;
    expect(gate.inFlight).toBe(1);
    expect(gate.queued).toBe(0);
    expect(first.cancel()).toBe(false);
    third.release();
    third.release();
    expect(gate.inFlight).toBe(0);
  });
});
