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
import { deferred } from '../../lib/deferred.tsx';
import { canRun } from '../../lib/lifecycle.ts';
import { runBulk, type BulkAction } from '../../lib/run-bulk.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { ConfirmDialog, confirmationFor, type ConfirmRequest } from '../common/ConfirmDialog.tsx';

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
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [execIds, setExecIds] = useState<string[] | null>(null);
  if (checked.length === 0 && execIds === null) return null;

  const run = (action: BulkAction) => {
    const systems = store.getState().systems;
    const ids = checked.filter((id) => {
      const system = systems.get(id);
      return system !== undefined && canRun(system, action);
    });
    const go = () => {
      // One request per system, all at once; one notice at the end says per host what happened.
      void runBulk(api, store, action, ids);
    };
    if (action === 'terminate' || action === 'shutdown') setConfirm(confirmationFor(action, ids, go));
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
