// @vitest-environment jsdom
import '../test-support/jsdom-setup.ts';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsView } from '../components/settings/SettingsView.tsx';
import { createPreferencesStore } from '../preferences/preferences-store.ts';
import { findDialog, waitForDialogsClosed } from '../test-support/dialogs.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { serveSettings } from '../test-support/fake-settings.ts';
import { fakeTransport } from '../test-support/fake-transport.ts';
import { settingsState } from '../test-support/fixtures.ts';
import { renderWithServices } from '../test-support/render.tsx';
import { themeFor, useChosenTheme } from '../theme.ts';
import { RequestError } from '../transport/request-error.ts';
import { bindPreferences } from './bind-preferences.ts';
import { SettingsContext, bindSettings, createSettingsStore } from './settings-store.ts';

afterEach(cleanup);

function boundSettings(api = new FakeApi(), initial = settingsState()) {
  const server = serveSettings(api, initial);
  const { transport, cell } = fakeTransport(api, 'connecting');
  const store = createSettingsStore(api);
  const unbind = bindSettings(transport, store);
  return { api, server, store, cell, unbind };
}

describe('the settings store', () => {
  it('uses the defaults until the main side answers, reads the settings when the link opens, and follows every change', async () => {
    const { api, store, cell } = boundSettings(new FakeApi(), settingsState({ theme: 'dark' }));
    expect(store.getState()).toMatchObject({ loaded: false, settings: { theme: 'system' } });
    act(() => cell.set('open'));
    await waitFor(() => expect(store.getState().loaded).toBe(true));
    expect(store.getState().settings.theme).toBe('dark');
    // Another window changed something.
    act(() => api.emit('settings.changed', settingsState({ theme: 'light' })));
    expect(store.getState().settings.theme).toBe('light');
  });

  it('a refused change keeps the settings and holds the reason until the next change', async () => {
    const api = new FakeApi();
    const { store, cell } = boundSettings(api);
    act(() => cell.set('open'));
    await waitFor(() => expect(store.getState().loaded).toBe(true));
    api.handlers['settings.update'] = () => {
      throw new RequestError({ message: 'The settings could not be saved: EACCES', events: [] });
    };
    expect(await store.getState().update({ theme: 'dark' })).toBe(false);
    expect(store.getState()).toMatchObject({
      settings: { theme: 'system' },
      error: { message: 'The settings could not be saved: EACCES' },
    });
  });
});

describe('preferences kept as settings', () => {
  it('a setting sets the preference the charts read; a preference a view changes is saved; nothing echoes', async () => {
    const { api, store, cell } = boundSettings(
      new FakeApi(),
      settingsState({ statistics: { chartWindowMinutes: 15 } }),
    );
    const preferences = createPreferencesStore();
    bindPreferences(store, preferences);
    act(() => cell.set('open'));
    await waitFor(() => expect(preferences.getState().chartWindowMinutes).toBe(15));
    expect(api.callsTo('settings.update')).toEqual([]);
    preferences.getState().setChartWindow(60);
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toEqual([
        { statistics: { chartWindowMinutes: 60, charts: true } },
      ]),
    );
    expect(store.getState().settings.statistics.chartWindowMinutes).toBe(60);
    act(() => api.emit('settings.changed', settingsState({ statistics: { charts: false } })));
    expect(preferences.getState()).toMatchObject({ charts: false, chartWindowMinutes: 5 });
    expect(api.callsTo('settings.update')).toHaveLength(1);
  });
});

describe('the theme', () => {
  it('is the chosen one, or the system one when the choice is "system"', () => {
    expect(themeFor('dark', false)).toBe(webDarkTheme);
    expect(themeFor('light', true)).toBe(webLightTheme);
    expect(themeFor('system', true)).toBe(webDarkTheme);
    expect(themeFor('system', false)).toBe(webLightTheme);
  });

  it('follows the settings as they change, and sets the page color-scheme', () => {
    const store = createSettingsStore(null);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <SettingsContext.Provider value={store}>{children}</SettingsContext.Provider>
    );
    const { result } = renderHook(() => useChosenTheme(), { wrapper });
    expect(result.current).toBe(webLightTheme);
    act(() => store.getState().apply(settingsState({ theme: 'dark' })));
    expect(result.current).toBe(webDarkTheme);
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });
});

