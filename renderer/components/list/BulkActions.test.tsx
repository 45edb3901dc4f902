// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../settings/settings-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { settingsState, summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { BulkActions } from './BulkActions.tsx';

afterEach(cleanup);

function setup(confirm: { terminate?: boolean } = {}) {
  const api = new FakeApi({
    'systems.terminate': () => ({ opId: 'op' }),
    'systems.start': () => ({ opId: 'op' }),
  });
  const settings = createSettingsStore(null);
  settings.getState().apply(settingsState({ confirm }));
  const view = renderWithServices(<BulkActions />, { api, settings });
  act(() => {
    view.store
      .getState()
      .applySnapshot([
        summary('run-1', { state: 'Running' }),
        summary('run-2', { state: 'Running' }),
        summary('stopped-3', { state: 'Stopped' }),
      ]);
    view.store.getState().setChecked(['run-1', 'run-2', 'stopped-3'], true);
  });
  return view;
}

describe('BulkActions (issue 12 §6)', () => {
  it('names the systems a terminate will stop and the one it skips, with a destructive button', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Terminate selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Terminate 2 systems?' });
    const named = within(within(dialog).getByRole('list', { name: 'Systems' })).getAllByRole('listitem');
    expect(named.map((li) => li.textContent)).toEqual(['run-1', 'run-2']);
    const skipped = within(dialog).getByRole('list', { name: 'Skipped' });
    expect(skipped.textContent).toBe('stopped-3: its state (Stopped) does not allow it');
    const terminate = within(dialog).getByRole('button', { name: 'Terminate' });
    expect(terminate.className).not.toBe(within(dialog).getByRole('button', { name: 'Cancel' }).className);
    fireEvent.click(terminate);
    await waitFor(() => expect(api.callsTo('systems.terminate')).toHaveLength(2));
  });

  it('says which ticked systems a bulk Start skipped', async () => {
    const { store } = setup();
    act(() =>
      store
        .getState()
        .applySnapshot([
          summary('run-1', { state: 'Running' }),
          summary('run-2', { state: 'Running' }),
          summary('stopped-3', { state: 'Created' }),
        ]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start selected' }));
    const notice = store.getState().notices.at(-1);
    expect(notice?.title).toBe('Start: 1 of 3 ticked systems; 2 skipped');
    expect(notice?.body).toBe(
      'run-1: its state (Running) does not allow it; run-2: its state (Running) does not allow it',
    );
  });

  it('terminates without asking when the user turned that confirmation off', async () => {
    const { api } = setup({ terminate: false });
    fireEvent.click(screen.getByRole('button', { name: 'Terminate selected' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(api.callsTo('systems.terminate')).toHaveLength(2));
  });
});
