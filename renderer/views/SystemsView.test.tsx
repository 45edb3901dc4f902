// @vitest-environment jsdom
import '../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, type SettingsPatch } from '../../src/contract/index.ts';
import { createSettingsStore } from '../settings/settings-store.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { settingsState, summary } from '../test-support/fixtures.ts';
import { renderWithServices } from '../test-support/render.tsx';
import { MIN_DETAILS_WIDTH, MIN_LIST_WIDTH, SystemsView } from './SystemsView.tsx';

afterEach(cleanup);

/** jsdom-setup lays every element out 800 px wide: the details start at 40 % of it. */
const MAIN_WIDTH = 800;

function setup(patch: SettingsPatch = {}) {
  let settings = applySettingsPatch(DEFAULT_SETTINGS, patch);
  const api = new FakeApi({
    'settings.update': (p: SettingsPatch) => {
      settings = applySettingsPatch(settings, p);
      return { ...settingsState(), settings };
    },
  });
  const store = createSettingsStore(api);
  store.getState().apply({ ...settingsState(), settings });
  const r = renderWithServices(<SystemsView />, { api, settings: store });
  act(() => r.store.getState().applySnapshot([summary('sys-a')]));
  return { ...r, api };
}

describe('SystemsView: the divider between the list and the details (issue 12 §6)', () => {
  it('is there only while details are open, a focusable separator with its value', () => {
    const { store } = setup();
    expect(screen.queryByRole('separator', { name: 'Width of the details pane' })).toBeNull();
    act(() => store.getState().openDetails('sys-a'));
    const divider = screen.getByRole('separator', { name: 'Width of the details pane' });
    expect(divider.tabIndex).toBe(0);
    expect(divider.getAttribute('aria-valuenow')).toBe(String(MAIN_WIDTH * 0.4));
    expect(divider.getAttribute('aria-valuemin')).toBe(String(MIN_DETAILS_WIDTH));
    expect(divider.getAttribute('aria-valuemax')).toBe(String(MAIN_WIDTH - MIN_LIST_WIDTH));
    expect(document.getElementById(divider.getAttribute('aria-controls')!)).not.toBeNull();
  });

  it('moves with the arrow keys (left widens the details), Home and End, and saves the width', async () => {
    const { store, api } = setup();
    act(() => store.getState().openDetails('sys-a'));
    const divider = screen.getByRole('separator', { name: 'Width of the details pane' });
    fireEvent.keyDown(divider, { key: 'ArrowLeft' });
    expect(divider.getAttribute('aria-valuenow')).toBe(String(320 + 16));
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toContainEqual({ layout: { detailsWidth: 336 } }),
    );
    fireEvent.keyDown(divider, { key: 'ArrowRight', shiftKey: true });
    expect(divider.getAttribute('aria-valuenow')).toBe(String(MIN_DETAILS_WIDTH));
    fireEvent.keyDown(divider, { key: 'End' });
    expect(divider.getAttribute('aria-valuenow')).toBe(String(MAIN_WIDTH - MIN_LIST_WIDTH));
    const main = screen.getByRole('main');
    expect(main.style.gridTemplateColumns).toBe(`minmax(0, 1fr) 8px ${MAIN_WIDTH - MIN_LIST_WIDTH}px`);
  });

  it('starts from the remembered width, kept within the window', () => {
    const { store } = setup({ layout: { detailsWidth: 400 } });
    act(() => store.getState().openDetails('sys-a'));
    expect(
      screen.getByRole('separator', { name: 'Width of the details pane' }).getAttribute('aria-valuenow'),
    ).toBe('400');
    cleanup();
    const again = setup({ layout: { detailsWidth: 3000 } });
    act(() => again.store.getState().openDetails('sys-a'));
    expect(
      screen.getByRole('separator', { name: 'Width of the details pane' }).getAttribute('aria-valuenow'),
    ).toBe(String(MAIN_WIDTH - MIN_LIST_WIDTH));
  });

  it('follows the pointer', async () => {
    const { store, api } = setup();
    act(() => store.getState().openDetails('sys-a'));
    const divider = screen.getByRole('separator', { name: 'Width of the details pane' });
    divider.setPointerCapture = () => {};
    divider.hasPointerCapture = () => true;
    divider.releasePointerCapture = () => {};
    fireEvent.pointerDown(divider, { button: 0, clientX: 480, pointerId: 1 });
    fireEvent.pointerMove(divider, { clientX: 430, pointerId: 1 });
    expect(divider.getAttribute('aria-valuenow')).toBe('370');
    fireEvent.pointerUp(divider, { clientX: 430, pointerId: 1 });
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toContainEqual({ layout: { detailsWidth: 370 } }),
    );
  });
});
