// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemFigures } from '../../../src/contract/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { sortByFigures } from '../../store/list-view.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { SystemsGrid } from './SystemsGrid.tsx';

afterEach(cleanup);

const figures = (cpu: number | null, memoryMb: number, uptimeS: number): SystemFigures => ({
  at: 0,
  cpuPercent: cpu,
  processorCount: 2,
  memoryBytes: memoryMb * 1024 * 1024,
  assignedBytes: null,
  uptime100ns: uptimeS * 1e7,
});

describe('list figures', () => {
  it('sorts by a live figure; systems without one come last either way', () => {
    const f = { a: figures(5, 100, 10), b: figures(50, 10, 5), c: figures(null, 300, 1) };
    expect(sortByFigures(['a', 'b', 'c', 'd'], f, 'cpu', 'descending')).toEqual(['b', 'a', 'c', 'd']);
    expect(sortByFigures(['a', 'b', 'c', 'd'], f, 'cpu', 'ascending')).toEqual(['a', 'b', 'c', 'd']);
    expect(sortByFigures(['a', 'b', 'c', 'd'], f, 'memory', 'descending')).toEqual(['c', 'a', 'b', 'd']);
    expect(sortByFigures(['a', 'b', 'c', 'd'], f, 'uptime', 'ascending')).toEqual(['c', 'b', 'a', 'd']);
  });

  it('running rows show CPU, memory and uptime from the host’s figures; a new interval re-sorts, keeping focus', async () => {
    const store = createAppStore();
    store
      .getState()
      .applySnapshot([
        summary('a', { state: 'Running' }),
        summary('b', { state: 'Running' }),
        summary('c', { state: 'Stopped' }),
      ]);
    const api = new FakeApi({
      'statistics.watchHost': () => ({
        intervalMs: 1000,
        hostProcessors: 2,
        systems: { a: figures(5, 100, 10), b: figures(50, 10, 5) },
        totals: [],
      }),
    });
    renderWithServices(<SystemsGrid />, { api, store });
    const grid = screen.getByRole('treegrid', { name: 'Compute systems' });
    const rowOf = (id: string) =>
      within(grid)
        .getAllByRole('row')
        .find((r) => within(r).queryAllByRole('gridcell', { name: id }).length > 0)!;
    expect(await within(rowOf('b')).findByText('50 %')).toBeTruthy();
    expect(within(rowOf('a')).getByText('100.0 MiB')).toBeTruthy();
    expect(within(rowOf('a')).getByText('10 s')).toBeTruthy();

    fireEvent.click(within(grid).getByRole('button', { name: 'CPU' }));
    fireEvent.click(within(grid).getByRole('button', { name: 'CPU' }));
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'descending' });
    const order = () =>
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('gridcell')[1]!.textContent);
    expect(order()).toEqual(['b', 'a', 'c']);
    // The row that moves in the DOM (React re-inserts b after a) has the focus; b is ticked, a is open.
    const b = rowOf('b');
    b.focus();
    fireEvent.click(within(b).getByRole('checkbox', { name: 'Select b' }));
    store.getState().openDetails('a');
    expect(document.activeElement).toBe(b);
    act(() =>
      api.emit('statistics.host', {
        systems: { a: figures(90, 100, 11) },
        gone: [],
        totals: { at: 1, running: 2, sampled: 2, cpuPercent: 70, memoryBytes: 0 },
      }),
    );
    // The list's figures are published at most once a second: wait for that state, not for a time.
    await waitFor(() => expect(order()).toEqual(['a', 'b', 'c']), { timeout: 5000 });
    expect(within(rowOf('a')).getByText('90 %')).toBeTruthy();
    expect(document.activeElement).toBe(rowOf('b'));
    expect(rowOf('b').getAttribute('aria-selected')).toBe('true');
    expect(rowOf('a').getAttribute('aria-current')).toBe('true');
  });

  it('keeps the focused row rendered and focused when a re-sort moves it far out of view', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const store = createAppStore();
    store.getState().applySnapshot(ids.map((id) => summary(id, { state: 'Running' })));
    const api = new FakeApi({
      'statistics.watchHost': () => ({
        intervalMs: 1000,
        hostProcessors: 2,
        // s00 the busiest, s39 the idlest.
        systems: Object.fromEntries(ids.map((id, i) => [id, figures(80 - i, 10, 1)])),
        totals: [],
      }),
    });
    renderWithServices(<SystemsGrid />, { api, store });
    const grid = screen.getByRole('treegrid', { name: 'Compute systems' });
    fireEvent.click(within(grid).getByRole('button', { name: 'CPU' }));
    fireEvent.click(within(grid).getByRole('button', { name: 'CPU' }));
    const rowOf = (id: string) =>
      within(grid)
        .queryAllByRole('row')
        .find((r) => within(r).queryAllByRole('gridcell', { name: id }).length > 0);
    await waitFor(() => expect(rowOf('s00')?.getAttribute('aria-rowindex')).toBe('2'));
    rowOf('s00')!.focus();
    act(() =>
      api.emit('statistics.host', {
        systems: { s00: figures(0, 10, 2) },
        gone: [],
        totals: { at: 1, running: 40, sampled: 40, cpuPercent: 40, memoryBytes: 0 },
      }),
    );
    // Now the idlest: the last of 40, far below the rows the list renders around the view.
    await waitFor(() => expect(rowOf('s00')?.getAttribute('aria-rowindex')).toBe('41'));
    expect(rowOf('s39')).toBeUndefined();
    expect(document.activeElement).toBe(rowOf('s00'));
  });
});
