import type {
  ErrorInfo,
  OperationAction,
  RequestChannel,
  RequestOf,
  ResponseOf,
  ServiceStatus,
  SystemState,
} from '../contract/index.ts';
import type { HcsPort, HcsPortSystem } from './hcs-port.ts';
import { elevationStatus, relaunchElevated, type Elevation } from './elevation.ts';
import { AppError, appErrorInfo, toErrorInfo } from './error-info.ts';
import { EventHub, type AppEvent, type AppEventListener } from './events.ts';
import { CONNECTION_CHANNELS, Connection, type CoreConnection } from './connection.ts';
import { ExecManager } from './exec/index.ts';
import { CreateDocuments } from './create-documents.ts';
import { explainCreateFailure } from './create-failure.ts';
import { OperationLog } from './operations.ts';
import { StatisticsHub } from './statistics/index.ts';
import { SystemRegistry } from './registry.ts';
import { isInvalidStateFailure, staleActionInfo } from './stale-action.ts';
import { SettingsService, type Restarter, type SettingsStorage } from './settings.ts';
import { ServiceLink, type ServiceLinkOptions } from './service-link.ts';
import { SeqCounter, Timeline } from './timeline.ts';
import { HostRouter, RemoteHosts, type HostsSetup } from './hosts/index.ts';

export type AppCoreOptions = ServiceLinkOptions & {
  now?: () => number;
  /** How long `start` waits for the first enumeration before the app comes up "connecting" anyway. */
  startWaitMs?: number;
  /** Elevation as the entry point knows it (elevation.ts); without it `app.relaunchElevated` is refused. */
  elevation?: Elevation;
  /** How often a watched running system's statistics are sampled (default 1 s). */
  statisticsIntervalMs?: number;
  /** How long a system nobody watches any more is still sampled (default 30 s). */
  statisticsGraceMs?: number;
  /**
   * The host's logical processors, which a container's processor percentage is of (the entry point knows
   * the machine: src/host `hostProcessorCount`); 1 without it.
   */
  hostProcessors?: number;
  /**
   * The user's settings as the entry point read them (src/host `openSettingsFile`); without it they live in
   * memory. Their statistics interval applies unless `statisticsIntervalMs` (a flag) says otherwise at start.
   */
  settings?: SettingsStorage;
  /** How `app.restart` restarts the app, where the entry point can. */
  restart?: Restarter;
  /**
   * Other hosts this app connects to as a client (src/contract/hosts.ts): the network and where they are kept,
   * from the entry point (src/host). Without it, `hosts.*` requests are refused and only this host is shown.
   */
  hosts?: HostsSetup;
};

const DEFAULT_START_WAIT_MS = 10_000;

/** What a transport needs from the core. */
export interface AppCoreApi {
  /** Run an ALREADY-VALIDATED request (the transport called `parseRequest`); rejects with AppError. */
  handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Every event, for every window / socket. */
  subscribe(listener: AppEventListener): () => void;
  /** What a newly connected client needs first: the list and the service status. */
  initialEvents(): AppEvent[];
  /**
   * A transport connection (a WebSocket, a window's page load): `sendFrame` carries the output of the exec
   * sessions it attaches to as encoded frames (src/contract/exec.ts); `sendEvent` carries the events meant
   * for this connection alone (the statistics it watches), in addition to every `subscribe` event. Send its
   * requests through the connection's `handle`; `close` it when the connection goes.
   */
  connect(sendFrame: (frame: Uint8Array) => void, sendEvent: (event: AppEvent) => void): CoreConnection;
}

/** The requests the core answers; a connection answers the rest (`CONNECTION_CHANNELS`, connection.ts). */
type CoreChannel = Exclude<
  RequestChannel,
  | 'exec.attach'
  | 'exec.detach'
  | 'exec.ack'
  | 'statistics.watch'
  | 'statistics.unwatch'
  | 'statistics.watchHost'
  | 'statistics.unwatchHost'
>;
type Handlers = { [C in CoreChannel]: (payload: RequestOf<C>) => Promise<ResponseOf<C>> };

/** State an action leaves the system in once HCS reports it complete (shutdown/terminate end with SystemExited). */
const STATE_AFTER: Partial<Record<OperationAction, SystemState>> = {
  start: 'Running',
  pause: 'Paused',
  resume: 'Running',
};

/**
 * The app core, transport-free: the registry of compute systems, the operations on them, the connection to
 * HCS and one event stream. Electron IPC and the WebSocket server are thin adapters over `handle` and
 * `subscribe`.
 */
