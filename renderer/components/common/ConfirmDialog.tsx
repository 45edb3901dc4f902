import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  // A destructive action's button is red, as Fluent's guidance asks for something that cannot be undone.
  destructive: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
  list: { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** A ticked system an action leaves out, and why (its state does not allow it, an operation is running…). */
export interface Skipped {
  id: string;
  reason: string;
}

/** How many systems a confirmation names before it says "and N more". */
const NAMED = 8;

/** The systems an action will run on, by name, and those it skips with the reason. */
export function SystemsNamed({
  ids,
  skipped = [],
}: {
  ids: readonly string[];
  skipped?: readonly Skipped[];
}) {
  const styles = useStyles();
  return (
    <>
      <ul className={styles.list} aria-label="Systems">
        {ids.slice(0, NAMED).map((id) => (
          <li key={id}>{id}</li>
        ))}
        {ids.length > NAMED && <li>and {ids.length - NAMED} more</li>}
      </ul>
      {skipped.length > 0 && (
        <>
          Skipped:
          <ul className={styles.list} aria-label="Skipped">
            {skipped.slice(0, NAMED).map((s) => (
              <li key={s.id}>
                {s.id}: {s.reason}
              </li>
            ))}
            {skipped.length > NAMED && <li>and {skipped.length - NAMED} more</li>}
          </ul>
        </>
      )}
    </>
  );
}

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Cannot be undone: the confirm button is styled as destructive. */
  destructive?: boolean;
}

/** An alert dialog that asks before something that cannot be undone; Escape or Cancel backs out. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const styles = useStyles();
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
                className={request.destructive ? styles.destructive : undefined}
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
  skipped: readonly Skipped[] = [],
): ConfirmRequest {
  const what = ids.length === 1 ? ids[0] : `${ids.length} systems`;
  // Several systems, or some left out: name them, so nobody terminates what they did not mean to.
  const named = (text: string): ReactNode =>
    ids.length > 1 || skipped.length > 0 ? (
      <>
        {text}
        <SystemsNamed ids={ids} skipped={skipped} />
      </>
    ) : (
      text
    );
  if (action === 'crash') {
    return {
      title: `Crash ${what}?`,
      destructive: true,
      body: named(
        `HCS makes the guest crash, as a debugger would to take a crash dump: ${ids.length === 1 ? 'the system stops' : 'each system stops'} at once with an unexpected exit, its processes are killed and unsaved state is lost. HCS reports the crash and its report in the activity.`,
      ),
      confirmLabel: 'Crash',
      onConfirm,
    };
  }
  if (action === 'terminate') {
    return {
      title: `Terminate ${what}?`,
      destructive: true,
      body: named(
        `Terminating stops ${ids.length === 1 ? 'the system' : 'each system'} at once, without a clean shutdown; running processes are killed and unsaved state is lost.`,
      ),
      confirmLabel: 'Terminate',
      onConfirm,
    };
  }
  return {
    title: `Shut down ${what}?`,
    destructive: true,
    body: named(
      `The guest is asked to shut down cleanly. ${ids.length === 1 ? 'The system' : 'Each system'} then stops and can only be closed, not started again.`,
    ),
    confirmLabel: 'Shut down',
    onConfirm,
  };
}
