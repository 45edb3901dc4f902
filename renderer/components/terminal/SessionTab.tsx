import { Tab, makeStyles, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  CircleRegular,
  ErrorCircleRegular,
  LinkRegular,
  WarningRegular,
} from '@fluentui/react-icons';
import { useId, type ReactElement } from 'react';
import { splitQualified, type ExecSession } from '../../../src/contract/index.ts';
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
  system: {
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '100%',
    // Drawn from the attribute, not a text node: what is seen of a tab must be part of its accessible name
    // (axe-core label-content-name-mismatch), and this line is its description instead.
    '::after': { content: 'attr(data-meta)' },
  },
  hidden: { display: 'none' },
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

/** A long system id (a 64-hex container id) cut to what tells it apart in a tab: its first 12 characters. */
function shortSystem(id: string): string {
  return id.length > 16 ? `${id.slice(0, 12)}…` : id;
}

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString();

/**
 * A session's tab: its number and command, and on a second line its system (short) and start time, so two
 * identical commands can be told apart; its state as an icon. Its accessible name is "command — state"; the
 * number, system and start time are its description, and the second line shows them as generated content.
 */
export function SessionTab({
  session,
  number,
  panelId,
  tabId,
}: {
  session: ExecSession;
  /** Its place among the tabs, from 1. */
  number: number;
  panelId: string;
  tabId: string;
}) {
  const styles = useStyles();
  const descriptionId = useId();
  const started = timeOf(session.startedAt);
  const remote = splitQualified(session.systemId);
  return (
    <Tab
      value={session.sessionId}
      id={tabId}
      aria-controls={panelId}
      aria-label={tabName(session)}
      aria-describedby={descriptionId}
      title={`#${number} ${session.commandLine}
in ${systemLabel(session)}, started ${started}`}
      icon={<StatusIcon session={session} />}
    >
      <span className={styles.content}>
        <span className={styles.command}>{commandLabel(session)}</span>
        <span
          className={styles.system}
          aria-hidden
          data-meta={`#${number} · ${shortSystem(remote ? remote.key : session.systemId)}${remote ? ` on ${remote.host}` : ''} · ${started}`}
        />
        <span id={descriptionId} className={styles.hidden}>
          {`Session ${number} in ${systemLabel(session)}, started ${started}`}
        </span>
      </span>
    </Tab>
  );
}
