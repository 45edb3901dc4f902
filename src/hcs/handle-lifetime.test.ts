// HandleLifetime against a scripted binding: the close sequence and its lock rules.
import { afterEach, describe, expect, it } from 'vitest';
import { setBackend } from './backend.ts';
import { ErrAlreadyClosed, Win32Error } from './errors.ts';
import { HandleLifetime, type HandleOwner } from './handle-lifetime.ts';
import { NotificationType as T } from './notification-types.ts';
import { installFake } from './testing/fake-vmcompute.ts';

afterEach(() => setBackend(null));

function owner(log: string[]): HandleOwner {
  return {
    closeError: (err) => new Error(`close: ${err.message}`),
    releaseLocal: () => log.push('releaseLocal'),
    closed: () => log.push('closed'),
  };
}

describe('HandleLifetime', () => {
  it('close waits for a call in flight, refuses new calls meanwhile, and runs once', async () => {
    const { fake, backend } = installFake();
    const log: string[] = [];
    const life = new HandleLifetime('system', backend, owner(log), 0x10n);
    expect(await life.register()).toBeNull();
    let finish!: () => void;
    fake.answers.modifyComputeSystem = () =>
      new Promise((resolve) => (finish = () => resolve({ err: null, hr: 0, result: null })));
    const inFlight = life.call((vm, h) => vm.modifyComputeSystem(h, '{}'));
    await Promise.resolve();
    const closing = Promise.all([life.close(), life.close()]);
    expect(life.isClosing).toBe(true);
    expect(await life.call((vm, h) => vm.modifyComputeSystem(h, '{}'))).toBeNull();
    await Promise.resolve();
    expect(fake.calls.some((c) => c.op === 'closeComputeSystem')).toBe(false);
    finish();
    expect((await inFlight)?.err).toBeNull();
    await closing;
    await life.close();
    expect(fake.calls.filter((c) => c.op === 'closeComputeSystem')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.op === 'unregisterComputeSystemCallback')).toHaveLength(1);
    expect(log).toEqual(['releaseLocal', 'closed']);
  });

  it('releases notification waiters with ErrAlreadyClosed instead of waiting for them', async () => {
    const { backend } = installFake();
    const life = new HandleLifetime('process', backend, owner([]), 0x10n);
    expect(await life.register()).toBeNull();
    const waiting = life.waitFor(T.ProcessExited, 60_000);
    await life.close();
    expect(await waiting).toBe(ErrAlreadyClosed);
  });

  it('a close that fails leaves the handle open and usable; an invalid handle counts as closed', async () => {
    const { fake, backend } = installFake();
    const log: string[] = [];
    const life = new HandleLifetime('process', backend, owner(log), 0x10n);
    fake.answers.closeProcess = async () => ({ err: new Win32Error(0x5), hr: 0x80070005 | 0 });
    await expect(life.close()).rejects.toThrow('close: Access is denied.');
    expect(life.isClosing).toBe(false);
    expect(await life.call(async () => 'ran')).toBe('ran');
    expect(log).toEqual(['releaseLocal']);
    fake.answers.closeProcess = async () => ({ err: new Win32Error(0x6), hr: 0x80070006 | 0 });
    await life.close();
    expect(log).toEqual(['releaseLocal', 'releaseLocal', 'closed']);
    expect(await life.call(async () => 'ran')).toBeNull();
  });
});
