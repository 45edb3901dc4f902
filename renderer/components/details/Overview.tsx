import { useRef, useState, type ReactNode } from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import { OPERATION_ACTION_LABEL, type SystemSummary } from '../../../src/contract/index.ts';
import { ACTION_PROGRESS } from '../../lib/lifecycle.ts';
import { formatTime } from '../../lib/format.ts';
import { errorInfoOf } from '../../transport/index.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
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
  error: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  errorText: { flexGrow: 1, minWidth: 0 },
});

/**
 * Dismisses the system's last error in the app core (`systems.clearError`), where every window's summary
 * comes from: a reload does not bring it back. Focus goes to the overview, since the button goes away.
 */
function ClearLastError({ id, onCleared }: { id: string; onCleared: () => void }) {
  const api = useApi();
  const store = useAppStore();
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    setBusy(true);
    try {
      await api.invoke('systems.clearError', { id });
      onCleared();
    } catch (e) {
      const error = errorInfoOf(e);
      store.getState().notify({
        intent: 'error',
        title: `Could not clear the last error of ${id}`,
        body: error.message,
        error,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      icon={<DismissRegular />}
      disabled={busy}
      onClick={() => void clear()}
      aria-label="Clear last error"
    >
      Clear
    </Button>
  );
}

const RECENT_OPERATIONS = 8;

/** Every field of the summary, the action in flight, the last error and the recent operations. */
export function Overview({ system }: { system: SystemSummary }) {
  const styles = useStyles();
  const listRef = useRef<HTMLDListElement>(null);
  const operations = useApp(
    useShallow((s) =>
      [...s.operations.values()]
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
        <div key="error" className={styles.error}>
          <div className={styles.errorText}>
            {system.lastError.message}
            <ErrorDetails error={system.lastError} />
          </div>
          <ClearLastError id={system.id} onCleared={() => listRef.current?.focus()} />
        </div>
      ) : (
        'None'
      ),
    ],
  ];
  return (
    <div>
      <dl ref={listRef} tabIndex={-1} className={styles.list} aria-label={`Overview of ${system.id}`}>
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
              {formatTime(op.startedAt)} — {OPERATION_ACTION_LABEL[op.action]}: {op.status}
              {op.error && `: ${op.error.message}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
