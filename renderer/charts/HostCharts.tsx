import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { HostTotals } from '../../src/contract/index.ts';
import { useThemeValues } from '../theme.ts';
import { chartColors } from './palette.ts';
import { HOST_CHARTS } from './host-series.ts';
import { describeChart, inWindow } from './series.ts';
import { TimeSeriesChart } from './TimeSeriesChart.tsx';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

/** The running systems' total CPU and memory over the window (the host view's charts; lazy, like uPlot). */
export default function HostCharts({
  totals,
  windowMinutes,
}: {
  totals: readonly HostTotals[];
  windowMinutes: number;
}) {
  const styles = useStyles();
  const theme = useThemeValues();
  const colors = useMemo(() => chartColors(theme), [theme]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const windowMs = windowMinutes * 60_000;
  const shown = useMemo(() => inWindow(totals, windowMs), [totals, windowMs]);
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
