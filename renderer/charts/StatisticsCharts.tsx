import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { StatisticsSample } from '../../src/contract/index.ts';
import { useThemeValues } from '../theme.ts';
import { chartColors } from './palette.ts';
import { chartsFor, describeChart, inWindow } from './series.ts';
import { TimeSeriesChart } from './TimeSeriesChart.tsx';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

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
  const styles = useStyles();
  const theme = useThemeValues();
  const colors = useMemo(() => chartColors(theme), [theme]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const windowMs = windowMinutes * 60_000;
  const shown = useMemo(() => inWindow(samples, windowMs), [samples, windowMs]);
  // A new chart layout only when the set of charts changes (a VM's memory series, network appearing).
  const layoutKey = chartsFor(shown)
    .map((c) => `${c.key}:${c.series.length}`)
    .join(',');
  const charts = useMemo(() => chartsFor(shown), [layoutKey]);
  const end = shown[shown.length - 1]?.at ?? 0;
  const toggle = useCallback(
    (key: string) =>
      setHidden((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
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
