// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../settings/settings-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { serveSettings } from '../../test-support/fake-settings.ts';
import { settingsState, summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { DetailsPane } from './DetailsPane.tsx';

afterEach(cleanup);

const LONG_ID = 'a'.repeat(64);

function setup(detailsTab = 'overview') {
  const api = new FakeApi({ 'operations.list': () => [] });
  const served = serveSettings(api, settingsState({ layout: { detailsTab } }));
  const settings = createSettingsStore(api);
  settings.getState().apply(settingsState({ layout: { detailsTab } }));
  const view = renderWithServices(
    <>
      <button>row of the system</button>
      <DetailsPane />
    </>,
    { api, settings },
  );
  return { ...view, served };
}

describe('DetailsPane (issue 12 §5, §6)', () => {
  it('closes on Escape and gives focus back to what opened it', async () => {
    const { store } = setup();
    const row = screen.getByRole('button', { name: 'row of the system' });
    row.focus();
    act(() => {
      store.getState().applySnapshot([summary(LONG_ID, { name: '' })]);
      store.getState().openDetails(LONG_ID);
    });
    const pane = screen.getByRole('region', { name: `Details of ${LONG_ID}` });
    const tab = screen.getByRole('tab', { name: 'Overview' });
    tab.focus();
    fireEvent.keyDown(tab, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: `Details of ${LONG_ID}` })).toBeNull();
    expect(pane.isConnected).toBe(false);
    expect(store.getState().detailsId).toBeNull();
    expect(document.activeElement).toBe(row);
  });

  it('shows a long id on one line with its full form beneath, and the state badge beside it', () => {
    const { store } = setup();
    act(() => {
      store.getState().applySnapshot([summary(LONG_ID, { name: '', state: 'Running' })]);
      store.getState().openDetails(LONG_ID);
    });
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.getAttribute('title')).toBe(LONG_ID);
    expect(getComputedStyle(heading).whiteSpace).toBe('nowrap');
    // The heading, the full id beneath it, and the Overview's own line.
    expect(screen.getAllByText(LONG_ID)).toHaveLength(3);
    expect(heading.parentElement!.textContent).toContain('Running');
  });

  it('opens on the tab chosen last, and remembers a new choice in the settings', async () => {
    const { store, served } = setup('activity');
    act(() => {
      store.getState().applySnapshot([summary('sys-1')]);
      store.getState().openDetails('sys-1');
    });
    expect(screen.getByRole('tab', { name: 'Activity' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Hardware' }));
    await waitFor(() => expect(served.current().settings.layout.detailsTab).toBe('hardware'));
  });
});
