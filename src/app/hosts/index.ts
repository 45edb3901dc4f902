// Other hosts: the app core as a client of their web-mode servers (src/contract/hosts.ts).
export { HostRouter } from './host-router.ts';
export { RemoteHosts, type HostsSetup } from './remote-hosts.ts';
export type { HostStore, SavedHost } from './host-store.ts';
export type { DialRequest, DialResult, RemoteDialer, RemoteSocket } from './remote-link.ts';
