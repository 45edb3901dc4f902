import { useEffect } from 'react';
import { alertMessage } from '../../../src/contract/index.ts';
import { useExecServices } from '../../exec/context.tsx';
import { usePreferences } from '../../preferences/preferences-store.ts';
import { useAppStore, useNotifier, useTimelineService } from '../../store/context.tsx';
import { showSystem } from '../../views/show-system.ts';

/**
 * Web mode: a browser notification for each alert of the timeline (an unexpected exit, a crash), once the user
 * turned them on (which asks the browser's permission; never on page load). Clicking one shows the system.
 * The desktop app raises its own from the main process (electron/desktop-notifications.ts). Renders nothing.
 */
export function DesktopNotifications() {
  const timeline = useTimelineService();
  const notifier = useNotifier();
  const enabled = usePreferences((p) => p.desktopNotifications);
  const store = useAppStore();
  const { store: exec } = useExecServices();
  useEffect(() => {
    if (notifier !== 'browser' || !enabled || typeof Notification === 'undefined') return;
    return timeline.onAppended((entries) => {
      if (Notification.permission !== 'granted') return;
      for (const e of entries) {
        if (!e.alert) continue;
        const { title, body } = alertMessage(e);
        // The tag makes one notification of one entry, however many tabs of the app are open.
        const n = new Notification(title, { body, tag: `hcs-desktop-${e.systemId}-${e.seq}` });
        n.onclick = () => {
          window.focus();
          showSystem(store, exec, e.systemId);
          n.close();
        };
      }
    });
  }, [timeline, notifier, enabled, store, exec]);
  return null;
}
