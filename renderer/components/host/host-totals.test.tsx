// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostTotals } from '../../../src/contract/index.ts';
import { PreferencesContext, createPreferencesStore } from '../../preferences/preferences-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { HostView } from './HostView.tsx';

afterEach(cleanup);

const at = Date.parse('2026-01-01T10:00:00Z');
const totals = (i: number, cpu: number): HostTotals => ({
  at: at + i * 1000,
  running: 2,
  sampled: 2,
  cpuPercent: cpu,
  memoryBytes: 512 * 1024 * 1024,
});

function renderHost(charts: boolean) {
  const api = new FakeApi({
    'statistics.watchHost': () => ({
      intervalMs: 1000,
      hostProcessors: 2,
      systems: {},
      totals: [totals(0, 5.5), totals(1, 12)],
    }),
    'timeline.list': () => ({ entries: [], capacity: 5000 }),
  });
  return renderWithServices(
    <PreferencesContext.Provider value={createPreferencesStore({ charts })}>
      <HostView />
    </PreferencesContext.Provider>,
    { api },
  );
}

const cellsOf = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);

describe('the host view’s totals as a table', () => {
  it('shows the running systems’ numbers over time as a table on request, newest first', async () => {
    renderHost(true);
    const toggle = await screen.findByRole('button', { name: 'Show table' });
    expect(screen.queryByRole('region', { name: 'Table of the running systems together' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = await screen.findByRole('region', { name: 'Table of the running systems together' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'CPU of running systems', 'Memory of running systems']);
    const rows = await within(table).findAllByRole('row');
    // The header row, then the newest sample first.
    expect(rows).toHaveLength(3);
    expect(cellsOf(rows[1]!).slice(1)).toEqual(['12 %', '512.0 MiB']);
    expect(cellsOf(rows[2]!).slice(1)).toEqual(['5.5 %', '512.0 MiB']);
  });

  it('with the charts off, the table is the figures over time', async () => {
    renderHost(false);
    const table = await screen.findByRole('region', { name: 'Table of the running systems together' });
    expect(await within(table).findAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Show table' })).toBeNull();
  });
});
