import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SettingsStorage } from '../app/index.ts';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SettingsFileContent,
  type Settings,
} from '../contract/index.ts';
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts';

/**
 * The web server's settings file when no --settings-file is given: in the user's configuration directory
 * (%APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere).
 * The desktop app keeps its own in Electron's user data folder (electron/main.ts).
 */
export function defaultSettingsPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  let base: string;
  if (platform === 'win32') base = env.APPDATA || join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'hcs-desktop', 'settings.json');
}

/**
 * The user's settings file (src/host/json-file.ts says how it is read and written): the settings in it over
 * the defaults, or the defaults and a problem that names where the bad file was kept. When a bad file could
 * not be moved aside, saving is refused rather than writing over it.
 */
export function openSettingsFile(path: string): SettingsStorage {
  const read = readJsonFile(path, SettingsFileContent);
  let initial: Settings = DEFAULT_SETTINGS;
  let problem: string | null = null;
  let refuseSaving: string | null = null;
  if (read.kind === 'ok') {
    const { version: _version, ...patch } = read.value;
    initial = applySettingsPatch(DEFAULT_SETTINGS, patch);
  } else if (read.kind === 'bad') {
    problem = read.keptAs
      ? `The settings file was not used: ${read.reason}. It was kept as ${read.keptAs}; the default settings are in effect.`
      : `The settings file ${path} was not used: ${read.reason}. The default settings are in effect.`;
    if (!read.keptAs)
      refuseSaving = `the settings file ${path} could not be moved aside, and saving would overwrite it`;
  }
  return {
    initial,
    location: path,
    problem,
    async save(settings: Settings) {
      if (refuseSaving) throw new Error(refuseSaving);
      writeJsonFileAtomic(path, { version: SETTINGS_VERSION, ...settings });
    },
  };
}
