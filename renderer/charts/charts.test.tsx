// @vitest-environment jsdom
import '../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatisticsPanel } from '../components/details/StatisticsPanel.tsx';
import { PreferencesContext, createPreferencesStore } from '../preferences/preferences-store.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { statisticsSample } from '../test-support/fixtures.ts';
import { renderWithServices } from '../test-support/render.tsx';
import { chartsFor, describeChart, formatValue, inWindow, trendOf } from './series.ts';

afterEach(cleanup);

const MiB = 1024 * 1024;
/** Five minutes of samples a second apart, CPU climbing from 2 % to 32 %. */
const climbing = Array.from({ length: 301 }, (_, i) =>
  statisticsSample(i, { cpuPercent: 2 + i / 10, workingSetBytes: 200 * MiB, commitBytes: 300 * MiB }),
);

describe('chart series', () => {
  it('names the newest values and their trend, over the window', () => {
    const [cpu, memory] = chartsFor(climbing);
    expect(describeChart(cpu!, climbing, 5)).toBe('CPU 32 %, rising over the last 5 minutes.');
    expect(describeChart(memory!, climbing, 5)).toBe(
      'Memory: Working set 200.0 MiB, steady; Committed 300.0 MiB, steady over the last 5 minutes.',
    );
    expect(describeChart(memory!, climbing, 5, new Set(['commit']))).toBe(
      'Memory: Working set 200.0 MiB, steady over the last 5 minutes.',
    );
    expect(describeChart(cpu!, [], 5)).toBe('CPU: no samples yet.');
  });

  it('a falling series, noise near zero, and too few samples to say', () => {
    expect(trendOf([50, 48, 30, 20, 10, 5], 1)).toBe('falling');
    expect(trendOf([0.1, 0.4, 0.2, 0.0, 0.3, 0.5], 1)).toBe('steady');
    expect(trendOf([1, null, 2], 1)).toBeNull();
  });

  it('a VM has assigned and available memory; network only where HCS reports it', () => {
    const vm = [statisticsSample(0, { assignedBytes: 1024 * MiB })];
    expect(chartsFor(vm).map((c) => [c.key, c.series.map((s) => s.key)])).toEqual([
      ['cpu', ['cpu']],
      ['memory', ['workingSet', 'commit', 'assigned', 'available']],
      ['storage', ['read', 'write']],
    ]);
    const networked = [
      statisticsSample(0, {
        network: { receivedBytes: 1, sentBytes: 1, receiveBytesPerSecond: 2048, transmitBytesPerSecond: 0 },
      }),
    ];
    expect(chartsFor(networked).map((c) => c.key)).toEqual(['cpu', 'memory', 'storage', 'network']);
    expect(formatValue(2048, 'bytesPerSecond')).toBe('2.0 KiB/s');
    expect(formatValue(null, 'percent')).toBe('—');
  });

  it('a window is the samples within its span of the newest', () => {
    expect(inWindow(climbing, 60_000).map((s) => s.seq)).toEqual(
      Array.from({ length: 61 }, (_, i) => 240 + i),
    );
  });
});

/** The last minute of it: enough for the view, light enough for jsdom. */
const lastMinute = climbing.slice(-61);

function renderPanel(samples = lastMinute) {
  const preferences = createPreferencesStore();
  const api = new FakeApi({
    'statistics.watch': () => ({
      status: { state: 'sampling', intervalMs: 1000, error: null },
      samples,
      document: {},
    }),
    'statistics.unwatch': () => ({}),
  });
  const rendered = renderWithServices(
    <PreferencesContext.Provider value={preferences}>
      <StatisticsPanel id="sys-1" />
    </PreferencesContext.Provider>,
    { api },
  );
  return { ...rendered, preferences };
}

describe('statistics charts', () => {
  it('draws CPU, memory and storage with their text alternatives, from the core’s history at once', async () => {
    renderPanel();
    const cpu = await screen.findByRole('figure', { name: 'CPU' });
    expect(within(cpu).getByRole('img').getAttribute('aria-label')).toBe(
      'CPU chart. CPU 32 %, rising over the last 5 minutes. Arrow keys move the crosshair.',
    );
    expect(within(cpu).getByText('CPU 32 %, rising over the last 5 minutes.')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Memory' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Storage' })).toBeTruthy();
    expect(screen.queryByRole('figure', { name: 'Network' })).toBeNull();
    // uPlot drew into the figure.
    expect(cpu.querySelector('canvas')).toBeTruthy();
  });

  it('the legend hides and shows a series; its text alternative follows', async () => {
    renderPanel();
    const memory = await screen.findByRole('figure', { name: 'Memory' });
    const commit = within(memory).getByRole('button', { name: 'Committed' });
    expect(commit.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(commit);
    expect(commit.getAttribute('aria-pressed')).toBe('false');
    expect(
      within(memory).getByText('Memory: Working set 200.0 MiB, steady over the last 5 minutes.'),
    ).toBeTruthy();
    fireEvent.click(commit);
    expect(commit.getAttribute('aria-pressed')).toBe('true');
  });

  it('the window choice changes the span; the numbers are a table on demand, and the only view with charts off', async () => {
    const { preferences } = renderPanel();
    await screen.findByRole('figure', { name: 'CPU' });
    fireEvent.click(screen.getByRole('radio', { name: '15 min' }));
    expect(preferences.getState().chartWindowMinutes).toBe(15);
    expect(await screen.findByText('CPU 32 %, rising over the last 15 minutes.')).toBeTruthy();

    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show table' }));
    const table = screen.getByRole('table');
    expect(within(table).getByText('Samples of the last 15 minutes, newest first (61)')).toBeTruthy();
    const [header, newest] = within(table).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'CPU', 'Memory working set', 'Memory committed', 'Storage read', 'Storage write']);
    expect(within(newest!).getAllByRole('cell')[0]!.textContent).toBe('32 %');

    fireEvent.click(screen.getByRole('switch', { name: 'Charts' }));
    expect(screen.queryByRole('figure', { name: 'CPU' })).toBeNull();
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('a new sample moves the chart on', async () => {
    const { api } = renderPanel();
    const cpu = await screen.findByRole('figure', { name: 'CPU' });
    act(() =>
      api.emit('statistics.update', {
        id: 'sys-1',
        status: { state: 'sampling', intervalMs: 1000, error: null },
        sample: statisticsSample(301, { cpuPercent: 90, workingSetBytes: 200 * MiB, commitBytes: 300 * MiB }),
        document: {},
      }),
    );
    expect(within(cpu).getByText('CPU 90 %, rising over the last 5 minutes.')).toBeTruthy();
  });
});