export class AppCore implements AppCoreApi {
  private readonly events = new EventHub();
  /** The remote hosts' events, their keys qualified: the transports get them beside the local ones. */
  private readonly remoteEvents = new EventHub();
  private readonly hosts: RemoteHosts | null;
  private readonly router: HostRouter | null;
  private readonly operations: OperationLog;
  private readonly registry: SystemRegistry;
  private readonly link: ServiceLink;
  private readonly handlers: Handlers;
  private readonly startWaitMs: number;
  private readonly exec: ExecManager;
  private readonly statistics: StatisticsHub;
  private readonly timeline: Timeline;
  private readonly createDocuments: CreateDocuments;
  private readonly settings: SettingsService;

  constructor(
    private readonly hcs: HcsPort,
    options: AppCoreOptions = {},
  ) {
    this.startWaitMs = options.startWaitMs ?? DEFAULT_START_WAIT_MS;
    // The timeline first: it sees every event the others emit, from the first one. Remote hosts' entries are
    // numbered in the same sequence.
    const timelineSeq = new SeqCounter();
    this.timeline = new Timeline(this.events, options.now, undefined, timelineSeq);
    this.hosts = options.hosts
      ? new RemoteHosts(options.hosts, this.remoteEvents, () => timelineSeq.next())
      : null;
    this.router = this.hosts && new HostRouter(this.hosts);
    this.createDocuments = new CreateDocuments(this.events, options.now);
    this.operations = new OperationLog(this.events, options.now);
    this.registry = new SystemRegistry(hcs, this.events, {
      serviceGone: (failure) => this.link.serviceGone(failure),
    });
    this.link = new ServiceLink(hcs, this.registry, this.events, {
      ...options,
      privilege: elevationStatus(options.elevation),
    });
    this.exec = new ExecManager({
      events: this.events,
      systemFor: (id) => this.registry.handleFor(id),
      osOf: (id) => this.registry.get(id)?.os ?? '',
      describe: (e) => this.failureInfo(e),
      now: options.now ?? Date.now,
    });
    this.settings = new SettingsService(this.events, options.settings, options.restart);
    this.statistics = new StatisticsHub(this.events, {
      systemFor: (id) => this.registry.handleFor(id),
      summaryOf: (id) => this.registry.get(id),
      listed: () => this.registry.list(),
      describe: (e) => this.failureInfo(e),
      now: options.now ?? Date.now,
      hostProcessors: options.hostProcessors ?? 1,
      intervalMs: options.statisticsIntervalMs ?? this.settings.settings.statistics.intervalMs,
      graceMs: options.statisticsGraceMs,
    });
    this.settings.onChange((settings, previous) => {
      if (settings.statistics.intervalMs !== previous.statistics.intervalMs)
        this.statistics.setIntervalMs(settings.statistics.intervalMs);
    });
    this.handlers = {
      'systems.list': async () =>
        this.hosts ? [...this.registry.list(), ...this.hosts.systems()] : this.registry.list(),
      'systems.create': async ({ id, document }) => this.create(id, document),
      'systems.start': async ({ id }) => this.lifecycle(id, 'start', (s) => s.start()),
      'systems.shutdown': async ({ id }) => this.lifecycle(id, 'shutdown', (s) => s.shutdown()),
      'systems.terminate': async ({ id }) => this.lifecycle(id, 'terminate', (s) => s.terminate()),
      'systems.pause': async ({ id }) => this.lifecycle(id, 'pause', (s) => s.pause()),
      'systems.resume': async ({ id }) => this.lifecycle(id, 'resume', (s) => s.resume()),
      'systems.save': async ({ id, options }) => this.lifecycle(id, 'save', (s) => s.save(options)),
      'systems.modify': async ({ id, request }) => this.lifecycle(id, 'modify', (s) => s.modify(request)),
      'systems.crash': async ({ id }) => this.lifecycle(id, 'crash', (s) => s.crash()),
      'systems.waitExit': async ({ id }) => this.waitExit(id),
      'systems.close': async ({ id }) => this.close(id),
      'systems.clearError': async ({ id }) => {
        this.registry.clearError(id);
        return {};
      },
      'systems.properties': async (request) => this.properties(request),
      'systems.createDocument': async ({ id }) => this.createDocuments.get(id),
      'operations.list': async () =>
        this.hosts ? [...this.operations.list(), ...this.hosts.operations()] : this.operations.list(),
      'timeline.list': async () => this.timelineList(),
      'service.status': async () => this.link.status(),
      'service.properties': async ({ host }) =>
        host === undefined
          ? this.serviceProperties()
          : this.remoteHosts().get(host).request('service.properties', {}),
      'settings.setPollInterval': async ({ ms }) => this.link.setPollInterval(ms),
      'settings.get': async () => this.settings.state(),
      'settings.update': (patch) => this.settings.update(patch),
      'settings.reset': () => this.settings.reset(),
      'app.restart': async () => {
        await this.settings.restart();
        return {};
      },
      ...this.exec.handlers,
      'exec.list': async () =>
        this.hosts ? [...this.exec.list(), ...this.hosts.sessions()] : this.exec.list(),
      'hosts.list': async () => this.hosts?.list() ?? [],
      'hosts.add': (request) => this.remoteHosts().add(request),
      'hosts.trust': ({ host, fingerprint }) => this.remoteHosts().trust(host, fingerprint),
      'hosts.setToken': ({ host, token }) => this.remoteHosts().setToken(host, token),
      'hosts.reconnect': async ({ host }) => this.remoteHosts().reconnect(host),
      'hosts.remove': async ({ host }) => {
        await this.remoteHosts().remove(host);
        return {};
      },
      'app.relaunchElevated': async () => {
        await relaunchElevated(options.elevation);
        return {};
      },
    };
  }

