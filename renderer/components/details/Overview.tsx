import type { ReactNode } from 'react';
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { ACTION_LABEL, ACTION_PROGRESS } from '../../lib/lifecycle.ts';
import { formatTime } from '../../lib/format.ts';
import { useApp } from '../../store/context.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { StateBadge } from '../common/StateBadge.tsx';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-all' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  ops: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const RECENT_OPERATIONS = 8;

/** Every field of the summary, the action in flight, the last error and the recent operations. */
export function Overview({ system }: { system: SystemSummary }) {
  const styles = useStyles();
  const operations = useApp(
    useShallow((s) =>
      Object.values(s.operations)
        .filter((op) => op.systemId === system.id)
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(0, RECENT_OPERATIONS),
    ),
  );
  const rows: Array<[string, ReactNode, boolean?]> = [
    ['ID', system.id, true],
    ['Name', system.name || '—'],
    ['Type', system.type],
    ['Owner', system.owner || '—'],
    ['OS', system.os],
    ['State', <StateBadge key="state" state={system.state} />],
    ['Runtime ID', system.runtimeId || '—', true],
    ['Exit type', system.exitType ?? '—'],
    [
      'Pending action',
      system.pending ? (
        <Spinner
          key="pending"
          size="extra-tiny"
          labelPosition="after"
          label={`${ACTION_PROGRESS[system.pending]}…`}
        />
      ) : (
        'None'
      ),
    ],
    [
      'Last error',
      system.lastError ? (
        <div key="error">
          {system.lastError.message}
          <ErrorDetails error={system.lastError} />
        </div>
      ) : (
        'None'
      ),
    ],
  ];
  return (
    <div>
      <dl className={styles.list} aria-label={`Overview of ${system.id}`}>
        {rows.map(([term, value, mono]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={`${styles.value} ${mono ? styles.mono : ''}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Recent operations</h3>
      {operations.length === 0 ? (
        <p>No operations from this session.</p>
      ) : (
        <ul className={styles.ops} aria-label="Recent operations">
          {operations.map((op) => (
            <li key={op.opId}>
              {formatTime(op.startedAt)} — {ACTION_LABEL[op.action]}: {op.status}
              {op.error && `: ${op.error.message}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
