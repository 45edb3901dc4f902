import { Spinner, Toolbar, ToolbarButton, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  DeleteRegular,
  EditRegular,
  PauseRegular,
  PlayRegular,
  PowerRegular,
  SaveRegular,
  StopRegular,
} from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { ACTION_PROGRESS, canRun, type SystemAction } from '../../lib/lifecycle.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { pendingOperationFor } from '../../store/selectors.ts';
import { ConfirmDialog, confirmationFor, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { ModifyDialog } from './ModifyDialog.tsx';
import { SaveDialog } from './SaveDialog.tsx';

const BUTTONS: ReadonlyArray<{ action: SystemAction; label: string; icon: ReactElement }> = [
  { action: 'start', label: 'Start', icon: <PlayRegular /> },
  { action: 'pause', label: 'Pause', icon: <PauseRegular /> },
  { action: 'resume', label: 'Resume', icon: <ArrowClockwiseRegular /> },
  { action: 'save', label: 'Save…', icon: <SaveRegular /> },
  { action: 'modify', label: 'Modify…', icon: <EditRegular /> },
  { action: 'shutdown', label: 'Shutdown', icon: <PowerRegular /> },
  { action: 'terminate', label: 'Terminate', icon: <StopRegular /> },
  { action: 'close', label: 'Close (forget)', icon: <DeleteRegular /> },
];

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  toolbar: { flexWrap: 'wrap', padding: 0 },
});

/**
 * The lifecycle buttons of one system, each enabled only where its state allows it and nothing else is
 * in flight; a labelled spinner shows while an operation is pending.
 */
export function LifecycleBar({ system }: { system: SystemSummary }) {
  const styles = useStyles();
  const api = useApi();
  const store = useAppStore();
  const pendingOp = useApp((s) => pendingOperationFor(s, system.id)?.action ?? null);
  const pending = system.pending ?? pendingOp;
  const [dialog, setDialog] = useState<'save' | 'modify' | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { id } = system;

  const run = (action: SystemAction) => {
    switch (action) {
      case 'save':
      case 'modify':
        setDialog(action);
        return;
      case 'shutdown':
      case 'terminate':
        setConfirm(confirmationFor(action, [id], () => void runOperation(api, store, { action, id })));
        return;
      default:
        void runOperation(api, store, { action, id });
    }
  };

  return (
    <div className={styles.bar}>
      <Toolbar className={styles.toolbar} aria-label={`Lifecycle of ${id}`}>
        {BUTTONS.map(({ action, label, icon }) => (
          <ToolbarButton
            key={action}
            icon={icon}
            disabled={
              pending !== null ||
              !canRun({ state: system.state, pending: null, idProblem: system.idProblem }, action)
            }
            onClick={() => run(action)}
          >
            {label}
          </ToolbarButton>
        ))}
      </Toolbar>
      {pending && <Spinner size="tiny" label={`${ACTION_PROGRESS[pending]} ${id}…`} />}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      <SaveDialog id={id} open={dialog === 'save'} onClose={() => setDialog(null)} />
      <ModifyDialog id={id} open={dialog === 'modify'} onClose={() => setDialog(null)} />
    </div>
  );
}
