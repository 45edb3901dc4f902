import {
  Button,
  Radio,
  RadioGroup,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import type { ErrorInfo, ProcessListItem, ResponseOf } from '../../../src/contract/index.ts';
import { useExec, useExecServices } from '../../exec/context.tsx';
import { formatTime } from '../../lib/format.ts';
import { usePolling } from '../../lib/use-polling.ts';
import { useApi } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { JsonResult } from '../details/JsonResult.tsx';
import { ProcessTable } from './ProcessTable.tsx';
import { processRows } from './process-rows.ts';

/** The lists are queried again this often while the tab is on screen. */
export const PROCESSES_INTERVAL_MS = 3000;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  note: { color: tokens.colorNeutralForeground3 },
  empty: {
    margin: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
  },
});

type Source = 'v1' | 'v2';
const SOURCE_LABEL: Record<Source, string> = {
  v1: 'V1 (schema1 ProcessList)',
  v2: 'V2 (schema2 ProcessList)',
};

/**
 * Which list the table shows unless the user chose: V2 when it has the shape of process items, else V1 when
 * its query answered, else V2 as it came (shown as JSON).
 */
export function defaultSource(lists: Pick<Lists, 'v1' | 'v2'>): Source {
  if (lists.v2 !== null && processRows(lists.v2)) return 'v2';
  return lists.v1 ? 'v1' : 'v2';
}

type Lists = ResponseOf<'systems.processes'> & { at: number };

function ErrorBar({ text, error }: { text: string; error: ErrorInfo }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {`${text}: ${error.message}`}
        <ErrorDetails error={error} />
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The system's processes, as HCS lists them in its V1 (schema1) or V2 (schema2) properties — one table, the
 * source chosen once above it (both lists usually agree): refreshed every few seconds while shown and on
 * demand, with Attach (opens a tab with the process's state and exit code) and Kill (after a confirmation) on
 * each.
 */
export function ProcessesPanel({ id }: { id: string }) {
  const styles = useStyles();
  const api = useApi();
  const { store } = useExecServices();
  const onScreen = useExec((s) => s.view === 'systems');
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [actionError, setActionError] = useState<{ text: string; error: ErrorInfo } | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosenSource, setChosenSource] = useState<Source | null>(null);
  const [processProperties, setProcessProperties] = useState<{ pid: number; properties: unknown } | null>(
    null,
  );

  const refresh = useCallback(async () => {
    setBusy(true);
    try {
      const result = await api.invoke('systems.processes', { id });
      setLists({ ...result, at: Date.now() });
      setError(null);
    } catch (e) {
      setError(errorInfoOf(e));
    } finally {
      setBusy(false);
    }
  }, [api, id]);
  usePolling(refresh, PROCESSES_INTERVAL_MS, onScreen);

  const attach = async (item: ProcessListItem) => {
    setActionError(null);
    try {
      const { session } = await api.invoke('processes.attach', { id, pid: item.ProcessId });
      store.getState().applyChanged(session);
      store.getState().open(session.sessionId, { focus: true });
    } catch (e) {
      setActionError({ text: `Could not attach to process ${item.ProcessId}`, error: errorInfoOf(e) });
    }
  };

  const kill = (item: ProcessListItem) =>
    setConfirm({
      title: `Kill process ${item.ProcessId}${item.ImageName ? ` (${item.ImageName})` : ''}?`,
      body: 'HCS terminates the process at once, without a chance to clean up; its unsaved work is lost.',
      confirmLabel: 'Kill',
      onConfirm: () =>
        void api.invoke('processes.kill', { id, pid: item.ProcessId }).then(
          ({ delivered }) => {
            setActionError(
              delivered
                ? null
                : {
                    text: `Process ${item.ProcessId} was not killed`,
                    error: { message: 'It had ended already.', events: [] },
                  },
            );
            void refresh();
          },
          (e: unknown) =>
            setActionError({ text: `Could not kill process ${item.ProcessId}`, error: errorInfoOf(e) }),
        ),
    });

  const showProperties = async (item: ProcessListItem) => {
    setActionError(null);
    try {
      const { properties } = await api.invoke('processes.properties', { id, pid: item.ProcessId });
      setProcessProperties({ pid: item.ProcessId, properties });
    } catch (e) {
      setActionError({
        text: `Could not read the properties of process ${item.ProcessId}`,
        error: errorInfoOf(e),
      });
    }
  };

  const source = lists ? (chosenSource ?? defaultSource(lists)) : null;
  const rows = !lists || !source ? null : source === 'v1' ? lists.v1 : processRows(lists.v2);
  const shown = () => {
    if (!lists || !source) return null;
    const failure = lists.errors[source];
    if (failure) return <ErrorBar text={`The ${source.toUpperCase()} query failed`} error={failure} />;
    if (rows === null) {
      // A V2 list of another shape than process items: shown as it came.
      return <JsonResult value={lists.v2} label={`V2 processes of ${id}`} fileName={`${id}-v2-processes`} />;
    }
    if (rows.length === 0) return <p className={styles.empty}>No processes are running.</p>;
    return (
      <ProcessTable
        label={`Processes of ${id}`}
        rows={rows}
        onAttach={attach}
        onKill={kill}
        onProperties={(item) => void showProperties(item)}
      />
    );
  };
  const other: Source | null = source === 'v1' ? 'v2' : source === 'v2' ? 'v1' : null;

  return (
    <div className={styles.panel}>
      <div className={styles.bar}>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => void refresh()}>
          Refresh processes
        </Button>
        {busy && !lists && <Spinner size="tiny" label="Loading processes…" />}
        {lists && (
          <Text size={200} className={styles.note}>
            Updated {formatTime(lists.at)}; refreshed every {PROCESSES_INTERVAL_MS / 1000} s while shown.
          </Text>
        )}
      </div>
      {error && <ErrorBar text="The process lists could not be read" error={error} />}
      {actionError && <ErrorBar text={actionError.text} error={actionError.error} />}
      {lists && source && (
        <section aria-label="Process list">
          <RadioGroup
            layout="horizontal"
            aria-label="Process list from"
            value={source}
            onChange={(_, data) => setChosenSource(data.value as Source)}
          >
            {(['v2', 'v1'] as const).map((s) => (
              <Radio key={s} value={s} label={`From HCS ${SOURCE_LABEL[s]}`} />
            ))}
          </RadioGroup>
          {other && lists.errors[other] && source && !lists.errors[source] && (
            <Text size={200} className={styles.note}>
              {`The ${other.toUpperCase()} query failed: ${lists.errors[other].message}`}
            </Text>
          )}
          {shown()}
        </section>
      )}
      {processProperties && (
        <section aria-label={`Properties of process ${processProperties.pid}`}>
          <h3 className={styles.heading}>Process {processProperties.pid}</h3>
          <JsonResult
            value={processProperties.properties}
            label={`Properties of process ${processProperties.pid}`}
            fileName={`${id}-process-${processProperties.pid}`}
          />
        </section>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
