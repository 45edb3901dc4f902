import { describe, expect, it } from 'vitest';
import { HandleLock } from './handle-lock.ts';

describe('HandleLock', () => {
  it('close waits for operations in flight and refuses new ones meanwhile', async () => {
    const lock = new HandleLock();
    let finish!: () => void;
    const op = lock.use(
      () => new Promise<string>((r) => (finish = () => r('done'))),
      () => 'closed',
    );
    let drained = false;
    const drain = lock.drain().then(() => (drained = true));
    expect(
      await lock.use(
        async () => 'ran',
        () => 'closed',
      ),
    ).toBe('closed');
    await Promise.resolve();
    expect(drained).toBe(false);
    finish();
    expect(await op).toBe('done');
    await drain;
    expect(drained).toBe(true);
    expect(lock.inFlight).toBe(0);
  });

  it('drains at once when idle, and reopen accepts operations again', async () => {
    const lock = new HandleLock();
    await lock.drain();
    expect(lock.tryEnter()).toBe(false);
    lock.reopen();
    expect(
      await lock.use(
        async () => 1,
        () => 0,
      ),
    ).toBe(1);
  });
  it('an abandoned call (the watchdog gave up) holds the handle until the native call has returned', async () => {
    const lock = new HandleLock();
    let nativeReturn!: () => void;
    const stillRunning = new Promise<void>((r) => (nativeReturn = r));
    const outcome = await lock.use(
      async () => ({ err: new Error('context deadline exceeded'), stillRunning }),
      () => null,
    );
    expect(outcome?.err?.message).toBe('context deadline exceeded');
    let drained = false;
    const drain = lock.drain().then(() => (drained = true));
    // Draining depends on promises only: once a macrotask has run, every microtask that could resolve it has.
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    expect(lock.inFlight).toBe(1);
    nativeReturn();
    await drain;
    expect(lock.inFlight).toBe(0);
  });
});
