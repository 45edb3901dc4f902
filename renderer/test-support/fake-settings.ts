import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type SettingsPatch,
  type SettingsState,
} from '../../src/contract/index.ts';
import type { FakeApi } from './fake-api.ts';
import { settingsState } from './fixtures.ts';

/**
 * The main side's settings for a FakeApi: settings.get, settings.update and settings.reset keep one state and
 * announce each change as settings.changed, as the app core does (src/app/settings.ts).
 */
export function serveSettings(api: FakeApi, initial: SettingsState = settingsState()) {
  let state = initial;
  const change = (next: SettingsState) => {
    state = next;
    api.emit('settings.changed', state);
    return state;
  };
  api.handlers['settings.get'] = () => state;
  api.handlers['settings.update'] = (patch: SettingsPatch) =>
    change({
      ...state,
      settings: applySettingsPatch(state.settings, patch),
      restartNeeded:
        applySettingsPatch(state.settings, patch).hcsApi !== initial.settings.hcsApi ? ['hcsApi'] : [],
    });
  api.handlers['settings.reset'] = () => change({ ...state, settings: DEFAULT_SETTINGS, restartNeeded: [] });
  return { current: () => state };
}
