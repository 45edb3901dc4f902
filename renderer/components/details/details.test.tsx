// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../transport/request-error.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { JsonTree } from './JsonTree.tsx';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { statisticsSample } from '../../test-support/fixtures.ts';
import { StatisticsPanel } from './StatisticsPanel.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('JsonTree', () => {
  const value = { Id: 'a', Memory: { Sizes: [1, 2], Deep: { X: 1, Y: { Z: true } } } };

  it('is a tree navigable with the keyboard', () => {
    renderWithServices(<JsonTree value={value} label="Test tree" />);
    const tree = screen.getByRole('tree', { name: 'Test tree' });
    const items = () => within(tree).getAllByRole('treeitem');
    expect(items().map((i) => i.textContent)).toEqual([
      'Id: "a"',
      'Memory: ',
      'Sizes: ',
      '0: 1',
      '1: 2',
      'Deep: ',
      'X: 1',
      'Y: {1 key}',
    ]);
    act(() => items()[0]!.focus());
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Memory: ');
    expect(document.activeElement?.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(items().map((i) => i.textContent)).toEqual(['Id: "a"', 'Memory: {2 keys}']);
    expect(document.activeElement?.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('Sizes: ');
    expect(document.activeElement?.getAttribute('aria-level')).toBe('2');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(document.activeElement?.textContent).toBe('Memory: ');
    fireEvent.keyDown(tree, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Y: {1 key}');
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(items().at(-1)?.textContent).toBe('Z: true');
  });
});

describe('PropertiesPanel', () => {
  it('queries the chosen version and shows the result as a tree', async () => {
    const api = new FakeApi({
      'systems.properties': (p) => ({ properties: { Id: p.id, State: 'Running', Version: p.version } }),
    });
    renderWithServices(<PropertiesPanel id="sys-1" version="v2" />, { api });
    fireEvent.click(screen.getByRole('button', { name: 'Query' }));
    const tree = await screen.findByRole('tree', { name: 'V2 properties of sys-1' });
    expect(tree.textContent).toContain('State: "Running"');
    expect(api.callsTo('systems.properties')).toEqual([{ id: 'sys-1', version: 'v2', types: [] }]);
    expect(screen.getByRole('button', { name: 'Copy JSON' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeTruthy();
  });

  it('the type picker is a menu button of checkbox items that says what is chosen; Select all and Clear', async () => {
    const api = new FakeApi({ 'systems.properties': () => ({ properties: {} }) });
    renderWithServices(<PropertiesPanel id="sys-1" version="v1" />, { api });
    const picker = screen.getByRole('button', { name: /^V1 property types/ });
    expect(picker.getAttribute('aria-haspopup')).toBe('menu');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(picker.textContent).toBe('Basic properties only');
    expect(screen.getByText('None chosen: the query asks for the basic properties.')).toBeTruthy();
    fireEvent.click(picker);
    const menu = await screen.findByRole('menu');
    const item = (name: string) => within(menu).getByRole('menuitemcheckbox', { name });
    // Chosen in another order than listed: the query asks in the listed order.
    fireEvent.click(item('MappedVirtualDisk'));
    fireEvent.click(item('Statistics'));
    expect(item('Statistics').getAttribute('aria-checked')).toBe('true');
    expect(picker.textContent).toBe('Statistics, MappedVirtualDisk');
    expect(picker.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(picker.getAttribute('aria-describedby')!)?.textContent).toBe(
      '2 of 4 chosen: the query asks for them.',
    );
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Select all' }));
    expect(picker.textContent).toBe('All 4 types');
    expect(
      within(menu)
        .getAllByRole('menuitemcheckbox')
        .map((i) => i.getAttribute('aria-checked')),
    ).toEqual(['true', 'true', 'true', 'true']);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Clear' }));
    expect(picker.textContent).toBe('Basic properties only');
    fireEvent.click(item('ProcessList'));
    fireEvent.keyDown(menu, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Query' }));
    await screen.findByRole('tree', { name: 'V1 properties of sys-1' });
    expect(api.callsTo('systems.properties')).toEqual([
      { id: 'sys-1', version: 'v1', types: ['ProcessList'] },
    ]);
  });

  it('shows a failed query with its HCS error', async () => {
    const api = new FakeApi({
      'systems.properties': () => {
        throw new RequestError({
          message: 'Access is denied.',
          hresult: '0x80070005',
          events: [{ Message: 'nope' }],
        });
      },
    });
    renderWithServices(<PropertiesPanel id="sys-1" version="v1" />, { api });
    fireEvent.click(screen.getByRole('button', { name: 'Query' }));
    expect(await screen.findByText('V1 properties query failed: Access is denied.')).toBeTruthy();
  });
});

describe('StatisticsPanel', () => {
  const sampling = { state: 'sampling' as const, intervalMs: 1000, error: null };

  it('shows the core’s samples live while open (one watch, never a query of its own), unwatches when closed', async () => {
    const api = new FakeApi({
      'statistics.watch': () => ({
        status: sampling,
        samples: [statisticsSample(0, { uptime100ns: 1e7, commitBytes: 2048 })],
        document: { Uptime100ns: 1e7 },
      }),
      'statistics.unwatch': () => ({}),
    });
    const { unmount } = renderWithServices(<StatisticsPanel id="sys-1" />, { api });
    expect(await screen.findByText('1 s')).toBeTruthy();
    expect(api.callsTo('statistics.watch')).toEqual([{ id: 'sys-1' }]);
    expect(screen.getByText('2.0 KiB')).toBeTruthy();
    expect(screen.getByText(/sampled every 1 s/)).toBeTruthy();

    act(() =>
      api.emit('statistics.update', {
        id: 'sys-1',
        status: sampling,
        sample: statisticsSample(1, { uptime100ns: 2e7, commitBytes: 4096 }),
        document: { Uptime100ns: 2e7 },
      }),
    );
    expect(screen.getByText('2 s')).toBeTruthy();
    expect(screen.getByText('4.0 KiB')).toBeTruthy();
    expect(api.callsTo('systems.properties')).toEqual([]);
    unmount();
    expect(api.callsTo('statistics.unwatch')).toEqual([{ id: 'sys-1' }]);
  });

  it('says when the system is not running, and shows a failed query with its error', async () => {
    const api = new FakeApi({
      'statistics.watch': () => ({
        status: { state: 'waiting', intervalMs: 1000, error: null },
        samples: [],
        document: null,
      }),
    });
    renderWithServices(<StatisticsPanel id="sys-1" />, { api });
    expect(await screen.findByText(/not running: statistics are sampled while it runs/)).toBeTruthy();
    act(() =>
      api.emit('statistics.update', {
        id: 'sys-1',
        status: {
          state: 'failed',
          intervalMs: 1000,
          error: { message: 'Access is denied.', events: [] },
        },
        sample: null,
        document: null,
      }),
    );
    expect(screen.getByText('Statistics query failed: Access is denied.')).toBeTruthy();
  });
});
