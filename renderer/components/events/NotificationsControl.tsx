import { MessageBar, MessageBarBody, Switch, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { usePreferences, usePreferencesStore } from '../../preferences/preferences-store.ts';
import { useNotifier } from '../../store/context.tsx';

/**
 * Desktop notifications for unexpected exits and crashes. The desktop app always raises them; in a browser they
 * are off until the user turns them on here, which asks the browser's permission (a click, never page load).
 */
export function NotificationsControl() {
  const notifier = useNotifier();
  const preferences = usePreferencesStore();
  const enabled = usePreferences((p) => p.desktopNotifications);
  const [problem, setProblem] = useState<string | null>(null);
  if (notifier === 'desktop-app')
    return <Text size={200}>Unexpected exits and crashes raise a desktop notification.</Text>;
  const supported = typeof Notification !== 'undefined';
  const toggle = async (on: boolean) => {
    setProblem(null);
    if (!on) {
      preferences.getState().setDesktopNotifications(false);
      return;
    }
    if (!supported) {
      setProblem('This browser has no desktop notifications.');
      return;
    }
    const permission =
      Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission === 'granted') preferences.getState().setDesktopNotifications(true);
    else
      setProblem(
        'The browser did not allow notifications for this page. Allow them in the site settings, then try again.',
      );
  };
  return (
    <>
      <Switch
        label="Desktop notifications for unexpected exits"
        checked={enabled && supported && Notification.permission === 'granted'}
        onChange={(_, data) => void toggle(data.checked)}
      />
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
