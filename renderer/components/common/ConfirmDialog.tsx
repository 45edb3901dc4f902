import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
}

/** An alert dialog that asks before something that cannot be undone; Escape or Cancel backs out. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  return (
    <Dialog modalType="alert" open={request !== null} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        {request && (
          <DialogBody>
            <DialogTitle>{request.title}</DialogTitle>
            <DialogContent>{request.body}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                onClick={() => {
                  onClose();
                  request.onConfirm();
                }}
              >
                {request.confirmLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}

/** The confirmations the lifecycle controls need, worded for one system or several. */
export function confirmationFor(
  action: 'shutdown' | 'terminate' | 'crash',
  ids: readonly string[],
  onConfirm: () => void,
): ConfirmRequest {
  const what = ids.length === 1 ? ids[0] : `${ids.length} systems`;
  if (action === 'crash') {
    return {
      title: `Crash ${what}?`,
      body: `HCS makes the guest crash, as a debugger would to take a crash dump: ${ids.length === 1 ? 'the system stops' : 'each system stops'} at once with an unexpected exit, its processes are killed and unsaved state is lost. HCS reports the crash and its report in the activity.`,
      confirmLabel: 'Crash',
      onConfirm,
    };
  }
  if (action === 'terminate') {
    return {
      title: `Terminate ${what}?`,
      body: `Terminating stops ${ids.length === 1 ? 'the system' : 'each system'} at once, without a clean shutdown; running processes are killed and unsaved state is lost.`,
      confirmLabel: 'Terminate',
      onConfirm,
    };
  }
  return {
    title: `Shut down ${what}?`,
    body: `The guest is asked to shut down cleanly. ${ids.length === 1 ? 'The system' : 'Each system'} then stops and can only be closed, not started again.`,
    confirmLabel: 'Shut down',
    onConfirm,
  };
}
