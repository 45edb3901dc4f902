import {
  ContractError,
  ErrorInfo,
  decodeOutputFrame,
  parseEvent,
  parseResponse,
  qualify,
  type EventChannel,
  type ExecSession,
  type HostCertificate,
  type HostInfo,
  type HostRefusal,
  type HostState,
  type Operation,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type ServiceStatus,
  type SystemSummary,
  type TimelineEntry,
  type TokenStorage,
} from '../../contract/index.ts';
import { Backoff } from '../../base/index.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import { OperationRecord } from '../operation-record.ts';
import type { AppEvent, EventHub } from '../events.ts';
import { Ring } from '../statistics/ring.ts';
import type { SavedHost } from './host-store.ts';
import type { DialResult, RemoteDialer, RemoteSocket } from './remote-link.ts';
import { RemoteOutputs } from './remote-outputs.ts';
import { RemoteWatches } from './remote-watches.ts';
import {
  isRelayed,
  isRemoteSessionId,
  qualifyEntry,
  qualifyOperation,
  qualifySession,
  qualifySummary,
} from './rewrite.ts';
import type { Scheduler } from './scheduler.ts';

export interface RemoteHostLimits {
  /** First retry after this long, doubling up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** Connect, TLS handshake and upgrade. */
  dialTimeoutMs: number;
  /** From the upgrade to the host's list (its first message). */
  syncTimeoutMs: number;
  /** A request's answer. */
  requestTimeoutMs: number;
  /** The host's timeline entries kept here. */
  timelineCapacity: number;
}

export const DEFAULT_REMOTE_LIMITS: RemoteHostLimits = {
  retryInitialMs: 1000,
  retryMaxMs: 60_000,
  dialTimeoutMs: 15_000,
  syncTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  timelineCapacity: 1000,
};

export interface RemoteHostDeps {
  dialer: RemoteDialer;
  /** The stream of every remote host's events (the core's transports subscribe to it). */
  events: EventHub;
  scheduler: Scheduler;
  /** The local timeline's sequence: a remote entry is numbered among the local ones. */
  nextTimelineSeq(): number;
  tokenStorage: TokenStorage;
  limits: RemoteHostLimits;
}

interface Pending {
  channel: RequestChannel;
  resolve(value: unknown): void;
  reject(error: AppError): void;
  cancel(): void;
}

/** A request the host is asked on the core's behalf, its answer validated by the contract. */
type Ask = <C extends RequestChannel>(channel: C, payload: RequestOf<C>) => Promise<ResponseOf<C>>;

/**
 * One remote host: a client of its web-mode server over one WebSocket, speaking the contract. It keeps the
 * connection (states, retries with backoff, the pinned certificate, the token), validates every answer and
 * event the host sends with the contract's schemas (the host is untrusted input: what fails is dropped and
 * said once, a list it cannot read refuses the host), and passes the host's events on with their keys
 * qualified. It mirrors what the page needs when the host is away or a page connects: the host's systems,
 * operations, exec sessions and timeline. A host that goes away keeps its systems (the page marks them by
 * the host's state) until it is back.
 */
export class RemoteHost {
  private state: HostState = 'connecting';
  private refusal: HostRefusal | null = null;
  private reason: string | null = null;
  private presented: HostCertificate | null = null;
  private retryAt: number | null = null;
  private since: number;
  private service: ServiceStatus | null = null;
  /** Whether the host's list has been seen (its systems are then shown, live or marked, until it is removed). */
  private listed = false;

  private socket: RemoteSocket | null = null;
  /** Bumped by every dial and by stop: callbacks of an older socket are ignored. */
  private generation = 0;
  private stopped = false;
  private cancelRetry: (() => void) | null = null;
  private cancelSync: (() => void) | null = null;
  private readonly backoff: Backoff;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Invalid messages are said once per connection (a host of another version would say it thousands of times). */
  private warned = false;