async function showSettings(initial = settingsState()) {
  const api = new FakeApi();
  serveSettings(api, initial);
  const settings = createSettingsStore(api);
  settings.getState().apply(initial);
  const r = renderWithServices(<SettingsView />, { api, settings });
  return { ...r, api, settings };
}

describe('the Settings view', () => {
  it('saves a choice at once: theme, interval, chart window, confirmations, exec switches', async () => {
    const { api, settings } = await showSettings();
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(settings.getState().settings.theme).toBe('dark'));
    expect(screen.getByRole('radio', { name: 'Dark' })).toHaveProperty('checked', true);
    fireEvent.change(screen.getByRole('combobox', { name: /Sampling interval/ }), {
      target: { value: '5000' },
    });
    fireEvent.click(screen.getByRole('radio', { name: '60 min' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Terminating a system' }));
    fireEvent.click(screen.getByRole('switch', { name: /Show the terminal when a process starts/ }));
    await waitFor(() => expect(api.callsTo('settings.update')).toHaveLength(5));
    expect(api.callsTo('settings.update')).toEqual([
      { theme: 'dark' },
      { statistics: { intervalMs: 5000 } },
      { statistics: { chartWindowMinutes: 60 } },
      { confirm: { terminate: false } },
      { exec: { openTerminal: false } },
    ]);
    expect(settings.getState().settings.confirm.terminate).toBe(false);
  });

  it('saves a text setting when the field is left, not at every key', async () => {
    const { api } = await showSettings();
    const user = screen.getByRole('textbox', { name: /^User/ });
    fireEvent.change(user, { target: { value: 'ContainerAdministrator' } });
    expect(api.callsTo('settings.update')).toEqual([]);
    fireEvent.blur(user);
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toEqual([{ exec: { user: 'ContainerAdministrator' } }]),
    );
  });

  it('a new HCS API needs a restart: says so and restarts where the app can', async () => {
    const { api } = await showSettings(settingsState({}, { canRestart: true }));
    api.handlers['app.restart'] = () => ({});
    expect(screen.queryByText('Restart needed')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /^V1 only/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restart HCS Desktop' }));
    await waitFor(() => expect(api.callsTo('app.restart')).toHaveLength(1));
  });

  it('in web mode the restart is the user’s: it says how, and offers no button', async () => {
    await showSettings(settingsState({ hcsApi: 'v2' }, { restartNeeded: ['hcsApi'] }));
    expect(screen.getByText('Restart needed')).toBeTruthy();
    expect(screen.getByText(/The web server cannot restart itself/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Restart HCS Desktop' })).toBeNull();
  });

  it('says what was wrong with the settings file and where it is, and where the settings are kept', async () => {
    await showSettings(
      settingsState(
        {},
        { problem: 'The settings file was not used: it is not valid JSON. It was kept as /x.bad.' },
      ),
    );
    expect(screen.getByText(/It was kept as \/x\.bad/)).toBeTruthy();
    expect(screen.getByText('Kept in /h/u/.config/hcs-desktop/settings.json')).toBeTruthy();
  });

  it('restores the defaults after asking', async () => {
    const { api, settings } = await showSettings(settingsState({ theme: 'dark' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore defaults' }));
    const dialog = await findDialog('Restore the default settings?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore defaults' }));
    await waitForDialogsClosed();
    await waitFor(() => expect(api.callsTo('settings.reset')).toHaveLength(1));
    expect(settings.getState().settings.theme).toBe('system');
  });
});
