import { Spinner, Toolbar, ToolbarButton, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { ClockRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { ACTION_PROGRESS, V2_ONLY, canRun, canWaitForExit, type SystemAction } from '../../lib/lifecycle.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { isWaitingForExit, pendingOperationFor } from '../../store/selectors.ts';
import { useSettings } from '../../settings/settings-store.ts';
import { ConfirmDialog, confirmationFor, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { ModifyDialog } from './ModifyDialog.tsx';
import { SaveDialog } from './SaveDialog.tsx';
import { LIFECYCLE_ACTIONS } from './lifecycle-actions.tsx';

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
  const hcsApi = useApp((s) => s.service?.hcsApi);
  const waiting = useApp((s) => isWaitingForExit(s, system.id));
  const [dialog, setDialog] = useState<'save' | 'modify' | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { id } = system;
  const ask = useSettings((s) => s.settings.confirm);

  const run = (action: SystemAction) => {
    switch (action) {
      case 'save':
      case 'modify':
        setDialog(action);
        return;
      case 'shutdown':
      case 'terminate':
      case 'crash': {
        const go = () => void runOperation(api, store, { action, id });
        // Shut down and terminate ask unless the user turned that off in the settings; a crash always asks.
        if (action !== 'crash' && !ask[action]) go();
        else setConfirm(confirmationFor(action, [id], go));
        return;
      }
      default:
        void runOperation(api, store, { action, id });
    }
  };

  return (
    <div className={styles.bar}>
      <Toolbar className={styles.toolbar} aria-label={`Lifecycle of ${id}`}>
        {LIFECYCLE_ACTIONS.map(({ action, label, icon }) => {
          const button = (
            <ToolbarButton
              key={action}
              icon={icon}
              // A V2-only action on V1 stays focusable, so its tooltip can say why it is off.
              disabledFocusable={V2_ONLY.has(action) && hcsApi !== 'v2'}
              disabled={
                pending !== null ||
                !canRun({ state: system.state, pending: null, idProblem: system.idProblem }, action, hcsApi)
              }
              onClick={() => run(action)}
            >
              {label}
            </ToolbarButton>
          );
          return V2_ONLY.has(action) && hcsApi !== 'v2' ? (
            <Tooltip
              key={action}
              relationship="description"
              content={`${label.replace('…', '')} needs the HCS V2 API (computecore.dll); this app uses V1 (vmcompute.dll).`}
            >
              {button}
            </Tooltip>
          ) : (
            button
          );
        })}
        <ToolbarButton
          icon={<ClockRegular />}
          disabled={waiting || !!system.idProblem || !canWaitForExit(system)}
          onClick={() => void runOperation(api, store, { action: 'wait', id })}
        >
          {waiting ? 'Waiting for exit…' : 'Wait for exit'}
        </ToolbarButton>
      </Toolbar>
      {pending && <Spinner size="tiny" label={`${ACTION_PROGRESS[pending]} ${id}…`} />}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
      <SaveDialog id={id} open={dialog === 'save'} onClose={() => setDialog(null)} />
      <ModifyDialog id={id} open={dialog === 'modify'} onClose={() => setDialog(null)} />
    </div>
  );
}
