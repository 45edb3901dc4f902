import { useMemo } from 'react';
import type { StatisticsSample } from '../../src/contract/index.ts';
import { useChartGridStyles, useChartWindow } from './chart-grid.ts';
import { chartsFor, describeChart } from './series.ts';
import { TimeSeriesChart } from './TimeSeriesChart.tsx';

interface Props {
  /** Every sample the window holds of the system, oldest first. */
  samples: readonly StatisticsSample[];
  windowMinutes: number;
}

/**
 * A system's statistics as live charts: CPU, memory, storage and network (when HCS reports network figures),
 * over the chosen window ending at the newest sample. Loaded in its own chunk (uPlot stays out of the first
 * view's bundle). Hidden series are remembered while the view is open.
 */
export default function StatisticsCharts({ samples, windowMinutes }: Props) {
  const styles = useChartGridStyles();
  const { colors, hidden, toggle, windowMs, shown, end } = useChartWindow(samples, windowMinutes);
  // A new chart layout only when the set of charts changes (a VM's memory series, network appearing).
  const layoutKey = chartsFor(shown)
    .map((c) => `${c.key}:${c.series.length}`)
    .join(',');
  const charts = useMemo(() => chartsFor(shown), [layoutKey]);
  // One stable callback a chart: its legend's buttons do not re-render with every sample.
  const togglers = useMemo(
    () => new Map(charts.map((c) => [c.key, (key: string) => toggle(`${c.key}.${key}`)])),
    [charts, toggle],
  );
  return (
    <div className={styles.grid}>
      {charts.map((chart) => {
        const chartHidden = new Set(
          chart.series.filter((s) => hidden.has(`${chart.key}.${s.key}`)).map((s) => s.key),
        );
        return (
          <TimeSeriesChart
            key={chart.key}
            spec={chart}
            samples={shown}
            windowMs={windowMs}
            end={end}
            hidden={chartHidden}
            onToggle={togglers.get(chart.key)!}
            description={describeChart(chart, shown, windowMinutes, chartHidden)}
            colors={colors}
            // Under the details pane's heading (h2): a system's charts are the tab's own sections.
            headingLevel={3}
          />
        );
      })}
    </div>
  );
}
