// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { useApp } from '../../store/context.tsx';
import { RequestError } from '../../transport/request-error.ts';
import { Overview } from './Overview.tsx';

afterEach(cleanup);

const FAILED: SystemSummary = summary('c1', {
  lastError: { message: 'Start failed: access is denied.', name: 'E_ACCESSDENIED', events: [] },
});

/** The Overview of the store's row, as the details pane renders it. */
function Shown() {
  const system = useApp((s) => s.systems.get('c1'));
  return system ? <Overview system={system} /> : null;
}

function overviewValue(term: string): HTMLElement {
  const list = screen.getByLabelText('Overview of c1');
  const dt = within(list).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling as HTMLElement;
}

describe('Overview: the last error (issue 12 §6)', () => {
  it('clears the last error in the core; the row the core sends back shows None and focus stays in the overview', async () => {
    const api = new FakeApi({ 'operations.list': () => [] });
    api.handlers['systems.clearError'] = ({ id }) => {
      api.emit('systems.changed', { system: { ...FAILED, id, lastError: null } });
      return {};
    };
    const { store } = renderWithServices(<Shown />, { api });
    act(() => store.getState().applySnapshot([FAILED]));
    expect(overviewValue('Last error').textContent).toContain('Start failed: access is denied.');
    fireEvent.click(screen.getByRole('button', { name: 'Clear last error' }));
    await waitFor(() => expect(api.callsTo('systems.clearError')).toEqual([{ id: 'c1' }]));
    // The store applies what the core sends (here directly: no bindStore in this test).
    act(() => store.getState().applyChangedMany([{ ...FAILED, lastError: null }]));
    expect(overviewValue('Last error').textContent).toBe('None');
    expect(screen.queryByRole('button', { name: 'Clear last error' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Overview of c1'));
  });

  it('a refused clear keeps the error and says why', async () => {
    const api = new FakeApi({
      'systems.clearError': () => {
        throw new RequestError({ message: 'HCS Desktop has no system c1 listed.', events: [] });
      },
    });
    const { store } = renderWithServices(<Shown />, { api });
    act(() => store.getState().applySnapshot([FAILED]));
    fireEvent.click(screen.getByRole('button', { name: 'Clear last error' }));
    await waitFor(() =>
      expect(store.getState().notices.map((n) => n.title)).toContain('Could not clear the last error of c1'),
    );
    expect(overviewValue('Last error').textContent).toContain('Start failed');
    expect(screen.getByRole('button', { name: 'Clear last error' })).toHaveProperty('disabled', false);
  });
});
