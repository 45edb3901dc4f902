import type { SettingsPatch } from '../../src/contract/index.ts';
import type { Preferences, PreferencesStore } from '../preferences/preferences-store.ts';
import type { SettingsStore } from './settings-store.ts';

/** The preferences (what the views read: the charts' window…) that are kept as settings, and where. */
function patchFor(p: Preferences, settings: SettingsStore): SettingsPatch {
  const { statistics, notifications } = settings.getState().settings;
  const patch: SettingsPatch = {};
  if (p.chartWindowMinutes !== statistics.chartWindowMinutes || p.charts !== statistics.charts)
    patch.statistics = { chartWindowMinutes: p.chartWindowMinutes, charts: p.charts };
  if (p.desktopNotifications !== notifications.desktop)
    patch.notifications = { desktop: p.desktopNotifications };
  return patch;
}

/**
 * The views read the window's preferences store (renderer/preferences); the user's settings are their lasting
 * home. A setting that changes (here or in another window) sets the preference; a preference a view changes
 * (the chart window picked on the Statistics tab) is saved as the setting. Applying a setting makes no patch
 * (the values are then equal), so nothing echoes back.
 */
export function bindPreferences(settings: SettingsStore, preferences: PreferencesStore): () => void {
  const apply = () => {
    const { statistics, notifications } = settings.getState().settings;
    const p = preferences.getState();
    if (
      p.chartWindowMinutes !== statistics.chartWindowMinutes ||
      p.charts !== statistics.charts ||
      p.desktopNotifications !== notifications.desktop
    ) {
      preferences.setState({
        chartWindowMinutes: statistics.chartWindowMinutes,
        charts: statistics.charts,
        desktopNotifications: notifications.desktop,
      });
    }
  };
  apply();
  const stopSettings = settings.subscribe((s, previous) => {
    if (s.settings !== previous.settings) apply();
  });
  const stopPreferences = preferences.subscribe((p) => {
    if (!settings.getState().loaded) return;
    const patch = patchFor(p, settings);
    if (Object.keys(patch).length > 0) void settings.getState().update(patch);
  });
  return () => {
    stopSettings();
    stopPreferences();
  };
}
