import { Toolbar, ToolbarButton, ToolbarDivider, Tooltip, makeStyles } from '@fluentui/react-components';
import {
  CopyRegular,
  DismissCircleRegular,
  DismissRegular,
  KeyboardRegular,
  ProhibitedRegular,
  SearchRegular,
} from '@fluentui/react-icons';
import { forwardRef } from 'react';
import type { ExecSession } from '../../../src/contract/index.ts';
import { commandLabel, isEnded } from '../../exec/format.ts';

const useStyles = makeStyles({ toolbar: { flexWrap: 'wrap', padding: 0 } });

export interface SessionActions {
  sendCtrlC(): void;
  closeInput(): void;
  kill(): void;
  find(): void;
  copyAll(): void;
  closeTab(): void;
}

interface Props {
  session: ExecSession;
  actions: SessionActions;
  /** Sessions opened by pid have no output to find or copy. */
  hasTerminal: boolean;
}

/** The controls of one session; each is enabled only where the session's state allows it. */
export const SessionToolbar = forwardRef<HTMLDivElement, Props>(function SessionToolbar(
  { session, actions, hasTerminal },
  ref,
) {
  const styles = useStyles();
  const running = session.state === 'running';
  return (
    <Toolbar
      ref={ref}
      size="small"
      className={styles.toolbar}
      aria-label={`Controls of ${commandLabel(session)}`}
    >
      {hasTerminal && (
        <>
          <ToolbarButton icon={<KeyboardRegular />} disabled={!running} onClick={actions.sendCtrlC}>
            Send Ctrl+C
          </ToolbarButton>
          <ToolbarButton
            icon={<ProhibitedRegular />}
            disabled={!running || !session.stdio.stdin}
            onClick={actions.closeInput}
          >
            Close input
          </ToolbarButton>
        </>
      )}
      <ToolbarButton icon={<DismissCircleRegular />} disabled={!running} onClick={actions.kill}>
        Kill
      </ToolbarButton>
      {hasTerminal && (
        <>
          <ToolbarDivider />
          <Tooltip content="Ctrl+F in the terminal" relationship="description">
            <ToolbarButton icon={<SearchRegular />} onClick={actions.find}>
              Find
            </ToolbarButton>
          </Tooltip>
          <ToolbarButton icon={<CopyRegular />} onClick={actions.copyAll}>
            Copy all
          </ToolbarButton>
        </>
      )}
      <ToolbarDivider />
      <Tooltip
        content={
          isEnded(session)
            ? 'Forget the session and its output'
            : 'The process goes on running; reopen it from "In background"'
        }
        relationship="description"
      >
        <ToolbarButton icon={<DismissRegular />} onClick={actions.closeTab}>
          Close tab
        </ToolbarButton>
      </Tooltip>
    </Toolbar>
  );
});
