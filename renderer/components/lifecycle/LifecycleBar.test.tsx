// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { displaySystemId, systemIdProblem } from '../../../src/contract/index.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { Notifications } from '../common/Notifications.tsx';
import { findDialog, waitForDialogsClosed } from '../../test-support/dialogs.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { operation, summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { LifecycleBar } from './LifecycleBar.tsx';

afterEach(cleanup);

const LABELS = ['Start', 'Pause', 'Resume', 'Save…', 'Modify…', 'Shutdown', 'Terminate', 'Close (forget)'];

function enabledButtons(system: SystemSummary) {
  renderWithServices(<LifecycleBar system={system} />);
  const enabled = LABELS.filter(
    (name) => !(screen.getByRole('button', { name }) as HTMLButtonElement).disabled,
  );
  cleanup();
  return enabled;
}

describe('LifecycleBar', () => {
  it('enables only what the state allows', () => {
    expect(enabledButtons(summary('a', { state: 'Created' }))).toEqual(['Start', 'Terminate']);
    expect(enabledButtons(summary('a', { state: 'Running' }))).toEqual([
      'Pause',
      'Modify…',
      'Shutdown',
      'Terminate',
    ]);
    expect(enabledButtons(summary('a', { state: 'Paused' }))).toEqual(['Resume', 'Save…', 'Terminate']);
    expect(enabledButtons(summary('a', { state: 'Stopped' }))).toEqual(['Close (forget)']);
  });

  it('disables everything and shows a labelled spinner while an operation is pending', () => {
    expect(enabledButtons(summary('a', { state: 'Running', pending: 'pause' }))).toEqual([]);
    renderWithServices(<LifecycleBar system={summary('a', { state: 'Running', pending: 'pause' })} />);
    expect(screen.getByText('Pausing a…')).toBeTruthy();
  });

  it('starts at once and tracks the operation', async () => {
    const api = new FakeApi({ 'systems.start': () => ({ opId: 'op-1' }) });
    const { store } = renderWithServices(<LifecycleBar system={summary('a')} />, { api });
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(store.getState().tracked).toEqual({ 'op-1': true }));
    expect(api.callsTo('systems.start')).toEqual([{ id: 'a' }]);
  });

  it('terminates only after confirmation', async () => {
    const api = new FakeApi({ 'systems.terminate': () => ({ opId: 'op-2' }) });
    renderWithServices(<LifecycleBar system={summary('a', { state: 'Running' })} />, { api });
    fireEvent.click(screen.getByRole('button', { name: 'Terminate' }));
    const dialog = await findDialog('Terminate a?');
    expect(dialog.textContent).toContain('without a clean shutdown');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForDialogsClosed();
    expect(api.callsTo('systems.terminate')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Terminate' }));
    fireEvent.click(within(await findDialog('Terminate a?')).getByRole('button', { name: 'Terminate' }));
    await waitFor(() => expect(api.callsTo('systems.terminate')).toEqual([{ id: 'a' }]));
  });

  it('shows a failure as a toast whose HCS error events can be expanded', async () => {
    const api = new FakeApi({ 'systems.start': () => ({ opId: 'op-3' }) });
    const { store } = renderWithServices(
      <>
        <LifecycleBar system={summary('a')} />
        <Notifications />
      </>,
      { api },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(store.getState().tracked).toEqual({ 'op-3': true }));
    const error = {
      message: 'Access is denied.',
      hresult: '0x80070005',
      name: 'E_ACCESSDENIED',
      explanation: 'Run HCS Desktop as an administrator.',
      events: [{ Message: 'The caller lacks the right to start a.', Source: 'vmcompute' }],
    };
    act(() => store.getState().applyOperation(operation('op-3', { systemId: 'a', status: 'failed', error })));
    expect(await screen.findByText('Start a failed')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show error details' }));
    expect(screen.getByText('0x80070005')).toBeTruthy();
    expect(screen.getByText('E_ACCESSDENIED')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Error events' }).textContent).toContain(
      'The caller lacks the right to start a.',
    );
  });
});

describe('LifecycleBar on a system HCS Desktop cannot act on (issue 8 §0)', () => {
  it('offers no action, and a request for one is refused with the reason before it is sent', async () => {
    const bad = 'tab\there';
    const system = summary(displaySystemId(bad), { state: 'Running', idProblem: systemIdProblem(bad)! });
    expect(enabledButtons(system)).toEqual([]);
    const api = new FakeApi();
    const { store } = renderWithServices(<Notifications />, { api });
    act(() => store.getState().applySnapshot([system]));
    await act(() => runOperation(api, store, { action: 'terminate', id: system.id }));
    // The window's own subscriptions (host statistics, the timeline) may run; nothing reaches a system.
    expect(api.calls.filter((call) => call.channel.startsWith('systems.'))).toEqual([]);
    expect(await screen.findByText('Terminate tab\\u{9}here refused')).toBeTruthy();
    expect(
      screen.getByText('HCS Desktop does not pass this id to HCS: an id may not contain control characters.'),
    ).toBeTruthy();
  });
});