  private readonly systems = new Map<string, SystemSummary>();
  private readonly operations = new OperationRecord();
  private readonly sessions = new Map<string, ExecSession>();
  private readonly timeline: Ring<TimelineEntry>;
  /** The host's seq of the newest timeline entry taken (and its time, to tell a restarted host). */
  private timelineMark: { seq: number; at: number } | null = null;
  /** Entries that arrive while the host's timeline is being read after a connect. */
  private timelineBuffer: TimelineEntry[] | null = null;

  readonly outputs: RemoteOutputs;
  readonly watches: RemoteWatches;

  constructor(
    private config: SavedHost,
    private readonly deps: RemoteHostDeps,
  ) {
    this.since = deps.scheduler.now();
    this.backoff = new Backoff({
      initialMs: deps.limits.retryInitialMs,
      maxMs: deps.limits.retryMaxMs,
      factor: 2,
      jitter: 0,
    });
    this.timeline = new Ring(deps.limits.timelineCapacity);
    this.outputs = new RemoteOutputs(config.id, {
      attach: (sessionId) => this.ask('exec.attach', { sessionId }),
      detach: (sessionId) => this.tell('exec.detach', { sessionId }),
      ack: (sessionId, bytes) => this.tell('exec.ack', { sessionId, bytes }),
    });
    this.watches = new RemoteWatches(config.id, {
      watch: (id) => this.ask('statistics.watch', { id }),
      unwatch: (id) => this.tell('statistics.unwatch', { id }),
      watchHost: () => this.ask('statistics.watchHost', {}),
      unwatchHost: () => this.tell('statistics.unwatchHost', {}),
    });
  }

  get id(): string {
    return this.config.id;
  }

  get saved(): SavedHost {
    return { ...this.config };
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  info(): HostInfo {
    return {
      id: this.config.id,
      name: this.config.name,
      origin: this.config.origin,
      state: this.state,
      refusal: this.refusal,
      reason: this.reason,
      pinned: this.config.pinned,
      presented: this.presented,
      retryAt: this.retryAt,
      since: this.since,
      service: this.service,
      tokenStorage: this.deps.tokenStorage,
    };
  }

  /** Begin connecting (a host just added or loaded). */
  start(): void {
    void this.connect();
  }

  /** Pin the certificate the host presented, if it is the one the person saw, and connect. */
  trust(fingerprint: string): HostInfo {
    if (!this.presented) {
      throw new AppError(
        appErrorInfo(`${this.config.name} has presented no certificate to trust.`, 'Connect to it first.'),
      );
    }
    if (this.presented.fingerprint !== fingerprint) {
      throw new AppError(
        appErrorInfo(
          `${this.config.name} presents the certificate ${this.presented.fingerprint}, not ${fingerprint}.`,
          'Nothing was pinned. Look at the certificate it presents now before trusting it.',
        ),
      );
    }
    this.config = { ...this.config, pinned: this.presented };
    this.presented = null;
    void this.connect();
    return this.info();
  }

  setToken(token: string): HostInfo {
    this.config = { ...this.config, token };
    void this.connect();
    return this.info();
  }

  reconnect(): HostInfo {
    void this.connect();
    return this.info();
  }

  /** Disconnect for good (removed, or the app stops): pending requests fail, nothing more is emitted. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.cancelRetry?.();
    this.cancelSync?.();
    this.closeSocket(`${this.config.name} was removed.`);
  }

  // ---- what the core asks -------------------------------------------------------------------------------------

  /** A request for the host, its answer validated; rejects with AppError (the host's own, or why not sent). */
  request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    if (this.state !== 'connected') return Promise.reject(new AppError(this.unavailable()));
    return this.ask(channel, payload);
  }

  /** Throws the AppError that says why the host cannot be asked now. */
  ensureConnected(): void {
    if (this.state !== 'connected') throw new AppError(this.unavailable());
  }

  listSystems(): SystemSummary[] {
    return [...this.systems.values()];
  }

  listOperations(): Operation[] {
    return [...this.operations.values()];
  }

  listSessions(): ExecSession[] {
    return [...this.sessions.values()];
  }

  listTimeline(): TimelineEntry[] {
    return this.timeline.toArray();
  }

