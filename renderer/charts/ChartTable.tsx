import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { formatTime } from '../lib/format.ts';
import { formatValue, inWindow, type ChartSpec, type Timed } from './series.ts';

/** More rows than this and the table shows every n-th sample (the caption says so). */
export const MAX_TABLE_ROWS = 360;

const useStyles = makeStyles({
  wrap: { maxHeight: '360px', overflow: 'auto', marginTop: tokens.spacingVerticalS },
  table: { borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums', width: '100%' },
  caption: {
    textAlign: 'left',
    color: tokens.colorNeutralForeground2,
    paddingBottom: tokens.spacingVerticalXS,
  },
  cell: {
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    textAlign: 'right',
    whiteSpace: 'nowrap',
  },
  head: { position: 'sticky', top: 0, backgroundColor: tokens.colorNeutralBackground1 },
});

interface Props<T extends Timed> {
  /** The region's accessible name, e.g. "Statistics table of <id>". */
  label: string;
  charts: readonly ChartSpec<T>[];
  samples: readonly T[];
  windowMinutes: number;
}

/**
 * Charts' numbers as a table (their text alternative with every value): one column per series of every
 * chart, one row per sample of the window, newest first. Not lazy: it stays available with the charts off.
 */
export function ChartTable<T extends Timed>({ label, charts, samples, windowMinutes }: Props<T>) {
  const styles = useStyles();
  const shown = useMemo(() => inWindow(samples, windowMinutes * 60_000), [samples, windowMinutes]);
  const columns = useMemo(
    () =>
      charts.flatMap((chart) =>
        chart.series.map((series) => ({
          key: `${chart.key}.${series.key}`,
          label: chart.series.length === 1 ? chart.title : `${chart.title} ${series.label.toLowerCase()}`,
          unit: chart.unit,
          value: series.value,
        })),
      ),
    [charts],
  );
  const step = Math.max(1, Math.ceil(shown.length / MAX_TABLE_ROWS));
  const rows: T[] = [];
  for (let i = shown.length - 1; i >= 0; i -= step) rows.push(shown[i]!);
  return (
    <div className={styles.wrap} tabIndex={0} role="region" aria-label={label}>
      <table className={styles.table}>
        <caption className={styles.caption}>
          {`Samples of the last ${windowMinutes} minutes, newest first`}
          {step > 1 ? ` (one in ${step} of ${shown.length} samples)` : ` (${shown.length})`}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.cell} ${styles.head}`}>
              Time
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${styles.cell} ${styles.head}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* A series' samples are taken at distinct times: the time keys the row. */}
          {rows.map((sample) => (
            <tr key={sample.at}>
              <th scope="row" className={styles.cell}>
                {formatTime(sample.at)}
              </th>
              {columns.map((c) => (
                <td key={c.key} className={styles.cell}>
                  {formatValue(c.value(sample), c.unit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
