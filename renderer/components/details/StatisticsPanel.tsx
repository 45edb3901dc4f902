import {
  Button,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import { formatBytes, formatDuration100ns, formatTime } from '../../lib/format.ts';
import {
  CHART_WINDOWS,
  usePreferences,
  usePreferencesStore,
  type ChartWindow,
} from '../../preferences/preferences-store.ts';
import { useStatistics } from '../../statistics/use-statistics.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { JsonResult } from './JsonResult.tsx';
import { StatisticsTable } from './StatisticsTable.tsx';

// uPlot and the charts load on first use, in their own chunk: the first view's bundle stays without them.
const StatisticsCharts = lazy(() => import('../../charts/StatisticsCharts.tsx'));

const useStyles = makeStyles({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: `0 0 ${tokens.spacingVerticalM}`,
  },
  figure: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  status: { marginBottom: tokens.spacingVerticalS, display: 'block' },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalS,
  },
  section: { marginBottom: tokens.spacingVerticalM },
});

/**
 * A system's statistics, live: the app core samples the system while any view watches it and pushes each
 * sample here (src/contract/statistics.ts); this view never queries HCS itself. The newest figures, then
 * charts of CPU, memory, storage and network over the chosen window (or, with charts off, the table), the
 * numbers as a table on demand, and HCS's newest document.
 */
export function StatisticsPanel({ id }: { id: string }) {
  const styles = useStyles();
  const statistics = useStatistics(id);
  const windowMinutes = usePreferences((p) => p.chartWindowMinutes);
  const charts = usePreferences((p) => p.charts);
  const preferences = usePreferencesStore();
  const [table, setTable] = useState(false);

  const samples = statistics?.samples ?? [];
  const sample = samples[samples.length - 1];
  const status = statistics?.status ?? null;
  const error = statistics?.watchError ?? (status?.state === 'failed' ? status.error : null);
  const figures: Array<[string, string]> = sample
    ? [
        ['Uptime', formatDuration100ns(sample.uptime100ns)],
        ['Memory commit', formatBytes(sample.memory.commitBytes)],
        ['Private working set', formatBytes(sample.memory.workingSetBytes)],
        ['Processor time', formatDuration100ns(sample.cpuTime100ns)],
        ['Storage read', formatBytes(sample.storage.readBytes)],
        ['Storage written', formatBytes(sample.storage.writeBytes)],
      ]
    : [];

  return (
    <div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {`Statistics query failed: ${error.message}`}
            <ErrorDetails error={error} />
          </MessageBarBody>
        </MessageBar>
      )}
      {status?.state === 'waiting' && (
        <Text className={styles.status} role="status">
          {sample
            ? 'The system is not running: statistics resume when it runs.'
            : 'The system is not running: statistics are sampled while it runs.'}
        </Text>
      )}
      {!sample && !error && status?.state !== 'waiting' && (
        <Spinner size="tiny" label="Loading statistics…" />
      )}
      {sample && status && (
        <>
          <Text className={styles.status}>
            Updated {formatTime(sample.at)}; sampled every {status.intervalMs / 1000} s while a view shows it.
          </Text>
          <dl className={styles.figures} aria-label="Statistics summary">
            {figures.map(([term, value]) => (
              <div key={term} className={styles.figure}>
                <dt className={styles.term}>{term}</dt>
                <dd className={styles.value}>{value}</dd>
              </div>
            ))}
          </dl>
          <div className={styles.controls}>
            <RadioGroup
              layout="horizontal"
              aria-label="Chart window"
              value={String(windowMinutes)}
              onChange={(_, data) => preferences.getState().setChartWindow(Number(data.value) as ChartWindow)}
            >
              {CHART_WINDOWS.map((minutes) => (
                <Radio key={minutes} value={String(minutes)} label={`${minutes} min`} />
              ))}
            </RadioGroup>
            <Switch
              label="Charts"
              checked={charts}
              onChange={(_, data) => preferences.getState().setCharts(data.checked)}
            />
            {charts && (
              <Button size="small" aria-expanded={table} onClick={() => setTable((t) => !t)}>
                {table ? 'Hide table' : 'Show table'}
              </Button>
            )}
          </div>
          {charts && (
            <section className={styles.section} aria-label={`Charts of ${id}`}>
              <Suspense fallback={<Spinner size="tiny" label="Loading charts…" />}>
                <StatisticsCharts samples={samples} windowMinutes={windowMinutes} />
              </Suspense>
            </section>
          )}
          {(!charts || table) && <StatisticsTable id={id} samples={samples} windowMinutes={windowMinutes} />}
          <JsonResult
            value={statistics?.document ?? null}
            label={`Statistics of ${id}`}
            fileName={`${id}-statistics`}
          />
        </>
      )}
    </div>
  );
}
