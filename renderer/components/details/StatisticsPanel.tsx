import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ErrorInfo } from '../../../src/contract/index.ts';
import { formatBytes, formatDuration100ns, formatTime } from '../../lib/format.ts';
import { usePolling } from '../../lib/use-polling.ts';
import { useApi } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { JsonResult } from './JsonResult.tsx';

export const STATISTICS_INTERVAL_MS = 2000;

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

type Dict = Record<string, unknown>;
const obj = (v: unknown): Dict =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {};

/** schema2 Statistics (docs/hcs/schema.md#statistics), live: re-queried every 2 s while this view is open. */
export function StatisticsPanel({ id }: { id: string }) {
  const styles = useStyles();
  const api = useApi();
  const [stats, setStats] = useState<{ value: unknown; at: number } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const baseId = useId();

  usePolling(async () => {
    try {
      const { properties } = await api.invoke('systems.properties', {
        id,
        version: 'v2',
        types: ['Statistics'],
      });
      setStats({ value: obj(properties).Statistics ?? null, at: Date.now() });
      setError(null);
    } catch (e) {
      setError(errorInfoOf(e));
    }
  }, STATISTICS_INTERVAL_MS);

  const s = obj(stats?.value);
  const figures: Array<[string, string]> = [
    ['Uptime', formatDuration100ns(s.Uptime100ns)],
    ['Memory commit', formatBytes(obj(s.Memory).MemoryUsageCommitBytes)],
    ['Private working set', formatBytes(obj(s.Memory).MemoryUsagePrivateWorkingSetBytes)],
    ['Processor time', formatDuration100ns(obj(s.Processor).TotalRuntime100ns)],
    ['Storage read', formatBytes(obj(s.Storage).ReadSizeBytes)],
    ['Storage written', formatBytes(obj(s.Storage).WriteSizeBytes)],
  ];

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
      {!stats && !error && <Spinner size="tiny" label="Loading statistics…" />}
      {stats && (
        <>
          <Text className={styles.status}>
            Updated {formatTime(stats.at)}; refreshed every {STATISTICS_INTERVAL_MS / 1000} s while this view
            is open.
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
          <JsonResult value={stats.value} label={`Statistics of ${id}`} fileName={`${id}-statistics`} />
        </>
      )}
    </div>
  );
}
