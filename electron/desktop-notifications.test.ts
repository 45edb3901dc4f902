import { describe, expect, it } from 'vitest';
import { CONTAINER, NotificationType, coreWithFake, settle } from '../src/app/testing/harness.ts';
import { desktopNotifications, type NotificationLike } from './desktop-notifications.ts';

class FakeNotification implements NotificationLike {
  shown = false;
  private readonly listeners = new Map<string, () => void>();
  constructor(readonly options: { title: string; body: string }) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  show() {
    this.shown = true;
  }
  click() {
    this.listeners.get('click')?.();
  }
}

async function setup(supported = true) {
  const h = coreWithFake([CONTAINER]);
  await h.core.start();
  await settle();
  const made: FakeNotification[] = [];
  const revealed: string[] = [];
  desktopNotifications(h.core, {
    isSupported: () => supported,
    create: (options) => {
      const n = new FakeNotification(options);
      made.push(n);
      return n;
    },
    reveal: (id) => revealed.push(id),
  });
  return { ...h, made, revealed };
}

describe('desktop notifications (main process)', () => {
  it('an unexpected exit raises a notification; clicking it reveals the system', async () => {
    const { hcs, made, revealed } = await setup();
    hcs.exit('c1', 'UnexpectedExit');
    await settle();
    expect(made.map((n) => [n.options.title, n.shown])).toEqual([['c1 exited unexpectedly', true]]);
    expect(made[0]!.options.body).toBe('exit type UnexpectedExit. Click to show the system.');
    made[0]!.click();
    expect(revealed).toEqual(['c1']);
  });

  it('nothing for what is not an alert, nor where the system has no notifications', async () => {
    const quiet = await setup();
    await quiet.core.handle('systems.pause', { id: 'c1' });
    quiet.hcs.notify('c1', NotificationType.SystemPauseCompleted);
    quiet.hcs.exit('c1', 'GracefulExit');
    await settle();
    expect(quiet.made).toEqual([]);

    const unsupported = await setup(false);
    unsupported.hcs.exit('c1', 'UnexpectedExit');
    await settle();
    expect(unsupported.made).toEqual([]);
  });
});
