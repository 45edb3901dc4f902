import type { RequestChannel } from './channels.ts';

/**
 * The requests that only read: what they return, or what a client follows (output, statistics). Every other
 * request changes something — a compute system, a process, the app's settings, its hosts — and web mode's
 * audit log records it (src/server/audit-log.ts). Read-only is the list, so a new channel is audited until
 * it is put here.
 */
export const READ_ONLY_CHANNELS: ReadonlySet<RequestChannel> = new Set<RequestChannel>([
  'systems.list',
  'systems.properties',
  'systems.createDocument',
  'systems.processes',
  'systems.waitExit',
  'operations.list',
  'service.status',
  'service.properties',
  'exec.list',
  'exec.attach',
  'exec.detach',
  'exec.ack',
  'processes.properties',
  'statistics.watch',
  'statistics.unwatch',
  'statistics.watchHost',
  'statistics.unwatchHost',
  'timeline.list',
  'hosts.list',
]);