  get timelineCapacity(): number {
    return this.timeline.capacity;
  }

  /** What a page that connects now needs of this host: its state and, once it has been seen, its systems. */
  initialEvents(): AppEvent[] {
    const events: AppEvent[] = [{ channel: 'hosts.changed', payload: { host: this.info() } }];
    if (this.listed) {
      events.push({
        channel: 'systems.snapshot',
        payload: { host: this.config.id, systems: this.listSystems() },
      });
    }
    return events;
  }

  // ---- the connection -----------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.cancelSync?.();
    this.cancelSync = null;
    this.closeSocket(`the connection to ${this.config.name} was restarted`);
    const generation = ++this.generation;
    const token = this.config.token;
    if (token === null) {
      this.refuse(
        'no-token',
        `The token of ${this.config.name} was not saved (this system offers no encryption for it). Enter it again.`,
      );
      return;
    }
    this.setState('connecting', null, null);
    let seen: HostCertificate | null = null;
    let result: DialResult;
    try {
      result = await this.deps.dialer.dial({
        origin: this.config.origin,
        token,
        timeoutMs: this.deps.limits.dialTimeoutMs,
        accept: (certificate) => {
          seen = certificate;
          if (generation !== this.generation) return false;
          if (!this.config.origin.startsWith('https:')) return certificate === null;
          const pinned = this.config.pinned;
          return certificate !== null && pinned !== null && certificate.fingerprint === pinned.fingerprint;
        },
        handlers: {
          message: (data) => {
            if (generation === this.generation) this.onMessage(data);
          },
          closed: (code) => {
            if (generation === this.generation) this.onClosed(code);
          },
        },
      });
    } catch (e) {
      result = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    if (generation !== this.generation) {
      if (result.kind === 'open') result.socket.close();
      return;
    }
    switch (result.kind) {
      case 'open':
        this.opened(result.socket);
        return;
      case 'declined':
        this.declined(result.certificate ?? seen);
        return;
      case 'http':
        this.answeredHttp(result.status);
        return;
      case 'failed':
        this.unreachable(result.message);
        return;
    }
  }

  private opened(socket: RemoteSocket): void {
    this.socket = socket;
    this.warned = false;
    // Connected but not yet live: the host's first message is its list.
    this.cancelSync = this.deps.scheduler.after(this.deps.limits.syncTimeoutMs, () => {
      this.cancelSync = null;
      if (this.state !== 'connecting' || this.socket !== socket) return;
      this.closeSocket(`${this.config.name} sent no list`);
      this.unreachable(
        `${this.config.name} accepted the connection but sent no list within ${Math.round(this.deps.limits.syncTimeoutMs / 1000)} s.`,
      );
    });
  }

  private declined(certificate: HostCertificate | null): void {
    this.presented = certificate;
    if (certificate === null) {
      this.refuse('protocol', `${this.config.origin} presented no certificate.`);
      return;
    }
    const pinned = this.config.pinned;
    if (pinned === null) {
      this.setState(
        'untrusted',
        null,
        `First connection to ${this.config.name}: its certificate's SHA-256 fingerprint is ${certificate.fingerprint}. Trust it only if it is the fingerprint the host printed (or its administrator gave you). Nothing has been sent to it.`,
      );
      return;
    }
    this.refuse(
      'certificate-changed',
      `The certificate of ${this.config.name} has changed: the pinned one has the SHA-256 fingerprint ${pinned.fingerprint}, the host now presents ${certificate.fingerprint}. Someone may be intercepting the connection, or the host's certificate was replaced. Nothing was sent (not the token either). Check the new fingerprint with the host's administrator before trusting it.`,
    );
  }

  private answeredHttp(status: number): void {
    if (status === 401) {
      this.refuse(
        'token',
        `${this.config.name} refused the token (HTTP 401). Enter the token its web mode printed; HCS Desktop will not try again until then.`,
      );
    } else if (status === 403 || status === 421) {
      this.refuse(
        'forbidden',
        `${this.config.name} refused the connection (HTTP ${status}): it answers to another name or origin. Use the address its web mode printed.`,
      );
    } else if (status >= 500) {
      this.unreachable(`${this.config.name} answered HTTP ${status}.`);
    } else {
      this.refuse(
        'protocol',
        `${this.config.origin} answered HTTP ${status}: it is not an HCS Desktop web-mode server.`,
      );
    }
  }

