import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { TabDesktopRegular } from '@fluentui/react-icons';
import { useShallow } from 'zustand/react/shallow';
import { useExec, useExecServices } from '../../exec/context.tsx';
import { tabName } from '../../exec/format.ts';

/** Sessions whose tab was closed while they ran: they go on in the app core and can be reopened here. */
export function BackgroundSessions() {
  const { store } = useExecServices();
  const hidden = useExec(
    useShallow((s) =>
      Object.keys(s.hidden)
        .map((id) => s.sessions[id])
        .filter((session) => session !== undefined)
        .sort((a, b) => a.startedAt - b.startedAt),
    ),
  );
  if (hidden.length === 0) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton size="small" appearance="subtle" icon={<TabDesktopRegular />}>
          In background ({hidden.length})
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {hidden.map((session) => (
            <MenuItem
              key={session.sessionId}
              onClick={() => store.getState().open(session.sessionId, { focus: true })}
            >
              {`${tabName(session)} (${session.systemId})`}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
