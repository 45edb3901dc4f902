import {
  Button,
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
});

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
 * The system's processes, as HCS lists them in its V1 (schema1) and V2 (schema2) properties: refreshed every
 * few seconds while shown and on demand, with Attach (opens a tab with the process's state and exit code) and
 * Kill (after a confirmation) on each.
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

  const v2Rows = lists?.v2 !== null && lists?.v2 !== undefined ? processRows(lists.v2) : null;
  const table = (version: 'V1' | 'V2', rows: readonly ProcessListItem[]) => (
    <ProcessTable
      label={`${version} processes of ${id}`}
      rows={rows}
      onAttach={attach}
      onKill={kill}
      onProperties={(item) => void showProperties(item)}
    />
  );

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
      {lists && (
        <>
          <section aria-label="V1 process list">
            <h3 className={styles.heading}>V1 (schema1 ProcessList)</h3>
            {lists.v1
              ? table('V1', lists.v1)
              : lists.errors.v1 && <ErrorBar text="The V1 query failed" error={lists.errors.v1} />}
          </section>
          <section aria-label="V2 process list">
            <h3 className={styles.heading}>V2 (schema2 ProcessList)</h3>
            {lists.v2 === null ? (
              lists.errors.v2 && <ErrorBar text="The V2 query failed" error={lists.errors.v2} />
            ) : v2Rows ? (
              table('V2', v2Rows)
            ) : (
              <JsonResult value={lists.v2} label={`V2 processes of ${id}`} fileName={`${id}-v2-processes`} />
            )}
          </section>
        </>
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
