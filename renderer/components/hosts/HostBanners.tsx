import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import type { HostInfo } from '../../../src/contract/index.ts';
import { useApp } from '../../store/context.tsx';

function titleOf(host: HostInfo): string {
  switch (host.state) {
    case 'unreachable':
      return `${host.id} is unreachable — retrying; its systems show their last known state`;
    case 'untrusted':
      return `${host.id}: verify its certificate before connecting`;
    case 'refused':
      return host.refusal === 'certificate-changed'
        ? `${host.id}'s certificate has changed — not connected`
        : `${host.id} refused the connection`;
    default:
      return `Connecting to ${host.id}…`;
  }
}

/**
 * One banner per remote host that is not connected (never one for all): what is wrong with that host and a
 * way to act on it. A host still connecting for the first time shows none: its systems are not listed yet.
 */
export function HostBanners({ onManage }: { onManage: () => void }) {
  const hostsById = useApp((s) => s.hosts);
  const hosts = useMemo(
    () =>
      Object.values(hostsById)
        .filter((h) => h.state !== 'connected' && h.state !== 'connecting')
        .sort((a, b) => a.id.localeCompare(b.id)),
    [hostsById],
  );
  return hosts.map((host) => (
    <div key={host.id} role={host.state === 'refused' ? 'alert' : 'status'} aria-label={`Host ${host.id}`}>
      <MessageBar intent={host.state === 'refused' ? 'error' : 'warning'}>
        <MessageBarBody>
          <MessageBarTitle>{titleOf(host)}</MessageBarTitle>
          {host.reason}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onManage} aria-label={`Open hosts to act on ${host.id}`}>
            {host.state === 'untrusted' ? 'Verify…' : 'Hosts…'}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  ));
}
