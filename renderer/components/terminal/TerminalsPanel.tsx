import { TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useExec, useExecServices } from '../../exec/context.tsx';
import { tabIds } from '../../exec/exec-store.ts';
import { AttachedProcessView } from './AttachedProcessView.tsx';
import { BackgroundSessions } from './BackgroundSessions.tsx';
import { SessionTab } from './SessionTab.tsx';
import { SizeProbe } from './SizeProbe.tsx';
import { TerminalView } from './TerminalView.tsx';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    height: '100%',
    boxSizing: 'border-box',
  },
  // A fixed height, with or without tabs: the size probe measures the box below it for the first terminal.
  tabs: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    height: '48px',
    flexShrink: 0,
    minWidth: 0,
  },
  tabList: { overflowX: 'auto', overflowY: 'hidden', minWidth: 0, flex: '0 1 auto', scrollbarWidth: 'thin' },
  grow: { flex: 1 },
  count: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  content: { flex: 1, minHeight: 0, position: 'relative' },
  tabPanel: { height: '100%' },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3, display: 'block' },
});

function SessionPanel({
  sessionId,
  active,
  panelId,
  tabId,
}: {
  sessionId: string;
  active: boolean;
  panelId: string;
  tabId: string;
}) {
  const styles = useStyles();
  const session = useExec((s) => s.sessions[sessionId]);
  if (!session) return null;
  // Every open session stays mounted (hidden when not selected): its terminal keeps drawing and keeps its
  // scrollback, and switching tabs is instant.
  return (
    <div role="tabpanel" id={panelId} aria-labelledby={tabId} hidden={!active} className={styles.tabPanel}>
      {session.attachedOnly ? (
        <AttachedProcessView session={session} />
      ) : (
        <TerminalView session={session} active={active} />
      )}
    </div>
  );
}

/** The processes of this window as tabs (arrow keys move between them), each with its terminal. */
export function TerminalsPanel() {
  const styles = useStyles();
  const { store } = useExecServices();
  const ids = useExec(useShallow(tabIds));
  const active = useExec((s) => s.active);
  const sessions = useExec(useShallow((s) => ids.map((id) => s.sessions[id]!)));
  const terminalShown = useExec((s) => {
    const session = s.active !== null ? s.sessions[s.active] : undefined;
    return session !== undefined && !session.attachedOnly && !s.hidden[session.sessionId];
  });
  const baseId = useId();
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;

  // Many tabs scroll sideways: keep the selected one in sight (a new process's tab comes last).
  useEffect(() => {
    if (active === null) return;
    document
      .getElementById(`${baseId}-tab-${active}`)
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active, baseId]);

  return (
    <section className={styles.panel} aria-label="Terminals">
      <div className={styles.tabs}>
        {ids.length > 0 && (
          <TabList
            className={styles.tabList}
            size="small"
            selectedValue={active}
            onTabSelect={(_, data) => store.getState().select(String(data.value))}
            aria-label="Terminal sessions"
          >
            {sessions.map((session, i) => (
              <SessionTab
                key={session.sessionId}
                session={session}
                number={i + 1}
                tabId={tabId(session.sessionId)}
                panelId={panelId(session.sessionId)}
              />
            ))}
          </TabList>
        )}
        {/* The tabs scroll sideways when they do not fit: the count says how many there are. */}
        {ids.length > 1 && <Text size={200} className={styles.count}>{`${ids.length} sessions`}</Text>}
        <span className={styles.grow} />
        <BackgroundSessions />
      </div>
      <div className={styles.content}>
        {ids.length === 0 && (
          <Text className={styles.empty} role="status">
            No terminal sessions. Use Exec… on a running system to start a process, or Attach on its Processes
            tab.
          </Text>
        )}
        {ids.map((id) => (
          <SessionPanel
            key={id}
            sessionId={id}
            active={id === active}
            panelId={panelId(id)}
            tabId={tabId(id)}
          />
        ))}
        {!terminalShown && <SizeProbe />}
      </div>
    </section>
  );
}