  private onClosed(code: number): void {
    this.socket = null;
    this.cancelSync?.();
    this.cancelSync = null;
    this.failPending(`The connection to ${this.config.name} was lost.`);
    this.outputs.disconnected();
    if (this.state === 'refused' || this.state === 'untrusted') return;
    this.unreachable(`The connection to ${this.config.name} closed (WebSocket code ${code}).`);
  }

  private unreachable(message: string): void {
    const delay = this.backoff.next();
    this.retryAt = this.deps.scheduler.now() + delay;
    this.setState('unreachable', null, message);
    this.cancelRetry = this.deps.scheduler.after(delay, () => {
      this.cancelRetry = null;
      void this.connect();
    });
  }

  /** Refused: no retry until the person does something (a new token, a trust, reconnect). */
  private refuse(refusal: HostRefusal, message: string): void {
    this.closeSocket(message);
    this.setState('refused', refusal, message);
  }

  private setState(state: HostState, refusal: HostRefusal | null, reason: string | null): void {
    if (state !== 'unreachable') this.retryAt = null;
    // A certificate presented and not trusted is shown while the host waits for the person, no longer.
    if (state !== 'untrusted' && state !== 'refused') this.presented = null;
    if (state !== this.state) this.since = this.deps.scheduler.now();
    this.state = state;
    this.refusal = refusal;
    this.reason = reason;
    this.deps.events.emit('hosts.changed', { host: this.info() });
  }

  private closeSocket(why: string): void {
    const socket = this.socket;
    this.socket = null;
    this.failPending(why);
    if (socket) {
      this.outputs.disconnected();
      socket.close();
    }
  }

