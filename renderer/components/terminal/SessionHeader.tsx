import { Badge, Text, makeStyles, mergeClasses, tokens, type BadgeProps } from '@fluentui/react-components';
import type { ExecSession } from '../../../src/contract/index.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { shortStatus, statusLine, systemLabel } from '../../exec/format.ts';

const COLOR: Record<ExecSession['state'], BadgeProps['color']> = {
  starting: 'informative',
  running: 'success',
  exited: 'subtle',
  failed: 'danger',
  orphaned: 'warning',
};

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, minWidth: 0 },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  },
  system: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  status: { display: 'block' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/** The command, the system it runs in, its state, and the status line (how it ended, with HCS's error). */
export function SessionHeader({ session }: { session: ExecSession }) {
  const styles = useStyles();
  const bad = session.state === 'failed' || session.state === 'orphaned';
  const exitedBadly = session.state === 'exited' && session.exitCode !== 0;
  return (
    <div>
      <div className={styles.header}>
        <Text className={styles.command} title={session.commandLine}>
          {session.commandLine}
        </Text>
        <Text size={200} className={styles.system}>
          in {systemLabel(session)}
        </Text>
        <Badge appearance="tint" shape="rounded" color={exitedBadly ? 'danger' : COLOR[session.state]}>
          {shortStatus(session)}
        </Badge>
      </div>
      <Text role="status" size={200} className={mergeClasses(styles.status, bad && styles.failed)}>
        {statusLine(session)}
      </Text>
      {bad && session.error && <ErrorDetails error={session.error} />}
    </div>
  );
}
