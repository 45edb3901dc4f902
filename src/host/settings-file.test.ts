import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../contract/index.ts';
import { defaultSettingsPath, openSettingsFile } from './settings-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-settings-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('defaultSettingsPath', () => {
  it('is in the user config directory of each platform', () => {
    expect(defaultSettingsPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'hcs-desktop', 'settings.json'),
    );
    expect(defaultSettingsPath({}, 'darwin', '/h/u')).toBe(
      '/h/u/Library/Application Support/hcs-desktop/settings.json',
    );
    expect(defaultSettingsPath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h/u')).toBe(
      '/x/hcs-desktop/settings.json',
    );
    expect(defaultSettingsPath({}, 'linux', '/h/u')).toBe('/h/u/.config/hcs-desktop/settings.json');
  });
});

describe('openSettingsFile', () => {
  it('no file: the defaults, no problem; a save writes a versioned file of mode 0600', async () => {
    const path = join(dir, 'cfg', 'settings.json');
    const storage = openSettingsFile(path);
    expect(storage).toMatchObject({ initial: DEFAULT_SETTINGS, location: path, problem: null });
    await storage.save({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      ...DEFAULT_SETTINGS,
      theme: 'dark',
    });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(openSettingsFile(path).initial.theme).toBe('dark');
  });

  it('a file of an older version, with fewer settings, takes the defaults for the rest', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ version: 1, confirm: { terminate: false } }), { mode: 0o600 });
    const storage = openSettingsFile(path);
    expect(storage.problem).toBeNull();
    expect(storage.initial).toEqual({
      ...DEFAULT_SETTINGS,
      confirm: { ...DEFAULT_SETTINGS.confirm, terminate: false },
    });
  });

  it('a bad file: the defaults, and a problem that says why and where the file was kept', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ version: 1, theme: 'sepia' }), { mode: 0o600 });
    const storage = openSettingsFile(path);
    expect(storage.initial).toEqual(DEFAULT_SETTINGS);
    expect(storage.problem).toMatch(
      /^The settings file was not used: it does not hold valid values \(theme: .*\)\. It was kept as .*settings\.json\.bad-\d{8}-\d{6}; the default settings are in effect\.$/,
    );
    const keptAs = /kept as (.*); the default/.exec(storage.problem!)![1]!;
    expect(JSON.parse(readFileSync(keptAs, 'utf8'))).toEqual({ version: 1, theme: 'sepia' });
  });

  it('a file of an unknown version is bad (not guessed at)', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ version: 2, theme: 'dark' }), { mode: 0o600 });
    expect(openSettingsFile(path).problem).toMatch(/version/);
  });
});
