// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, type SettingsPatch } from '../../../src/contract/index.ts';
import { connectedService, settingsState, summary } from '../../test-support/fixtures.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { SystemsGrid } from './SystemsGrid.tsx';

afterEach(cleanup);

const DOCKER_ID = '7c2e4f1a9b3d5e8f0a6c1b2d4e9f7a3c5b8d0e2f4a6c8e1b3d5f7a9c0e2b4d6f';
const UVM = '0f6c9a3e1b7d4f2a8c5e9b1d3f7a0c4e6b2d8f1a5c9e3b7d0f4a2c6e8b1d5f9a@vm';
const HOSTED = 'b8e2d5a1c7f3e9b4d0a6c2f8e1b5d9a3c7f0e4b8d2a6c1f5e9b3d7a0c4f8e2b6';

/** A FakeApi that saves settings as the main side does (answers with the patched settings). */
function settingsApi() {
  let settings = DEFAULT_SETTINGS;
  const api = new FakeApi({
    'settings.update': (patch: SettingsPatch) => {
      settings = applySettingsPatch(settings, patch);
      return { ...settingsState(), settings };
    },
    'systems.pause': () => ({ opId: 'op-1' }),
  });
  return api;
}

function setup() {
  const api = settingsApi();
  const r = renderWithServices(<SystemsGrid />, { api });
  act(() => {
    r.store.getState().applySnapshot([
      summary(DOCKER_ID, { name: DOCKER_ID, owner: 'docker', state: 'Running' }),
      summary('named', { name: 'web server', type: 'Container', owner: 'containerd-shim-runhcs-v1.exe' }),
      summary(UVM, {
        name: '',
        type: 'VirtualMachine',
        owner: 'containerd-shim-runhcs-v1.exe',
        state: 'Running',
      }),
      summary(HOSTED, { name: HOSTED, type: 'Container', state: 'Running', hostingSystemId: UVM }),
    ]);
    r.store.getState().setService(connectedService);
  });
  return { ...r, api };
}

const rowOf = (id: string) =>
  screen.getByRole('gridcell', { name: id }).closest<HTMLElement>('[role="row"]')!;
const cells = (row: HTMLElement) => within(row).getAllByRole('gridcell');

