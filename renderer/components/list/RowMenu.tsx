import {
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  type PositioningVirtualElement,
} from '@fluentui/react-components';
import { ClockRegular, CopyRegular, OpenRegular, ServerRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { hostOf, localKeyOf, qualify } from '../../../src/contract/index.ts';
import { copyText } from '../../lib/export.ts';
import { canRun, canWaitForExit, type SystemAction } from '../../lib/lifecycle.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { shortId } from '../../lib/short-id.ts';
import { useSettings } from '../../settings/settings-store.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { isWaitingForExit, pendingOperationFor } from '../../store/selectors.ts';
import type { AppStore } from '../../store/app-store.ts';
import { ConfirmDialog, confirmationFor, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { ModifyDialog } from '../lifecycle/ModifyDialog.tsx';
import { SaveDialog } from '../lifecycle/SaveDialog.tsx';
import { LIFECYCLE_ACTIONS } from '../lifecycle/lifecycle-actions.tsx';

/** Where the menu opens: at the pointer (right-click) or at an element (the row, its actions button). */
export interface RowMenuTarget {
  id: string;
  anchor: HTMLElement | { x: number; y: number };
  /** Where the focus goes back when the menu closes without opening anything. */
  returnFocus: HTMLElement | null;
}

function positioningTarget(anchor: RowMenuTarget['anchor']): HTMLElement | PositioningVirtualElement {
  if (anchor instanceof HTMLElement) return anchor;
  const { x, y } = anchor;
  return {
    getBoundingClientRect: () => ({ x, y, left: x, top: y, right: x, bottom: y, width: 0, height: 0 }),
  };
}

/** Copies a system's full id, and says so (or why it could not). */
export function copySystemId(store: AppStore, id: string): void {
  const full = localKeyOf(id);
  void copyText(full).then(
    () =>
      store.getState().notify({ intent: 'success', title: `ID ${shortId(full)} copied to the clipboard` }),
    (e: unknown) =>
      store.getState().notify({
        intent: 'error',
        title: 'Could not copy the ID',
        body: e instanceof Error ? e.message : String(e),
      }),
  );
}

/**
 * A row's menu (right-click, Shift+F10, the context-menu key, or its actions button): open the details, copy
 * the full id, open a hosted container's utility VM, and the lifecycle actions its state allows now — run as the
 * details toolbar runs them (runOperation, the same confirmations and Save/Modify dialogs).
 */
export function RowMenu({
  target,
  onClose,
  mountNode,
}: {
  target: RowMenuTarget | null;
  onClose: () => void;
  /** Where the menu is put in the page: inside the list's landmark, as all page content is. */
  mountNode: HTMLElement | null;
}) {
  const store = useAppStore();
  const api = useApi();
  const id = target?.id ?? null;
  const system = useApp((s) => (id === null ? undefined : s.systems.get(id)));
  const pendingOp = useApp((s) => (id === null ? null : (pendingOperationFor(s, id)?.action ?? null)));
  const waiting = useApp((s) => (id === null ? false : isWaitingForExit(s, id)));
  const hcsApi = useApp((s) => s.service?.hcsApi);
  const hostingKey = system?.hostingSystemId ? qualify(hostOf(system.id), system.hostingSystemId) : null;
  const hostingListed = useApp((s) => hostingKey !== null && s.systems.has(hostingKey));
  const ask = useSettings((s) => s.settings.confirm);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'save' | 'modify'; id: string } | null>(null);

  const run = (systemId: string, action: SystemAction) => {
    switch (action) {
      case 'save':
      case 'modify':
        setDialog({ kind: action, id: systemId });
        return;
      case 'shutdown':
      case 'terminate':
      case 'crash': {
        const go = () => void runOperation(api, store, { action, id: systemId });
        // As the details toolbar does: shut down and terminate ask unless turned off; a crash always asks.
        if (action !== 'crash' && !ask[action]) go();
        else setConfirm(confirmationFor(action, [systemId], go));
        return;
      }
      default:
        void runOperation(api, store, { action, id: systemId });
    }
  };

  const pending = system ? (system.pending ?? pendingOp) : null;
  const actions = system
    ? LIFECYCLE_ACTIONS.filter(
        ({ action }) =>
          pending === null &&
          canRun({ state: system.state, pending: null, idProblem: system.idProblem }, action, hcsApi),
      )
    : [];
  const canWait = system !== undefined && !waiting && !system.idProblem && canWaitForExit(system);
  const close = (focusBack: boolean) => {
    const back = target?.returnFocus;
    onClose();
    if (focusBack && back?.isConnected) back.focus();
  };

  return (
    <>
      {target && system && (
        <Menu
          open
          mountNode={mountNode}
          positioning={{ target: positioningTarget(target.anchor), position: 'below', align: 'start' }}
          onOpenChange={(_, data) => {
            if (!data.open) close(true);
          }}
        >
          <MenuPopover>
            <MenuList aria-label={`Actions for ${localKeyOf(system.id)}`}>
              <MenuItem icon={<OpenRegular />} onClick={() => store.getState().openDetails(system.id)}>
                Open details
              </MenuItem>
              <MenuItem
                icon={<CopyRegular />}
                secondaryContent="Ctrl+C"
                onClick={() => copySystemId(store, system.id)}
              >
                Copy ID
              </MenuItem>
              {hostingKey !== null && hostingListed && (
                <MenuItem icon={<ServerRegular />} onClick={() => store.getState().openDetails(hostingKey)}>
                  Open utility VM {shortId(system.hostingSystemId ?? '')}
                </MenuItem>
              )}
              <MenuDivider />
              {actions.map(({ action, label, icon }) => (
                <MenuItem key={action} icon={icon} onClick={() => run(system.id, action)}>
                  {label}
                </MenuItem>
              ))}
              {canWait && (
                <MenuItem
                  icon={<ClockRegular />}
                  onClick={() => void runOperation(api, store, { action: 'wait', id: system.id })}
                >
                  Wait for exit
                </MenuItem>
              )}
              {actions.length === 0 && !canWait && (
                <MenuItem disabled>
                  {pending !== null ? 'An operation is in progress' : `No actions while ${system.state}`}
                </MenuItem>
              )}
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      {dialog && (
        <>
          <SaveDialog id={dialog.id} open={dialog.kind === 'save'} onClose={() => setDialog(null)} />
          <ModifyDialog id={dialog.id} open={dialog.kind === 'modify'} onClose={() => setDialog(null)} />
        </>
      )}
    </>
  );
}