  private failPending(why: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.cancel();
      p.reject(new AppError(appErrorInfo(why, 'The request may or may not have been carried out.')));
    }
  }

  private unavailable() {
    const state =
      this.state === 'connecting'
        ? 'still connecting'
        : this.state === 'untrusted'
          ? 'not trusted yet'
          : this.state;
    return appErrorInfo(
      `${this.config.name} is ${state}.`,
      `${this.reason ?? ''} The request was not sent.`.trim(),
    );
  }

  // ---- the wire -----------------------------------------------------------------------------------------------

  /** A request on the open socket, whatever the state (the sync after a connect uses it). */
  private ask: Ask = (channel, payload) => {
    const socket = this.socket;
    if (!socket) return Promise.reject(new AppError(this.unavailable()));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const cancel = this.deps.scheduler.after(this.deps.limits.requestTimeoutMs, () => {
        if (!this.pending.delete(id)) return;
        reject(
          new AppError(
            appErrorInfo(
              `${this.config.name} did not answer ${channel} within ${Math.round(this.deps.limits.requestTimeoutMs / 1000)} s.`,
            ),
          ),
        );
      });
      this.pending.set(id, { channel, resolve: resolve as (v: unknown) => void, reject, cancel });
      socket.send(JSON.stringify({ t: 'req', id, channel, payload }));
    });
  };

  /** A request whose answer nobody waits for (detach, ack, unwatch); a failure is only logged. */
  private tell<C extends RequestChannel>(channel: C, payload: RequestOf<C>): void {
    if (!this.socket) return;
    this.ask(channel, payload).catch((e: unknown) => {
      if (this.socket) console.warn(`hcs-desktop: ${this.config.name}: ${channel} failed: ${String(e)}`);
    });
  }

  private onMessage(data: string | Uint8Array): void {
    if (typeof data !== 'string') {
      try {
        this.outputs.frame(decodeOutputFrame(data));
      } catch (e) {
        this.invalid(`an output frame: ${(e as Error).message}`);
      }
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      this.invalid('a message that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.invalid('a message that is not an object');
      return;
    }
    const m = message as Record<string, unknown>;
    if (m.t === 'res') this.onAnswer(m);
    else if (m.t === 'evt') this.onEvent(m.channel, m.payload);
    else this.invalid('a message that is neither an answer nor an event');
  }

  private onAnswer(m: Record<string, unknown>): void {
    const pending = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
    if (!pending) {
      this.invalid('an answer to no request');
      return;
    }
    this.pending.delete(m.id as number);
    pending.cancel();
    if (m.ok === true) {
      try {
        pending.resolve(parseResponse(pending.channel, m.result));
      } catch (e) {
        const detail = e instanceof ContractError ? e.message : String(e);
        this.invalid(`an answer to ${pending.channel}: ${detail}`);
        pending.reject(
          new AppError(
            appErrorInfo(
              `${this.config.name} sent an answer to ${pending.channel} this version cannot read.`,
              detail,
            ),
          ),
        );
      }
      return;
    }
    const error = ErrorInfo.safeParse(m.error);
    pending.reject(
      new AppError(
        error.success
          ? { ...error.data, message: `${this.config.name}: ${error.data.message}` }
          : appErrorInfo(`${this.config.name} refused ${pending.channel} without a readable reason.`),
      ),
    );
  }

  private onEvent(channel: unknown, payload: unknown): void {
    let event: AppEvent;
    try {
      event = parseEvent<EventChannel>(channel, payload) as AppEvent;
    } catch (e) {
      if (channel === 'systems.snapshot' && this.state === 'connecting') {
        this.refuse(
          'protocol',
          `${this.config.name} sent a list this version of HCS Desktop cannot read: ${(e as Error).message}`,
        );
        return;
      }
      this.invalid(`an event: ${(e as Error).message}`);
      return;
    }
    this.follow(event);
  }

  /** Dropped, and said once per connection: a host of another version could send thousands. */
  private invalid(what: string): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(
      `hcs-desktop: ${this.config.name} sent ${what.slice(0, 300)} (dropped; further invalid messages are dropped silently)`,
    );
  }

  // ---- the host's events --------------------------------------------------------------------------------------

  private follow(event: AppEvent): void {
    const host = this.config.id;
    const emit = this.deps.events;
    switch (event.channel) {
      case 'systems.snapshot':
        // A snapshot with a host is one the host relays from another host.
        if (event.payload.host !== undefined) return;
        this.snapshot(event.payload.systems);
        return;
      case 'systems.changed': {
        const system = event.payload.system;
        if (isRelayed(system.id)) return;
        const qualified = qualifySummary(host, system);
        this.systems.set(system.id, qualified);
        emit.emit('systems.changed', { system: qualified });
        return;
      }
      case 'systems.removed':
        if (isRelayed(event.payload.id)) return;
        this.systems.delete(event.payload.id);
        emit.emit('systems.removed', { id: qualify(host, event.payload.id) });
        return;
      case 'operations.changed':
        this.operation(event.payload.operation, true);
        return;
      case 'service.changed':
        this.service = event.payload.status;
        emit.emit('hosts.changed', { host: this.info() });
        return;
      case 'systems.notification':
        if (isRelayed(event.payload.id)) return;
        emit.emit('systems.notification', { ...event.payload, id: qualify(host, event.payload.id) });
        return;
      case 'exec.changed':
        this.session(event.payload.session, true);
        return;
      case 'exec.removed':
        this.sessionRemoved(event.payload.sessionId);
        return;
      case 'statistics.update':
        this.watches.update(event.payload);
        return;
      case 'statistics.host':
        this.watches.hostUpdate(event.payload);
        return;
      case 'timeline.appended':
        if (this.timelineBuffer) this.timelineBuffer.push(...event.payload.entries);
        else this.ingest(event.payload.entries);
        return;
      default:
      // hosts.* (the host's own remote hosts) and app.showSystem are not ours to pass on.
    }
  }

  private snapshot(systems: readonly SystemSummary[]): void {
    const host = this.config.id;
    this.systems.clear();
    for (const system of systems) {
      if (!isRelayed(system.id)) this.systems.set(system.id, qualifySummary(host, system));
    }
    const first = this.state === 'connecting';
    this.listed = true;
    if (first) {
      this.cancelSync?.();
      this.cancelSync = null;
      this.backoff.reset();
      this.setState('connected', null, null);
    }
    this.deps.events.emit('systems.snapshot', { host, systems: this.listSystems() });
    if (first) void this.sync();
  }

  /** After a connect: what happened while away (operations, sessions, timeline), and our attachments again. */
  private async sync(): Promise<void> {
    const socket = this.socket;
    this.timelineBuffer = [];
    this.outputs.reconnected();
    this.watches.reconnected();
    try {
      const [operations, sessions, timeline] = await Promise.all([
        this.ask('operations.list', {}),
        this.ask('exec.list', {}),
        this.ask('timeline.list', {}),
      ]);
      if (socket !== this.socket) return;
      for (const operation of operations) this.operation(operation, false);
      const present = new Set<string>();
      for (const session of sessions) {
        present.add(session.sessionId);
        this.session(session, false);
      }
      for (const sessionId of [...this.sessions.keys()]) {
        if (!present.has(sessionId)) this.sessionRemoved(sessionId);
      }
      this.catchUpTimeline(timeline.entries);
    } catch (e) {
      if (socket === this.socket) this.invalid(`no answer to the sync after connecting: ${String(e)}`);
    } finally {
      const buffered = this.timelineBuffer ?? [];
      this.timelineBuffer = null;
      if (socket === this.socket) this.ingest(buffered);
    }
  }

  private operation(operation: Operation, live: boolean): void {
    if (isRelayed(operation.opId) || isRelayed(operation.systemId)) return;
    const qualified = qualifyOperation(this.config.id, operation);
    const before = this.operations.get(operation.opId);
    if (!live && before && before.status === qualified.status) return;
    this.operations.set(qualified);
    this.deps.events.emit('operations.changed', { operation: qualified });
  }

  private session(session: ExecSession, live: boolean): void {
    if (!isRemoteSessionId(session.sessionId) || isRelayed(session.systemId)) return;
    const qualified = qualifySession(this.config.id, session);
    const before = this.sessions.get(session.sessionId);
    if (!live && before && JSON.stringify(before) === JSON.stringify(qualified)) return;
    this.sessions.set(session.sessionId, qualified);
    this.deps.events.emit('exec.changed', { session: qualified });
  }

  private sessionRemoved(sessionId: string): void {
    if (!isRemoteSessionId(sessionId)) return;
    this.outputs.dropped(sessionId);
    if (!this.sessions.delete(sessionId)) return;
    this.deps.events.emit('exec.removed', { sessionId: qualify(this.config.id, sessionId) });
  }

  /**
   * The host's timeline as read after a connect: only what is newer than what was taken before — unless the
   * host restarted (its sequence began again), when all of it is new.
   */
  private catchUpTimeline(entries: readonly TimelineEntry[]): void {
    const mark = this.timelineMark;
    if (mark !== null) {
      const same = entries.find((e) => e.seq === mark.seq);
      const restarted = same ? same.at !== mark.at : entries.every((e) => e.seq < mark.seq);
      if (restarted) this.timelineMark = null;
    }
    this.ingest(entries);
  }

  /** Entries newer than the mark, in the local sequence. */
  private ingest(entries: readonly TimelineEntry[]): void {
    const host = this.config.id;
    const added: TimelineEntry[] = [];
    for (const entry of entries) {
      if (this.timelineMark !== null && entry.seq <= this.timelineMark.seq) continue;
      this.timelineMark = { seq: entry.seq, at: entry.at };
      if (isRelayed(entry.systemId)) continue;
      const local = qualifyEntry(host, entry, this.deps.nextTimelineSeq());
      this.timeline.push(local);
      added.push(local);
    }
    if (added.length > 0) this.deps.events.emit('timeline.appended', { entries: added });
  }
}
