import { Tab, makeStyles, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  CircleRegular,
  ErrorCircleRegular,
  LinkRegular,
  WarningRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { ExecSession } from '../../../src/contract/index.ts';
import { commandLabel, systemLabel, tabName } from '../../exec/format.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', maxWidth: '200px' },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
  },
  system: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

function StatusIcon({ session }: { session: ExecSession }): ReactElement {
  const styles = useStyles();
  if (session.attachedOnly && !(session.state === 'exited' || session.state === 'orphaned'))
    return <LinkRegular />;
  switch (session.state) {
    case 'starting':
    case 'running':
      return <CircleRegular className={styles.ok} />;
    case 'exited':
      return session.exitCode === 0 ? (
        <CheckmarkCircleRegular className={styles.ok} />
      ) : (
        <ErrorCircleRegular className={styles.bad} />
      );
    case 'failed':
      return <ErrorCircleRegular className={styles.bad} />;
    case 'orphaned':
      return <WarningRegular className={styles.warn} />;
  }
}

/** A session's tab: its command and system, with its state as an icon; named "command — state" for everyone. */
export function SessionTab({
  session,
  panelId,
  tabId,
}: {
  session: ExecSession;
  panelId: string;
  tabId: string;
}) {
  const styles = useStyles();
  return (
    <Tab
      value={session.sessionId}
      id={tabId}
      aria-controls={panelId}
      aria-label={tabName(session)}
      title={`${session.commandLine}\nin ${systemLabel(session)}`}
      icon={<StatusIcon session={session} />}
    >
      <span className={styles.content}>
        <span className={styles.command}>{commandLabel(session)}</span>
        <span className={styles.system}>{systemLabel(session)}</span>
      </span>
    </Tab>
  );
}
