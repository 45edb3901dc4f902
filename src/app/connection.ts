import type {
  EventOf,
  ExecReplay,
  ExecSession,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../contract/index.ts';
import { AppError, errorInfoOf } from './error-info.ts';
import type { AppEvent } from './events.ts';
import type { ExecManager, OutputCarrier } from './exec/index.ts';
import type { HostWatcher, StatisticsHub, StatisticsWatcher } from './statistics/index.ts';
import type { HostRouter, RemoteHosts } from './hosts/index.ts';

/** The remote hosts, for a connection's requests about their sessions and statistics. */
export interface ConnectionHosts {
  hosts: RemoteHosts;
  router: HostRouter;
}

/**
 * What a transport holds per connection (a WebSocket, a window's page load): every request goes through
 * `handle`; `close` when the connection goes: its attachments and statistics watches go with it.
 */
export interface CoreConnection {
  /** Run an ALREADY-VALIDATED request (the transport called `parseRequest`); rejects with AppError. */
  handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

/**
 * The requests only a connection can answer: they name its output carrier (src/contract/exec.ts) or its
 * statistics watches (src/contract/statistics.ts).
 */
export const CONNECTION_CHANNELS: ReadonlySet<RequestChannel> = new Set<RequestChannel>([
  'exec.attach',
  'exec.detach',
  'exec.ack',
  'statistics.watch',
  'statistics.unwatch',
  'statistics.watchHost',
  'statistics.unwatchHost',
]);

type CoreHandle = <C extends RequestChannel>(channel: C, payload: RequestOf<C>) => Promise<ResponseOf<C>>;

/**
 * The one place a connection's requests are routed. Output requests (attach, detach, ack) act on this
 * connection's own attachments, statistics requests on its own watches; every other request goes to the
 * core. It is also the connection's output carrier: the sessions it is attached to deliver their frames to
 * `sink`, and closing it detaches them all, so a connection that went away no longer holds any process's
 * output back; and the watcher of its statistics, delivered to `sendEvent` (this connection only).
 */
export class Connection implements CoreConnection, OutputCarrier, StatisticsWatcher, HostWatcher {
  private readonly attached = new Set<string>();
  private readonly unregister: () => void;
  private closed = false;

  constructor(
    private readonly core: CoreHandle,
    private readonly exec: ExecManager,
    private readonly statistics: StatisticsHub,
    private readonly sink: (frame: Uint8Array) => void,
    private readonly sendEvent: (event: AppEvent) => void,
    private readonly remote: ConnectionHosts | null = null,
  ) {
    this.unregister = exec.register(this);
  }

  handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!CONNECTION_CHANNELS.has(channel)) return this.core(channel, payload);
    if (this.remote && !this.closed) {
      // A remote host's session or system: its outputs and watches, on this connection's behalf.
      const routed = this.remote.router.connection(this, channel, payload);
      if (routed) return routed as Promise<ResponseOf<C>>;
    }
    try {
      return Promise.resolve(this.own(channel, payload) as ResponseOf<C>);
    } catch (e) {
      return Promise.reject(e instanceof AppError ? e : new AppError(errorInfoOf(e)));
    }
  }

  deliver(frame: Uint8Array): void {
    if (!this.closed) this.sink(frame);
  }

  statisticsUpdate(payload: EventOf<'statistics.update'>): void {
    if (!this.closed) this.sendEvent({ channel: 'statistics.update', payload });
  }

  hostStatistics(payload: EventOf<'statistics.host'>): void {
    if (!this.closed) this.sendEvent({ channel: 'statistics.host', payload });
  }

  /** The session went away (forgotten): nothing to detach any more. */
  dropped(sessionId: string): void {
    this.attached.delete(sessionId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sessionId of this.attached) this.exec.detach(this, sessionId);
    this.attached.clear();
    this.statistics.unwatchAll(this);
    this.remote?.hosts.release(this);
    this.unregister();
  }

  private own(channel: RequestChannel, payload: unknown): unknown {
    switch (channel) {
      case 'exec.attach':
        return this.attach((payload as RequestOf<'exec.attach'>).sessionId);
      case 'exec.detach': {
        const { sessionId } = payload as RequestOf<'exec.detach'>;
        this.attached.delete(sessionId);
        this.exec.detach(this, sessionId);
        return {};
      }
      case 'exec.ack': {
        const { sessionId, bytes } = payload as RequestOf<'exec.ack'>;
        this.exec.ack(this, sessionId, bytes);
        return {};
      }
      case 'statistics.watch':
        if (this.closed) throw new Error('this connection is closed');
        return this.statistics.watch(this, (payload as RequestOf<'statistics.watch'>).id);
      case 'statistics.unwatch':
        this.statistics.unwatch(this, (payload as RequestOf<'statistics.unwatch'>).id);
        return {};
      case 'statistics.watchHost':
        if (this.closed) throw new Error('this connection is closed');
        // Every host's figures: this one's in the answer, the remote hosts' as `statistics.host` events.
        this.remote?.hosts.watchHost(this);
        return this.statistics.watchHost(this);
      case 'statistics.unwatchHost':
        this.remote?.hosts.unwatchHost(this);
        this.statistics.unwatchHost(this);
        return {};
      default:
        throw new Error(`${channel} is not a connection's request`);
    }
  }

  private attach(sessionId: string): { session: ExecSession; replay: ExecReplay } {
    if (this.closed) throw new Error('this connection is closed');
    const answer = this.exec.attach(this, sessionId);
    this.attached.add(sessionId);
    return answer;
  }
}
