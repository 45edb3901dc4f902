import { describe, expect, it } from 'vitest';
import { eventLoopHolders } from './event-loop-hold.ts';
import { ExitLatch } from './exit-latch.ts';

describe('ExitLatch', () => {
  it('keeps the first outcome and gives it to every waiter, earlier and later', async () => {
    const latch = new ExitLatch<string>();
    expect(latch.settled).toBe(false);
    expect(latch.outcome).toBeUndefined();
    const early = latch.wait();
    expect(eventLoopHolders()).toBe(1);
    latch.settle('exited');
    latch.settle('closed');
    expect(await early).toBe('exited');
    expect(await latch.wait()).toBe('exited');
    expect(latch.settled).toBe(true);
    expect(latch.outcome).toBe('exited');
    expect(eventLoopHolders()).toBe(0);
  });
});
