import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode, RefObject } from 'react';

const useStyles = makeStyles({
  view: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    height: '100%',
    minHeight: 0,
  },
  controls: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  hint: { color: tokens.colorNeutralForeground3 },
  frame: {
    position: 'relative',
    flex: 1,
    minHeight: '120px',
    display: 'flex',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // The terminal's own background, so the padding around it does not show as a band of another colour.
  dark: { backgroundColor: '#1e1e1e' },
  light: { backgroundColor: '#ffffff' },
  host: { flex: 1, minWidth: 0, minHeight: 0, overflow: 'hidden' },
});

/** What a console session's view explains under its controls. */
export const TTY_HINT =
  'Keys go to the process. Ctrl+F finds, Ctrl+C with a selection copies, F6 leaves the terminal.';
export const PIPES_HINT =
  'Lines are sent on Enter; Ctrl+D ends the input, Ctrl+C interrupts. Ctrl+F finds, F6 leaves the terminal.';

interface Props {
  header: ReactNode;
  controls: ReactNode;
  /** Messages between the controls and the terminal (a failed request). */
  notices?: ReactNode;
  hint: string;
  hintId?: string;
  host: RefObject<HTMLDivElement | null>;
  dark: boolean;
  /** Drawn over the terminal's top right corner (the search box): opening it does not resize the console. */
  overlay?: ReactNode;
}

/**
 * The arrangement of a session's view: header, controls, notices, key hint, then the terminal filling the
 * rest. Shared with the size probe, which must measure exactly the box a new session's terminal will get.
 */
export function TerminalLayout({ header, controls, notices, hint, hintId, host, dark, overlay }: Props) {
  const styles = useStyles();
  return (
    <div className={styles.view}>
      {header}
      <div className={styles.controls}>{controls}</div>
      {notices}
      <Text id={hintId} size={100} className={styles.hint}>
        {hint}
      </Text>
      <div className={mergeClasses(styles.frame, dark ? styles.dark : styles.light)}>
        <div ref={host} className={styles.host} />
        {overlay}
      </div>
    </div>
  );
}
