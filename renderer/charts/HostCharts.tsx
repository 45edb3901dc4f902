import type { HostTotals } from '../../src/contract/index.ts';
import { useChartGridStyles, useChartWindow } from './chart-grid.ts';
import { HOST_CHARTS } from './host-series.ts';
import { describeChart } from './series.ts';
import { TimeSeriesChart } from './TimeSeriesChart.tsx';

/** The running systems' total CPU and memory over the window (the host view's charts; lazy, like uPlot). */
export default function HostCharts({
  totals,
  windowMinutes,
}: {
  totals: readonly HostTotals[];
  windowMinutes: number;
}) {
  const styles = useChartGridStyles();
  const { colors, hidden, toggle, windowMs, shown, end } = useChartWindow(totals, windowMinutes);
  return (
    <div className={styles.grid}>
      {HOST_CHARTS.map((chart) => (
        <TimeSeriesChart
          key={chart.key}
          spec={chart}
          samples={shown}
          windowMs={windowMs}
          end={end}
          hidden={hidden}
          onToggle={toggle}
          description={describeChart(chart, shown, windowMinutes, hidden)}
          colors={colors}
        />
      ))}
    </div>
  );
}
