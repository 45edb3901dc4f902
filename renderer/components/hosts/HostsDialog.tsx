import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { useApp } from '../../store/context.tsx';
import { AddHostForm } from './AddHostForm.tsx';
import { HostCard } from './HostCard.tsx';
import { useHostActions } from './use-host-actions.ts';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hosts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  section: { margin: 0, fontSize: tokens.fontSizeBase400 },
});

/**
 * The hosts this window shows besides its own: each with its state and what to do about it (trust its
 * certificate, give a new token, reconnect, remove), and a form to add one.
 */
export function HostsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const actions = useHostActions();
  const hostsById = useApp((s) => s.hosts);
  const hosts = useMemo(() => Object.values(hostsById).sort((a, b) => a.id.localeCompare(b.id)), [hostsById]);
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Hosts</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              Other Windows hosts running HCS Desktop&apos;s web mode. Their systems are listed with this
              host&apos;s; each connection is checked against the certificate you trusted for it.
            </Text>
            <div className={styles.hosts} role="list" aria-label="Remote hosts">
              {hosts.length === 0 && <Text role="listitem">No remote hosts yet.</Text>}
              {hosts.map((host) => (
                <div role="listitem" key={host.id}>
                  <HostCard host={host} actions={actions} />
                </div>
              ))}
            </div>
            <h3 className={styles.section}>Add a host</h3>
            <AddHostForm actions={actions} />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