  /**
   * Connect: waits for the first enumeration (or its failure), so the first snapshot is complete, but not
   * longer than `startWaitMs`: a hung HCS must not keep the window or the server from coming up. Polling
   * goes on either way; the snapshot follows when HCS answers.
   */
  async start(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.startWaitMs);
      timer.unref?.();
    });
    await Promise.race([this.link.start(), bound]);
    clearTimeout(timer);
    // The saved hosts: read now, connected in the background (each has its own state).
    await this.hosts?.load();
  }

  /** Stop polling, end the exec sessions and close every handle. */
  async stop(): Promise<void> {
    this.hosts?.stop();
    this.statistics.stop();
    this.timeline.stop();
    this.createDocuments.stop();
    await this.exec.stop();
    await this.link.stop();
    await this.registry.stop();
  }

  handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    if (CONNECTION_CHANNELS.has(channel)) {
      return Promise.reject(
        new AppError(appErrorInfo('This request needs a connection that can carry output.')),
      );
    }
    // A remote host's system or session: that host answers.
    const remote = this.router?.core(channel, payload);
    if (remote) return remote as Promise<ResponseOf<C>>;
    const handler = Object.prototype.hasOwnProperty.call(this.handlers, channel)
      ? (this.handlers[channel as CoreChannel] as unknown as (p: RequestOf<C>) => Promise<ResponseOf<C>>)
      : undefined;
    if (!handler)
      return Promise.reject(new AppError(appErrorInfo(`unknown request ${String(channel).slice(0, 80)}`)));
    return handler(payload);
  }

  subscribe(listener: AppEventListener): () => void {
    const local = this.events.subscribe(listener);
    if (!this.hosts) return local;
    const remote = this.remoteEvents.subscribe(listener);
    return () => {
      local();
      remote();
    };
  }

  initialEvents(): AppEvent[] {
    return [
      { channel: 'systems.snapshot', payload: { systems: this.registry.list() } },
      { channel: 'service.changed', payload: { status: this.status() } },
      { channel: 'settings.changed', payload: this.settings.state() },
      ...(this.hosts?.initialEvents() ?? []),
    ];
  }

  connect(sendFrame: (frame: Uint8Array) => void, sendEvent: (event: AppEvent) => void): CoreConnection {
    return new Connection(
      (channel, payload) => this.handle(channel, payload),
      this.exec,
      this.statistics,
      sendFrame,
      sendEvent,
      this.hosts && this.router ? { hosts: this.hosts, router: this.router } : null,
    );
  }

  status(): ServiceStatus {
    return this.link.status();
  }

  /** Enumerate now instead of at the next tick (tests; a "refresh" button). */
  pollNow(): Promise<void> {
    return this.link.poll();
  }

  private remoteHosts(): RemoteHosts {
    if (!this.hosts) {
      throw new AppError(
        appErrorInfo(
          'This instance of HCS Desktop does not connect to other hosts.',
          'Its entry point gave it no place to keep them.',
        ),
      );
    }
    return this.hosts;
  }

  /** This host's timeline and every remote host's, in the one sequence they share. */
  private timelineList(): ResponseOf<'timeline.list'> {
    const local = this.timeline.list();
    if (!this.hosts) return { entries: local, capacity: this.timeline.capacity };
    const remote = this.hosts.timeline();
    if (remote.entries.length === 0)
      return { entries: local, capacity: this.timeline.capacity + remote.capacity };
    return {
      entries: [...local, ...remote.entries].sort((a, b) => a.seq - b.seq),
      capacity: this.timeline.capacity + remote.capacity,
    };
  }

  /** An operation answers at once with its id; its outcome arrives as `operations.changed` events. */
  private lifecycle(
    id: string,
    action: OperationAction,
    run: (system: HcsPortSystem) => Promise<void>,
  ): { opId: string } {
    const before = this.registry.get(id)?.state;
    const operation = this.operations.begin(id, action);
    this.registry.beginPending(id, operation.opId, action);
    void (async () => {
      let error: ErrorInfo | null = null;
      try {
        await run(await this.registry.handleFor(id));
      } catch (e) {
        error = this.failureInfo(e);
        if (isInvalidStateFailure(this.hcs.describeError(e))) {
          // The UI offered the action from a state that had changed elsewhere: read the state now, so the
          // failure can say what it is and the row shows it when the failure arrives.
          await this.registry.refresh(id);
          error = staleActionInfo(id, action, before, this.registry.get(id)?.state, error);
        }
      }
      this.registry.endPending(id, operation.opId, error, STATE_AFTER[action]);
      this.operations.finish(operation.opId, error);
      // HCS is the authority on the state. A start, pause or resume it completed is its word on the state it
      // left (STATE_AFTER); after anything else (a failure, a shutdown, a save) read the state now rather than
      // at the next poll. A second read after every completed action cost a bulk action a third of its time.
      if (error || STATE_AFTER[action] === undefined) await this.registry.refresh(id);
    })();
    return { opId: operation.opId };
  }

  /**
   * An operation that completes when the system exits (or fails when the handle or the service goes first). It
   * does not make the system pending: every other action stays available while it waits.
   */
  private waitExit(id: string): { opId: string } {
    const operation = this.operations.begin(id, 'wait');
    void (async () => {
      let error: ErrorInfo | null = null;
      try {
        await (await this.registry.handleFor(id)).wait();
      } catch (e) {
        error = this.failureInfo(e);
      }
      this.operations.finish(operation.opId, error);
    })();
    return { opId: operation.opId };
  }

  /** About this host: the Basic service properties (HCS version, supported schema versions). */
  private async serviceProperties(): Promise<{ api: 'v1' | 'v2'; properties: unknown }> {
    try {
      const properties = await this.hcs.serviceProperties({ PropertyTypes: ['Basic'] });
      return { api: this.hcs.hcsApi, properties };
    } catch (e) {
      throw new AppError(this.failureInfo(e));
    }
  }

  private create(id: string, document: string): { opId: string } {
    const operation = this.operations.begin(id, 'create');
    const generation = this.registry.beginCreate(id);
    void (async () => {
      let error: ErrorInfo | null = null;
      try {
        const system = await this.hcs.create(id, document);
        this.createDocuments.created(id, document);
        await this.registry.adopt(id, system, generation);
      } catch (e) {
        this.registry.abandonCreate(id);
        error = explainCreateFailure(this.failureInfo(e), document);
      }
      this.operations.finish(operation.opId, error);
    })();
    return { opId: operation.opId };
  }

  private close(id: string): { opId: string } {
    const operation = this.operations.begin(id, 'close');
    void (async () => {
      let error: ErrorInfo | null = null;
      try {
        await this.registry.forget(id);
      } catch (e) {
        error = this.failureInfo(e);
      }
      this.operations.finish(operation.opId, error);
    })();
    return { opId: operation.opId };
  }

  private async properties(request: RequestOf<'systems.properties'>): Promise<{ properties: unknown }> {
    const system = await this.registry.handleFor(request.id);
    try {
      const properties =
        request.version === 'v1'
          ? await system.properties(request.types)
          : await system.propertiesV2(request.types);
      return { properties };
    } catch (e) {
      throw new AppError(this.failureInfo(e));
    }
  }

  /** The ErrorInfo of a failed call; a service that went away also starts the reconnect. */
  private failureInfo(error: unknown): ErrorInfo {
    if (error instanceof AppError) return error.info;
    const failure = this.hcs.describeError(error);
    if (failure.serviceGone) this.link.serviceGone(failure);
    return toErrorInfo(failure);
  }
}
