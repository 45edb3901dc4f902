// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../transport/request-error.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { JsonTree } from './JsonTree.tsx';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { STATISTICS_INTERVAL_MS, StatisticsPanel } from './StatisticsPanel.tsx';

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
  it('re-queries v2 Statistics every 2 s while open, and stops when closed', async () => {
    vi.useFakeTimers();
    let n = 0;
    const api = new FakeApi({
      'systems.properties': () => ({
        properties: { Statistics: { Uptime100ns: ++n * 1e7, Memory: { MemoryUsageCommitBytes: 2048 } } },
      }),
    });
    const { unmount } = renderWithServices(<StatisticsPanel id="sys-1" />, { api });
    await act(async () => {});
    expect(api.callsTo('systems.properties')).toEqual([
      { id: 'sys-1', version: 'v2', types: ['Statistics'] },
    ]);
    expect(screen.getByText('1 s')).toBeTruthy();
    expect(screen.getByText('2.0 KiB')).toBeTruthy();
    await act(async () => vi.advanceTimersByTime(STATISTICS_INTERVAL_MS));
    expect(api.callsTo('systems.properties')).toHaveLength(2);
    await act(async () => {});
    expect(screen.getByText('2 s')).toBeTruthy();
    unmount();
    await act(async () => vi.advanceTimersByTime(STATISTICS_INTERVAL_MS * 3));
    expect(api.callsTo('systems.properties')).toHaveLength(2);
  });
});
