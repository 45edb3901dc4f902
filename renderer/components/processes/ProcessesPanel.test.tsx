// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findDialog, waitForDialogsClosed } from '../../test-support/dialogs.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { execSession } from '../../test-support/fixtures.ts';
import { fakeExecServices, renderWithServices } from '../../test-support/render.tsx';
import { ProcessesPanel } from './ProcessesPanel.tsx';

afterEach(cleanup);

const item = (pid: number, image: string) => ({
  ProcessId: pid,
  ImageName: image,
  CreateTimestamp: '2026-11-28T10:00:00Z',
  UserTime100ns: 5_000_000,
  KernelTime100ns: 5_000_000,
  MemoryCommitBytes: 2048,
  MemoryWorkingSetPrivateBytes: 1024,
});

function setup(handlers: ConstructorParameters<typeof FakeApi>[0]) {
  const api = new FakeApi(handlers);
  const { services } = fakeExecServices(api);
  renderWithServices(<ProcessesPanel id="vm-1" />, { api, exec: services });
  return { api, store: services.store };
}

describe('ProcessesPanel', () => {
  it('shows one table, from V2 unless V1 is chosen, with the source stated once', async () => {
    setup({
      'systems.processes': () => ({
        v1: [item(7, 'sleep')],
        v2: [item(7, 'sleep'), item(9, 'sh')],
        errors: { v1: null, v2: null },
      }),
    });
    const table = await screen.findByRole('table', { name: 'Processes of vm-1' });
    expect(screen.getAllByRole('table')).toHaveLength(1);
    const source = screen.getByRole('radiogroup', { name: 'Process list from' });
    expect(within(source).getByRole('radio', { name: 'From HCS V2 (schema2 ProcessList)' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    fireEvent.click(within(source).getByRole('radio', { name: 'From HCS V1 (schema1 ProcessList)' }));
    const v1 = screen.getByRole('table', { name: 'Processes of vm-1' });
    expect(within(v1).getAllByRole('row')).toHaveLength(2);
    const row = within(v1).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('sleep');
    expect(row.textContent).toContain('1 s'); // user + kernel time
    expect(row.textContent).toContain('1.0 KiB');
  });

  it('says plainly that no processes are running, with no table', async () => {
    setup({ 'systems.processes': () => ({ v1: [], v2: [], errors: { v1: null, v2: null } }) });
    const empty = await screen.findByText('No processes are running.');
    expect(empty.tagName).toBe('P');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('kills a process only after confirmation, then lists again', async () => {
    let listed = 0;
    const { api } = setup({
      'systems.processes': () => {
        listed++;
        return {
          v1: [item(7, 'sleep')],
          v2: null,
          errors: { v1: null, v2: { message: 'V2 is not supported', events: [] } },
        };
      },
      'processes.kill': () => ({ delivered: true }),
    });
    // V2 failed: the V1 list is shown, and why V2 is not.
    expect(await screen.findByText('The V2 query failed: V2 is not supported')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'From HCS V1 (schema1 ProcessList)' })).toHaveProperty(
      'checked',
      true,
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'Kill sleep 7' })[0]!);
    const dialog = await findDialog('Kill process 7 (sleep)?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForDialogsClosed();
    expect(api.callsTo('processes.kill')).toEqual([]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Kill sleep 7' })[0]!);
    fireEvent.click(
      within(await findDialog('Kill process 7 (sleep)?')).getByRole('button', { name: 'Kill' }),
    );
    await waitFor(() => expect(api.callsTo('processes.kill')).toEqual([{ id: 'vm-1', pid: 7 }]));
    // The list is also re-read every few seconds while shown, so on a slow machine it may have been read
    // any number of times: what matters is a read after the kill.
    await waitFor(() => expect(api.calls.at(-1)?.channel).toBe('systems.processes'));
    expect(listed).toBeGreaterThanOrEqual(2);
  });

  it('attaches to a process: its session opens in the terminals', async () => {
    const { api, store } = setup({
      'systems.processes': () => ({
        v1: [item(7, 'sleep')],
        v2: [item(7, 'sleep')],
        errors: { v1: null, v2: null },
      }),
      'processes.attach': ({ pid }) => ({
        session: execSession('att', { attachedOnly: true, pid, commandLine: 'sleep' }),
      }),
    });
    fireEvent.click((await screen.findAllByRole('button', { name: 'Attach to sleep 7' }))[0]!);
    await waitFor(() => expect(store.getState().active).toBe('att'));
    expect(api.callsTo('processes.attach')).toEqual([{ id: 'vm-1', pid: 7 }]);
    expect(store.getState().view).toBe('terminals');
  });

  it('shows a V2 list of another shape as JSON, and a failed query', async () => {
    const api = new FakeApi({
      'systems.processes': () => ({ v1: [], v2: { Unexpected: true }, errors: { v1: null, v2: null } }),
    });
    const { services } = fakeExecServices(api);
    renderWithServices(<ProcessesPanel id="vm-1" />, { api, exec: services });
    expect(await screen.findByText('No processes are running.')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'From HCS V2 (schema2 ProcessList)' }));
    expect(await screen.findByRole('tree', { name: 'V2 processes of vm-1' })).toBeTruthy();
    cleanup();
    setup({});
    expect(
      await screen.findByText('The process lists could not be read: no handler for systems.processes'),
    ).toBeTruthy();
  });
});
