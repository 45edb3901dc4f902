import { describe, expect, it } from 'vitest';
import { ContractError, parseRequest } from './validate.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, Settings, SettingsFileContent } from './settings.ts';

describe('settings in the contract', () => {
  it('the defaults are valid settings: following the OS theme, asking before the destructive actions', () => {
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.theme).toBe('system');
    expect(DEFAULT_SETTINGS.confirm).toMatchObject({ terminate: true, shutdown: true, discardEdits: true });
  });

  it.each([
    [{ theme: 'sepia' }, 'theme'],
    [{ statistics: { intervalMs: 10 } }, 'statistics.intervalMs'],
    [{ statistics: { chartWindowMinutes: 30 } }, 'statistics.chartWindowMinutes'],
    [{ confirm: { terminate: 'yes' } }, 'confirm.terminate'],
    [{ confirm: { everything: true } }, 'confirm'],
    [{ hcsApi: 'v3' }, 'hcsApi'],
    [{ exec: { user: 'a\u0000b' } }, 'exec.user'],
    [{ layout: { columnWidths: { id: 5 } } }, 'layout.columnWidths.id'],
    [{ layout: { view: '../../x' } }, 'layout.view'],
    [{ window: {} }, 'window'],
  ])('settings.update refuses %j (%s)', (patch, path) => {
    const attempt = () => parseRequest('settings.update', patch);
    expect(attempt).toThrow(ContractError);
    expect(attempt).toThrow(path);
  });

  it('a patch changes only what it names, section by section', () => {
    const { payload } = parseRequest<'settings.update'>('settings.update', {
      confirm: { terminate: false },
      layout: { columnWidths: { name: 180 } },
    });
    const once = applySettingsPatch(
      { ...DEFAULT_SETTINGS, layout: { ...DEFAULT_SETTINGS.layout, columnWidths: { id: 220 } } },
      payload,
    );
    expect(once.confirm).toEqual({ ...DEFAULT_SETTINGS.confirm, terminate: false });
    expect(once.layout.columnWidths).toEqual({ id: 220, name: 180 });
    expect(once.theme).toBe(DEFAULT_SETTINGS.theme);
  });

  it('the file carries its version; one without is refused', () => {
    expect(SettingsFileContent.safeParse({ version: 1 }).success).toBe(true);
    expect(SettingsFileContent.safeParse({ theme: 'dark' }).success).toBe(false);
  });
});
