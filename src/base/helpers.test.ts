import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay, closeQuietly, formatHresult } from './index.ts';

describe('formatHresult', () => {
  it('prints unsigned, eight upper-case hex digits', () => {
    expect(formatHresult(0x80070005)).toBe('0x80070005');
    expect(formatHresult(-2147024891)).toBe('0x80070005');
    expect(formatHresult(0xc0370105 | 0)).toBe('0xC0370105');
    expect(formatHresult(5)).toBe('0x00000005');
  });
});

describe('backoff', () => {
  it('doubles up to the cap, jitters downwards, and starts over after reset', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 };
    const b = new Backoff(policy);
    expect([1, 2, 3, 4, 5].map(() => b.next())).toEqual([100, 200, 400, 800, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
    expect(backoffDelay({ ...policy, jitter: 0.5 }, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 5000)).toBe(1000);
  });
});

describe('closeQuietly', () => {
  it('swallows a rejected or a throwing close', async () => {
    await expect(closeQuietly({ close: () => Promise.reject(new Error('gone')) })).resolves.toBeUndefined();
    await expect(
      closeQuietly({
        close: () => {
          throw new Error('gone');
        },
      }),
    ).resolves.toBeUndefined();
    let closed = false;
    await closeQuietly({ close: async () => void (closed = true) });
    expect(closed).toBe(true);
  });
});

describe('backoffDelay (the renderer reconnect policy)', () => {
  const policy = { initialMs: 250, maxMs: 5000, factor: 2, jitter: 0.2 };
  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(policy, a, () => 0))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });
  it('jitters downwards by at most the jitter fraction', () => {
    expect(backoffDelay(policy, 2, () => 1)).toBe(800);
  });
});
