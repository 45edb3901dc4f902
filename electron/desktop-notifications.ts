import { alertMessage } from '../src/contract/index.ts';
import type { AppCoreApi } from '../src/app/index.ts';

/** What this needs of Electron's Notification (main process). */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface DesktopNotifierDeps {
  /** Electron's `Notification.isSupported()`. */
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  /** Bring the window forward and show the system (`app.showSystem` to the page). */
  reveal(systemId: string): void;
}

/** Notifications not yet clicked or closed are held here: Electron drops the click of a collected one. */
const MAX_HELD = 50;

/**
 * The desktop app's notifications: each alert of the core's timeline (an unexpected exit, a crash) raises an
 * Electron Notification from the main process; clicking it shows the system in the window. Returns the
 * unsubscribe function.
 */
export function desktopNotifications(
  core: Pick<AppCoreApi, 'subscribe'>,
  deps: DesktopNotifierDeps,
): () => void {
  const held = new Set<NotificationLike>();
  return core.subscribe((event) => {
    if (event.channel !== 'timeline.appended') return;
    for (const entry of event.payload.entries) {
      if (!entry.alert || !deps.isSupported()) continue;
      const notification = deps.create(alertMessage(entry));
      held.add(notification);
      if (held.size > MAX_HELD) held.delete(held.values().next().value!);
      notification.on('click', () => {
        held.delete(notification);
        deps.reveal(entry.systemId);
      });
      notification.on('close', () => held.delete(notification));
      notification.show();
    }
  });
}
