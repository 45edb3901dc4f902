import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import type { ExecSession } from '../../../src/contract/index.ts';
import { closeSession } from '../../exec/close-session.ts';
import { useExecServices } from '../../exec/context.tsx';
import type { StreamFilter } from '../../exec/session-output.ts';
import { copyText } from '../../lib/export.ts';
import { useApi, useAppStore } from '../../store/context.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { SearchBar } from './SearchBar.tsx';
import { SessionHeader } from './SessionHeader.tsx';
import { SessionToolbar, type SessionActions } from './SessionToolbar.tsx';
import { PIPES_HINT, TTY_HINT, TerminalLayout } from './TerminalLayout.tsx';
import { useSessionTerminal } from './use-session-terminal.ts';

const useStyles = makeStyles({
  streams: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  select: { minWidth: '170px' },
  stderr: { color: tokens.colorPaletteRedForeground1 },
});

const FILTERS: ReadonlyArray<{ value: StreamFilter; label: string }> = [
  { value: 'both', label: 'stdout and stderr' },
  { value: 'stdout', label: 'stdout only' },
  { value: 'stderr', label: 'stderr only' },
];

/**
 * One process's terminal: header and status line, controls, the live output (xterm.js) with typing, paste,
 * search (Ctrl+F) and copy, and — without a console — stderr in red with a choice of the streams shown.
 * F6 leaves the terminal for its controls.
 */
export function TerminalView({ session, active }: { session: ExecSession; active: boolean }) {
  const styles = useStyles();
  const api = useApi();
  const appStore = useAppStore();
  const { store } = useExecServices();
  const hintId = useId();
  const { host, parts, problem, dismissProblem, dark } = useSessionTerminal(session, active, hintId);
  const [searching, setSearching] = useState(false);
  const [searchFocus, setSearchFocus] = useState(0);
  const [filter, setFilter] = useState<StreamFilter>('both');
  const toolbar = useRef<HTMLDivElement>(null);
  const notify = appStore.getState().notify;

  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => notify({ intent: 'success', title: `${what} copied to the clipboard` }),
      (e: unknown) =>
        notify({
          intent: 'error',
          title: `Could not copy the ${what.toLowerCase()}`,
          body: e instanceof Error ? e.message : String(e),
        }),
    );
  const openSearch = () => {
    setSearching(true);
    setSearchFocus((n) => n + 1);
  };

  useEffect(() => {
    if (!parts) return;
    parts.surface.setKeyHandler((e) => {
      if (e.type !== 'keydown') return true;
      const key = e.key.toLowerCase();
      const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
      if (ctrl && key === 'f') {
        e.preventDefault();
        openSearch();
        return false;
      }
      // Ctrl+C copies a selection (as in Windows Terminal); without one it is the process's Ctrl+C.
      if (ctrl && key === 'c' && (e.shiftKey || parts.surface.selection() !== '')) {
        e.preventDefault();
        void copy(parts.surface.selection(), 'Selection');
        parts.surface.clearSelection();
        return false;
      }
      // Let the browser paste (the terminal reads the paste event) rather than send ^V.
      if (ctrl && key === 'v') return false;
      if (e.key === 'F6') {
        e.preventDefault();
        toolbar.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
        return false;
      }
      return true;
    });
    // `copy` and `openSearch` use only stable things (the store's notify, state setters): set once per terminal.
  }, [parts]);

  useEffect(() => {
    parts?.controller.setFilter(filter);
  }, [parts, filter]);

  const actions: SessionActions = {
    sendCtrlC: () => void parts?.controller.signal('CtrlC'),
    closeInput: () => void parts?.controller.closeStdin(),
    kill: () => void parts?.controller.kill(),
    find: openSearch,
    copyAll: () => {
      if (parts) void copy(parts.surface.text(), 'Output');
    },
    closeTab: () =>
      void closeSession(api, store, session).then((error) => {
        if (error)
          notify({ intent: 'error', title: 'Could not close the session', body: error.message, error });
      }),
  };

  return (
    <TerminalLayout
      header={<SessionHeader session={session} />}
      controls={
        <>
          <SessionToolbar ref={toolbar} session={session} actions={actions} hasTerminal />
          {!session.tty && (
            <div className={styles.streams}>
              <Select
                className={styles.select}
                size="small"
                aria-label="Streams shown"
                value={filter}
                onChange={(_, data) => setFilter(data.value as StreamFilter)}
              >
                {FILTERS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </Select>
              <Text size={200} className={styles.stderr}>
                stderr in red
              </Text>
            </div>
          )}
        </>
      }
      notices={
        problem && (
          <MessageBar intent={problem.intent} layout="multiline">
            <MessageBarBody>
              {problem.error ? `${problem.message}: ${problem.error.message}` : problem.message}
              {problem.error && <ErrorDetails error={problem.error} />}
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  icon={<DismissRegular />}
                  aria-label="Dismiss"
                  onClick={dismissProblem}
                />
              }
            />
          </MessageBar>
        )
      }
      hint={session.tty ? TTY_HINT : PIPES_HINT}
      hintId={hintId}
      host={host}
      dark={dark}
      overlay={
        searching &&
        parts && (
          <SearchBar surface={parts.surface} focusSignal={searchFocus} onClose={() => setSearching(false)} />
        )
      }
    />
  );
}
