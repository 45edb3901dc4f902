import {
  qualify,
  splitQualified,
  type ExecSession,
  type RequestChannel,
  type RequestOf,
} from '../../contract/index.ts';
import type { RemoteHost } from './remote-host.ts';
import type { RemoteClient, RemoteHosts } from './remote-hosts.ts';
import { qualifySession } from './rewrite.ts';

/** The host and its own key of a request that names a remote system (`id`) or session (`sessionId`). */
function remoteKey(payload: unknown): { host: string; key: string; field: 'id' | 'sessionId' } | null {
  const p = payload as { id?: unknown; sessionId?: unknown };
  // One character compare for a local request: the single-host path stays as it was.
  if (typeof p.id === 'string') {
    if (p.id.charCodeAt(0) !== 64 /* @ */) return null;
    const q = splitQualified(p.id);
    return q && { ...q, field: 'id' };
  }
  if (typeof p.sessionId === 'string') {
    if (p.sessionId.charCodeAt(0) !== 64) return null;
    const q = splitQualified(p.sessionId);
    return q && { ...q, field: 'sessionId' };
  }
  return null;
}

/**
 * Requests that name a remote host's system or session go to that host with the host's own key, and its
 * answer comes back with its keys qualified (an operation's id, a session). Every other request is the local
 * core's. Requests a connection answers itself (exec attach/detach/ack, statistics watches) go to the host's
 * outputs and watches on that connection's behalf.
 */
export class HostRouter {
  constructor(private readonly hosts: RemoteHosts) {}

  /** The answer of a core request for a remote host, or null when the request is the local host's. */
  core(channel: RequestChannel, payload: unknown): Promise<unknown> | null {
    const target = remoteKey(payload);
    if (!target) return null;
    return this.forward(target.host, target.key, target.field, channel, payload);
  }

  /** The same for a connection's own requests, on behalf of `client`. */
  connection(client: RemoteClient, channel: RequestChannel, payload: unknown): Promise<unknown> | null {
    const target = remoteKey(payload);
    if (!target) return null;
    return this.onBehalf(client, target.host, target.key, channel, payload);
  }

  private async forward(
    hostId: string,
    key: string,
    field: 'id' | 'sessionId',
    channel: RequestChannel,
    payload: unknown,
  ): Promise<unknown> {
    const host = this.hosts.get(hostId);
    const forwarded = { ...(payload as Record<string, unknown>), [field]: key } as RequestOf<typeof channel>;
    const answer = (await host.request(channel, forwarded)) as Record<string, unknown>;
    // The answers that carry a key of the host: an operation's id (every lifecycle request), a session.
    if (typeof answer.opId === 'string') return { ...answer, opId: qualify(hostId, answer.opId) };
    if (answer.session !== undefined) {
      return { ...answer, session: qualifySession(hostId, answer.session as ExecSession) };
    }
    return answer;
  }

  private async onBehalf(
    client: RemoteClient,
    hostId: string,
    key: string,
    channel: RequestChannel,
    payload: unknown,
  ): Promise<unknown> {
    const host: RemoteHost = this.hosts.get(hostId);
    switch (channel) {
      case 'exec.attach':
        host.ensureConnected();
        return host.outputs.attach(client, key);
      case 'exec.detach':
        host.outputs.detach(client, key);
        return {};
      case 'exec.ack':
        host.outputs.ack(client, key, (payload as RequestOf<'exec.ack'>).bytes);
        return {};
      case 'statistics.watch':
        host.ensureConnected();
        return host.watches.watch(client, key);
      case 'statistics.unwatch':
        host.watches.unwatch(client, key);
        return {};
      default:
        throw new Error(`${channel} is not a connection's request for a remote host`);
    }
  }
}
