import { describe, expect, it } from 'vitest';
import { hcsCallLimit, threadPoolSize } from './threadpool.ts';

describe('thread pool sizing', () => {
  it('reads UV_THREADPOOL_SIZE as libuv does (default 4, garbage or 0 means 1, max 1024)', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '16' })).toBe(16);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' })).toBe(1);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'many' })).toBe(1);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '5000' })).toBe(1024);
  });

  it('leaves two pool threads to file I/O, and always allows one HCS call', () => {
    expect(hcsCallLimit({})).toBe(2);
    expect(hcsCallLimit({ UV_THREADPOOL_SIZE: '16' })).toBe(14);
    expect(hcsCallLimit({ UV_THREADPOOL_SIZE: '2' })).toBe(1);
    expect(hcsCallLimit({ UV_THREADPOOL_SIZE: '1' })).toBe(1);
    // Capped below koffi's limit of async calls.
    expect(hcsCallLimit({ UV_THREADPOOL_SIZE: '1024' })).toBe(128);
  });
});
