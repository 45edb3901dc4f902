import { makeStyles, webDarkTheme } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { ExecSession } from '../../../src/contract/index.ts';
import { useExecServices } from '../../exec/context.tsx';
import type { TerminalSurface } from '../../exec/surface.ts';
import { whenIdle } from '../../lib/when-idle.ts';
import { useThemeValues } from '../../theme.ts';
import { SessionHeader } from './SessionHeader.tsx';
import { SessionToolbar } from './SessionToolbar.tsx';
import { TTY_HINT, TerminalLayout } from './TerminalLayout.tsx';
import { RESIZE_DEBOUNCE_MS } from './use-session-terminal.ts';

const useStyles = makeStyles({
  probe: { position: 'absolute', inset: 0, visibility: 'hidden', pointerEvents: 'none' },
});

/** A console session as a new one looks, to lay the probe out like one. */
const PROBE_SESSION: ExecSession = {
  sessionId: 'size-probe',
  systemId: 'system',
  commandLine: 'command',
  cwd: '',
  tty: true,
  size: null,
  pid: null,
  startedAt: 0,
  exitedAt: null,
  exitCode: null,
  state: 'running',
  error: null,
  stdio: { stdin: true, stdout: true, stderr: false },
  attachedOnly: false,
};

const NO_ACTIONS = {
  sendCtrlC: () => undefined,
  closeInput: () => undefined,
  kill: () => undefined,
  find: () => undefined,
  copyAll: () => undefined,
  closeTab: () => undefined,
};

/**
 * An invisible terminal laid out exactly as a new session's would be, fitted to its box: it keeps the console
 * size for the next process current while no terminal is on show, so that a process starts with the size of
 * the terminal it will be drawn in (a program that reads its size at once, like `stty size`, sees it right).
 */
export function SizeProbe() {
  const styles = useStyles();
  const { store, createSurface } = useExecServices();
  const dark = useThemeValues() === webDarkTheme;
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let surface: TerminalSurface | null = null;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(fit, RESIZE_DEBOUNCE_MS);
    });
    function fit() {
      const size = surface?.fit();
      if (size) store.getState().setConsoleSize(size);
    }
    // Not before the first view is on screen and the page is idle: the probe is what loads xterm.js then.
    const idle = whenIdle(() => {
      void createSurface(element, { tty: true, dark: false, label: 'Terminal size probe' }).then(
        (made) => {
          if (gone) return made.dispose();
          surface = made;
          fit();
          observer.observe(element);
        },
        () => undefined, // a session's terminal reports the failure when one is opened
      );
    });
    return () => {
      gone = true;
      idle.cancel();
      observer.disconnect();
      clearTimeout(timer);
      surface?.dispose();
    };
  }, [store, createSurface]);

  return (
    <div className={styles.probe} aria-hidden inert>
      <TerminalLayout
        header={<SessionHeader session={PROBE_SESSION} />}
        controls={<SessionToolbar session={PROBE_SESSION} actions={NO_ACTIONS} hasTerminal />}
        hint={TTY_HINT}
        host={host}
        dark={dark}
      />
    </div>
  );
}
