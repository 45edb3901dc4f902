import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { formatBytes, formatDuration100ns, formatTime } from '../../lib/format.ts';
import { useStatistics } from '../../statistics/use-statistics.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { JsonResult } from './JsonResult.tsx';
const useStyles = makeStyles({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
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
});

/**
 * schema2 Statistics (docs/hcs/schema.md#statistics), live: the app core samples the system while any view
 * watches it and pushes each sample here (src/contract/statistics.ts); this view never queries HCS itself.
 */
export function StatisticsPanel({ id }: { id: string }) {
  const styles = useStyles();
  const statistics = useStatistics(id);
  const baseId = useId();

  const sample = statistics?.samples[statistics.samples.length - 1];
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
            {figures.map(([term, value], i) => (
              <div key={term} className={styles.figure} role="group" aria-labelledby={`${baseId}-${i}`}>
                <dt className={styles.term} id={`${baseId}-${i}`}>
                  {term}
                </dt>
                <dd className={styles.value}>{value}</dd>
              </div>
            ))}
          </dl>
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
