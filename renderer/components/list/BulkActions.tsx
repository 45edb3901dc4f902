import { Button, Text, Toolbar, ToolbarButton, makeStyles, tokens } from '@fluentui/react-components';
import {
  DismissRegular,
  PauseRegular,
  PlayRegular,
  PowerRegular,
  ArrowClockwiseRegular,
  StopRegular,
  WindowConsoleRegular,
} from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { OPERATION_ACTION_LABEL } from '../../../src/contract/index.ts';
import { deferred } from '../../lib/deferred.tsx';
import { canRun } from '../../lib/lifecycle.ts';
import { runBulk, type BulkAction } from '../../lib/run-bulk.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { useSettings } from '../../settings/settings-store.ts';
import {
  ConfirmDialog,
  confirmationFor,
  type ConfirmRequest,
  type Skipped,
} from '../common/ConfirmDialog.tsx';

/** Loaded on first use (it is not part of the first view). */
const ExecDialog = deferred(
  () => import('../exec/ExecDialog.tsx').then((m) => m.ExecDialog),
  'the process dialog',
);

const BUTTONS: ReadonlyArray<{ action: BulkAction; label: string; icon: ReactElement }> = [
  { action: 'start', label: 'Start selected', icon: <PlayRegular /> },
  { action: 'pause', label: 'Pause selected', icon: <PauseRegular /> },
  { action: 'resume', label: 'Resume selected', icon: <ArrowClockwiseRegular /> },
  { action: 'shutdown', label: 'Shut down selected', icon: <PowerRegular /> },
  { action: 'terminate', label: 'Terminate selected', icon: <StopRegular /> },
];

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  toolbar: { flexWrap: 'wrap', padding: 0 },
});

/** Why a ticked system is left out of a bulk action. */
function skipReason(
  id: string,
  system: { state: string; pending: string | null; idProblem?: string } | undefined,
): Skipped {
  if (!system) return { id, reason: 'no longer listed' };
  if (system.idProblem) return { id, reason: 'HCS Desktop cannot act on it' };
  if (system.pending) return { id, reason: `busy (${system.pending} in progress)` };
  return { id, reason: `its state (${system.state}) does not allow it` };
}

/**
 * Lifecycle actions on every ticked system, on any host. Each button runs on the ticked systems whose state
 * allows it, and is disabled when none does; shutdown and terminate ask first.
 */
export function BulkActions() {
  const styles = useStyles();
  const api = useApi();
  const store = useAppStore();
  const checked = useApp(useShallow((s) => Object.keys(s.checked).sort()));
  const eligible = useApp(
    useShallow((s) =>
      BUTTONS.map(
        ({ action }) =>
          checked.filter((id) => {
            const system = s.systems.get(id);
            return system !== undefined && canRun(system, action);
          }).length,
      ),
    ),
  );
  // Processes can be started in running systems only (and not while an operation is changing their state).
  const runningIds = useApp(
    useShallow((s) =>
      checked.filter((id) => {
        const system = s.systems.get(id);
        return system?.state === 'Running' && system.pending === null && !system.idProblem;
      }),
    ),
  );
  const ask = useSettings((s) => s.settings.confirm);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [execIds, setExecIds] = useState<string[] | null>(null);
  if (checked.length === 0 && execIds === null) return null;

  const run = (action: BulkAction) => {
    const systems = store.getState().systems;
    const ids = checked.filter((id) => {
      const system = systems.get(id);
      return system !== undefined && canRun(system, action);
    });
    const skipped = checked.filter((id) => !ids.includes(id)).map((id) => skipReason(id, systems.get(id)));
    const go = () => {
      // One request per system, all at once; one notice at the end says per host what happened.
      void runBulk(api, store, action, ids);
      // Said, not silently dropped: which ticked systems were left out, and why.
      if (skipped.length > 0 && !(action === 'terminate' || action === 'shutdown')) {
        store.getState().notify({
          intent: 'info',
          title: `${OPERATION_ACTION_LABEL[action]}: ${ids.length} of ${checked.length} ticked systems; ${skipped.length} skipped`,
          body: skipped.map((s) => `${s.id}: ${s.reason}`).join('; '),
        });
      }
    };
    if ((action === 'terminate' || action === 'shutdown') && ask[action])
      setConfirm(confirmationFor(action, ids, go, skipped));
    else go();
  };

  return (
    <div className={styles.bar}>
      <Text weight="semibold" aria-live="polite">
        {checked.length} selected
      </Text>
      <Toolbar className={styles.toolbar} aria-label="Actions on selected systems" size="small">
        {BUTTONS.map(({ action, label, icon }, i) => (
          <ToolbarButton key={action} icon={icon} disabled={eligible[i] === 0} onClick={() => run(action)}>
            {label}
          </ToolbarButton>
        ))}
        <ToolbarButton
          icon={<WindowConsoleRegular />}
          disabled={runningIds.length === 0}
          onClick={() => setExecIds(runningIds)}
        >
          Exec in selected…
        </ToolbarButton>
      </Toolbar>
      <Button
        size="small"
        appearance="subtle"
        icon={<DismissRegular />}
        onClick={() => store.getState().clearChecked()}
      >
        Clear selection
      </Button>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      {execIds !== null && <ExecDialog systemIds={execIds} open onClose={() => setExecIds(null)} />}
    </div>
  );
}
