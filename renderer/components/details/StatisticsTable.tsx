import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { StatisticsSample } from '../../../src/contract/index.ts';
import { chartsFor, formatValue, inWindow } from '../../charts/series.ts';
import { formatTime } from '../../lib/format.ts';

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

/** The charts' numbers as a table: every series of every chart, newest sample first. */
export function StatisticsTable({
  id,
  samples,
  windowMinutes,
}: {
  id: string;
  samples: readonly StatisticsSample[];
  windowMinutes: number;
}) {
  const styles = useStyles();
  const shown = useMemo(() => inWindow(samples, windowMinutes * 60_000), [samples, windowMinutes]);
  const columns = useMemo(
    () =>
      chartsFor(shown).flatMap((chart) =>
        chart.series.map((series) => ({
          key: `${chart.key}.${series.key}`,
          label: chart.series.length === 1 ? chart.title : `${chart.title} ${series.label.toLowerCase()}`,
          unit: chart.unit,
          value: series.value,
        })),
      ),
    [shown],
  );
  const step = Math.max(1, Math.ceil(shown.length / MAX_TABLE_ROWS));
  const rows: StatisticsSample[] = [];
  for (let i = shown.length - 1; i >= 0; i -= step) rows.push(shown[i]!);
  return (
    <div className={styles.wrap} tabIndex={0} role="region" aria-label={`Statistics table of ${id}`}>
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
          {rows.map((sample) => (
            <tr key={sample.seq}>
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
