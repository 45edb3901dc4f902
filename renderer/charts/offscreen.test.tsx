// @vitest-environment jsdom
import '../test-support/jsdom-setup.ts';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { statisticsSample } from '../test-support/fixtures.ts';
import StatisticsCharts from './StatisticsCharts.tsx';

/** Every uPlot made, counting its setData calls (uPlot sets its methods on each instance). */
const plots = vi.hoisted(() => [] as Array<{ setData: number }>);
vi.mock('uplot', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: new (...args: unknown[]) => object }).default;
  function CountingPlot(...args: unknown[]) {
    const plot = new real(...args) as { setData: (...a: unknown[]) => unknown };
    const counts = { setData: 0 };
    plots.push(counts);
    const setData = plot.setData;
    plot.setData = (...a: unknown[]) => {
      counts.setData++;
      return setData(...a);
    };
    return plot;
  }
  return { default: Object.assign(CountingPlot, real) };
});

/**
 * The browser's word on each chart (`content-visibility: auto`): a `contentvisibilityautostatechange` event on
 * the chart's figure, `skipped` while it is off screen. jsdom renders nothing, so the test says it.
 */
function setVisible(visible: boolean) {
  for (const figure of document.querySelectorAll('figure')) {
    const event = Object.assign(new Event('contentvisibilityautostatechange'), { skipped: !visible });
    figure.dispatchEvent(event);
  }
}

beforeEach(() => {
  plots.length = 0;
});
afterEach(() => {
  cleanup();
});

const samples = (n: number) => Array.from({ length: n }, (_, i) => statisticsSample(i, { cpuPercent: i }));

describe('charts off screen', () => {
  it('are not redrawn while out of view, and draw the newest data once they show', () => {
    const view = render(<StatisticsCharts samples={samples(10)} windowMinutes={5} />);
    expect(plots).toHaveLength(3); // CPU, memory, storage
    const drawn = () => plots.map((p) => p.setData);
    const before = drawn();

    act(() => setVisible(false));
    view.rerender(<StatisticsCharts samples={samples(11)} windowMinutes={5} />);
    view.rerender(<StatisticsCharts samples={samples(12)} windowMinutes={5} />);
    expect(drawn()).toEqual(before);
    // The text alternative follows every sample all the same.
    const cpu = screen.getByRole('figure', { name: 'CPU' });
    expect(within(cpu).getByRole('img').getAttribute('aria-label')).toMatch(/^CPU chart\. CPU 11 %/);

    act(() => setVisible(true));
    expect(drawn()).toEqual(before.map((n) => n + 1));
    view.rerender(<StatisticsCharts samples={samples(13)} windowMinutes={5} />);
    expect(drawn()).toEqual(before.map((n) => n + 2));
  });
});
