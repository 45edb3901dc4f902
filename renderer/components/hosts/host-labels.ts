import type { HostInfo, HostState } from '../../../src/contract/index.ts';

/** A host's state in a word or two, for a badge and a switcher option. */
export const HOST_STATE_LABEL: Record<HostState, string> = {
  connecting: 'connecting',
  connected: 'connected',
  unreachable: 'unreachable',
  untrusted: 'certificate to verify',
  refused: 'refused',
};

export const HOST_STATE_COLOR: Record<HostState, 'informative' | 'success' | 'warning' | 'danger'> = {
  connecting: 'informative',
  connected: 'success',
  unreachable: 'warning',
  untrusted: 'warning',
  refused: 'danger',
};

/** "build-3 (https://build-3:7380)" when the name is not already the origin's host. */
export function hostTitle(host: HostInfo): string {
  return host.name === host.id ? host.name : `${host.name} (${host.id})`;
}
