import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ErrorInfo, ExecSession } from '../../../src/contract/index.ts';
import { closeSession } from '../../exec/close-session.ts';
import { useExecServices } from '../../exec/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';
import { useApi, useAppStore } from '../../store/context.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { SessionHeader } from './SessionHeader.tsx';
import { SessionToolbar } from './SessionToolbar.tsx';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  note: { color: tokens.colorNeutralForeground3 },
});

/**
 * A process opened by its pid (Processes tab → Attach): HCS gives no stdio for it, so there is no terminal,
 * only its state, its exit code once it ends, and Kill.
 */
export function AttachedProcessView({ session }: { session: ExecSession }) {
  const styles = useStyles();
  const api = useApi();
  const appStore = useAppStore();
  const { store } = useExecServices();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const notify = appStore.getState().notify;
  const fail = (e: ErrorInfo | null) => setError(e);
  return (
    <div className={styles.view}>
      <SessionHeader session={session} />
      <SessionToolbar
        session={session}
        hasTerminal={false}
        actions={{
          sendCtrlC: () => undefined,
          closeInput: () => undefined,
          find: () => undefined,
          copyAll: () => undefined,
          kill: () =>
            void api.invoke('exec.kill', { sessionId: session.sessionId }).then(
              ({ delivered }) =>
                fail(
                  delivered
                    ? null
                    : { message: 'The process had ended before it could be killed.', events: [] },
                ),
              (e: unknown) => fail(errorInfoOf(e)),
            ),
          closeTab: () =>
            void closeSession(api, store, session).then((e) => {
              if (e)
                notify({ intent: 'error', title: 'Could not close the session', body: e.message, error: e });
            }),
        }}
      />
      <Text className={styles.note}>
        Opened by its process id: HCS gives no input or output of a process it did not start here, so this tab
        shows its state and exit code only.
      </Text>
      {error && (
        <div role="alert">
          <Text>{error.message}</Text>
          <ErrorDetails error={error} />
        </div>
      )}
    </div>
  );
}