describe('the list: names, short ids and icons (issue 12 §6)', () => {
  it('shows a name only when there is one of its own, never the id twice', () => {
    setup();
    expect(cells(rowOf('named'))[2]!.textContent).toBe('web server');
    // Docker names a container by its id: that is no name.
    expect(cells(rowOf(DOCKER_ID))[2]!.textContent).toBe('No name');
    expect(cells(rowOf(UVM))[2]!.textContent).toBe('No name');
  });

  it('shows a long hex id in short, with the whole id as its title and its accessible name', () => {
    setup();
    const idCell = screen.getByRole('gridcell', { name: DOCKER_ID });
    expect(idCell.getAttribute('title')).toBe(DOCKER_ID);
    const seen = within(idCell).getByText('7c2e4f1a9b3d…');
    expect(seen.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByRole('gridcell', { name: UVM }).textContent).toContain('0f6c9a3e1b7d…@vm');
  });

  it('still finds a system by any part of its full id', () => {
    const { store } = setup();
    act(() => store.getState().setSearch('0e2b4d6f'));
    expect(store.getState().visibleIds).toEqual([DOCKER_ID]);
    // A utility VM's id finds the VM and the containers it hosts.
    act(() => store.getState().setSearch('8b1d5f9a@vm'));
    expect([...store.getState().visibleIds].sort()).toEqual([UVM, HOSTED].sort());
  });

  it("marks the type and the owner, and names a hosted container's utility VM", () => {
    setup();
    const hosted = cells(rowOf(HOSTED));
    expect(hosted[3]!.textContent).toContain('in 0f6c9a3e1b7d…@vm');
    expect(within(hosted[3]!).getByTitle(`Hosted in utility VM ${UVM}`)).toBeTruthy();
    // The owner's mark is decoration: the owner is written beside it.
    const owner = cells(rowOf(DOCKER_ID))[4]!;
    expect(owner.querySelector('[aria-hidden="true"]')?.textContent).toBe('D');
    expect(owner.getAttribute('title')).toBe('Docker');
    expect(cells(rowOf('named'))[3]!.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
  });
});

describe('the list: hosted containers under their utility VM (issue 12 §6)', () => {
  it('shows the container under its VM in a tree grid, and folds and unfolds it from the keyboard', async () => {
    const { api } = setup();
    const vm = rowOf(UVM);
    expect(vm.getAttribute('aria-level')).toBe('1');
    expect(vm.getAttribute('aria-expanded')).toBe('true');
    const hosted = rowOf(HOSTED);
    expect(hosted.getAttribute('aria-level')).toBe('2');
    expect(hosted.hasAttribute('aria-expanded')).toBe(false);
    const order = screen.getAllByRole('row').slice(1);
    expect(order.indexOf(hosted)).toBe(order.indexOf(vm) + 1);

    // ← on the container goes to its VM; ← on the VM folds it; → unfolds it; → again goes to the container.
    act(() => hosted.focus());
    fireEvent.keyDown(hosted, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(rowOf(UVM));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(rowOf(UVM).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('gridcell', { name: HOSTED })).toBeNull();
    expect(screen.getByRole('treegrid').getAttribute('aria-rowcount')).toBe('4');
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toContainEqual({ layout: { collapsedGroups: [UVM] } }),
    );
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(rowOf(UVM).getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(rowOf(HOSTED));
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toContainEqual({ layout: { collapsedGroups: [] } }),
    );
  });

  it('folds with a click on the chevron without opening the details', () => {
    const { store } = setup();
    const chevron = rowOf(UVM).querySelector<HTMLElement>('[aria-hidden="true"] svg')!.parentElement!;
    fireEvent.click(chevron);
    expect(rowOf(UVM).getAttribute('aria-expanded')).toBe('false');
    expect(store.getState().detailsId).toBeNull();
  });
});

describe('the list: row menu (issue 12 §6)', () => {
  it('opens with Shift+F10 on a row and offers the actions its state allows, run as the toolbar runs them', async () => {
    const { api } = setup();
    const row = rowOf(DOCKER_ID);
    act(() => row.focus());
    fireEvent.keyDown(row, { key: 'F10', shiftKey: true });
    const menu = await screen.findByRole('menu', { name: `Actions for ${DOCKER_ID}` });
    const items = within(menu)
      .getAllByRole('menuitem')
      .map((i) => i.textContent?.replace('Ctrl+C', ''));
    // Running, on the V2 API: pause, modify, shut down, terminate, crash, and waiting for the exit.
    expect(items).toEqual([
      'Open details',
      'Copy ID',
      'Pause',
      'Modify…',
      'Shutdown',
      'Terminate',
      'Crash…',
      'Wait for exit',
    ]);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Pause' }));
    await waitFor(() => expect(api.callsTo('systems.pause')).toEqual([{ id: DOCKER_ID }]));
  });

  it('opens from the context-menu key, from a right-click and from the row actions button', async () => {
    const { store } = setup();
    const row = rowOf('named');
    act(() => row.focus());
    fireEvent.keyDown(row, { key: 'ContextMenu' });
    let menu = await screen.findByRole('menu');
    // Created: start and terminate.
    expect(within(menu).getByRole('menuitem', { name: 'Start' })).toBeTruthy();
    expect(within(menu).queryByRole('menuitem', { name: 'Pause' })).toBeNull();
    fireEvent.keyDown(menu, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());

    fireEvent.contextMenu(rowOf(HOSTED), { clientX: 10, clientY: 10 });
    menu = await screen.findByRole('menu');
    fireEvent.click(within(menu).getByRole('menuitem', { name: /Open utility VM 0f6c9a3e1b7d…@vm/ }));
    expect(store.getState().detailsId).toBe(UVM);
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: `Actions for ${UVM}` }));
    menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: 'Pause' })).toBeTruthy();
  });

  it('copies the full id with Ctrl+C on a row and from the menu', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { store } = setup();
    const row = rowOf(DOCKER_ID);
    act(() => row.focus());
    fireEvent.keyDown(row, { key: 'c', ctrlKey: true });
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(DOCKER_ID));
    await waitFor(() =>
      expect(store.getState().notices.map((n) => n.title)).toContain(
        'ID 7c2e4f1a9b3d… copied to the clipboard',
      ),
    );
    fireEvent.keyDown(row, { key: 'F10', shiftKey: true });
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: /Copy ID/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
  });
});

describe('the list: column widths (issue 12 §6)', () => {
  it("sets a column's width with its splitter's keys, for the header and every row, and saves it", async () => {
    const { api } = setup();
    const splitter = screen.getByRole('separator', { name: 'Width of the Name column' });
    // Named by its label alone: the splitter inside is not part of the header's name.
    expect(screen.getByRole('columnheader', { name: 'Name' })).toBeTruthy();
    fireEvent.keyDown(splitter, { key: 'Home' });
    expect(splitter.getAttribute('aria-valuenow')).toBe('48');
    fireEvent.keyDown(splitter, { key: 'ArrowRight', shiftKey: true });
    expect(splitter.getAttribute('aria-valuenow')).toBe('112');
    const template = rowOf('named').style.gridTemplateColumns;
    // The checkbox, the ID column at its default share, then the Name column at its new width.
    expect(template).toMatch(/^40px minmax\(120px, 1\.6fr\) 112px /);
    expect(screen.getAllByRole('row')[0]!.style.gridTemplateColumns).toBe(template);
    await waitFor(() =>
      expect(api.callsTo('settings.update')).toContainEqual({ layout: { columnWidths: { name: 112 } } }),
    );
  });
});
