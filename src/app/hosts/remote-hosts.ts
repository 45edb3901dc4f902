import {
  hostIdFrom,
  parseHostAddress,
  type ExecSession,
  type HostAddress,
  type HostInfo,
  type Operation,
  type RequestOf,
  type SystemSummary,
  type TimelineEntry,
} from '../../contract/index.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import type { AppEvent, EventHub } from '../events.ts';
import type { HostWatcher, StatisticsWatcher } from '../statistics/index.ts';
import type { OutputCarrier } from '../exec/index.ts';
import type { HostStore, SavedHost } from './host-store.ts';
import { DEFAULT_REMOTE_LIMITS, RemoteHost, type RemoteHostLimits } from './remote-host.ts';
import type { RemoteDialer } from './remote-link.ts';
import { realScheduler, type Scheduler } from './scheduler.ts';

/** What the entry point gives the core for remote hosts: the network (src/host) and where they are kept. */
export interface HostsSetup {
  dialer: RemoteDialer;
  store: HostStore;
  scheduler?: Scheduler;
  limits?: Partial<RemoteHostLimits>;
}

/** A local connection as the remote hosts see it: it attaches to sessions and watches statistics. */
export type RemoteClient = OutputCarrier & StatisticsWatcher & HostWatcher;

/**
 * Every remote host of this app: adding, trusting, re-tokening and removing them (saved through the store),
 * and the remote side of the core's merged answers (systems, operations, sessions, timeline). Each host is a
 * `RemoteHost` with its own connection; one host's trouble never touches another's.
 */
export class RemoteHosts {
  private readonly hosts = new Map<string, RemoteHost>();
  private readonly scheduler: Scheduler;
  private readonly limits: RemoteHostLimits;
  /** Why the saved hosts could not be read (then nothing is saved over them either). */
  private loadProblem: string | null = null;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Local connections that watch every host's figures, and how many times. */
  private readonly hostWatchers = new Map<HostWatcher, number>();

  constructor(
    private readonly setup: HostsSetup,
    private readonly events: EventHub,
    private readonly nextTimelineSeq: () => number,
  ) {
    this.scheduler = setup.scheduler ?? realScheduler;
    this.limits = { ...DEFAULT_REMOTE_LIMITS, ...setup.limits };
  }

  /** Read the saved hosts and start connecting to each. */
  async load(): Promise<void> {
    let saved: SavedHost[];
    try {
      saved = await this.setup.store.load();
    } catch (e) {
      this.loadProblem = e instanceof Error ? e.message : String(e);
      console.error(`hcs-desktop: remote hosts not loaded: ${this.loadProblem}`);
      return;
    }
    for (const host of saved) {
      if (this.stopped || this.hosts.has(host.id)) continue;
      this.create(host).start();
    }
  }

  stop(): void {
    this.stopped = true;
    for (const host of this.hosts.values()) host.stop();
    this.hosts.clear();
  }

  list(): HostInfo[] {
    return [...this.hosts.values()].map((h) => h.info());
  }

  /** The host, or an AppError naming the id. */
  get(id: string): RemoteHost {
    const host = this.hosts.get(id);
    if (!host) {
      throw new AppError(
        appErrorInfo(`There is no remote host ${id}.`, 'It may have been removed in another window.'),
      );
    }
    return host;
  }

  async add(request: RequestOf<'hosts.add'>): Promise<HostInfo> {
    if (this.loadProblem !== null) {
      throw new AppError(appErrorInfo(`Remote hosts cannot be added: ${this.loadProblem}`));
    }
    let address: HostAddress;
    let token: string;
    try {
      if ('url' in request) {
        address = parseHostAddress(request.url);
        token = address.token ?? '';
      } else {
        const host = request.address.includes(':') ? `[${request.address}]` : request.address;
        address = parseHostAddress(`${request.secure ? 'https' : 'http'}://${host}:${request.port}`);
        token = request.token;
      }
    } catch (e) {
      throw new AppError(appErrorInfo((e as Error).message));
    }
    const known = [...this.hosts.values()].find((h) => h.saved.origin === address.origin);
    if (known) {
      throw new AppError(
        appErrorInfo(
          `${address.origin} is already added, as ${known.saved.name}.`,
          'Give it a new token there, or remove it first.',
        ),
      );
    }
    const id = hostIdFrom(address.hostname, new Set(this.hosts.keys()));
    const name = request.name?.trim() || new URL(address.origin).host;
    const host = this.create({ id, name, origin: address.origin, pinned: null, token });
    await this.save();
    host.start();
    return host.info();
  }

  async trust(id: string, fingerprint: string): Promise<HostInfo> {
    const info = this.get(id).trust(fingerprint);
    await this.save();
    return info;
  }

  async setToken(id: string, token: string): Promise<HostInfo> {
    const info = this.get(id).setToken(token);
    await this.save();
    return info;
  }

  reconnect(id: string): HostInfo {
    return this.get(id).reconnect();
  }

  async remove(id: string): Promise<void> {
    const host = this.get(id);
    host.stop();
    this.hosts.delete(id);
    this.events.emit('hosts.removed', { host: id });
    await this.save();
  }

  // ---- the merged answers -------------------------------------------------------------------------------------

  systems(): SystemSummary[] {
    return [...this.hosts.values()].flatMap((h) => h.listSystems());
  }

  operations(): Operation[] {
    return [...this.hosts.values()].flatMap((h) => h.listOperations());
  }

  sessions(): ExecSession[] {
    return [...this.hosts.values()].flatMap((h) => h.listSessions());
  }

  timeline(): { entries: TimelineEntry[]; capacity: number } {
    const hosts = [...this.hosts.values()];
    return {
      entries: hosts.flatMap((h) => h.listTimeline()),
      capacity: hosts.reduce((sum, h) => sum + h.timelineCapacity, 0),
    };
  }

  initialEvents(): AppEvent[] {
    return [...this.hosts.values()].flatMap((h) => h.initialEvents());
  }

  /** A local connection went away: its attachments and watches on every host go with it. */
  release(client: RemoteClient): void {
    this.hostWatchers.delete(client);
    for (const host of this.hosts.values()) {
      host.outputs.release(client);
      host.watches.release(client);
    }
  }

  /** A local connection watches every host's figures (src/contract/statistics.ts), hosts added later too. */
  watchHost(watcher: HostWatcher): void {
    this.hostWatchers.set(watcher, (this.hostWatchers.get(watcher) ?? 0) + 1);
    for (const host of this.hosts.values()) host.watches.watchHost(watcher);
  }

  unwatchHost(watcher: HostWatcher): void {
    const count = this.hostWatchers.get(watcher);
    if (count === undefined) return;
    if (count > 1) this.hostWatchers.set(watcher, count - 1);
    else this.hostWatchers.delete(watcher);
    for (const host of this.hosts.values()) host.watches.unwatchHost(watcher);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private create(saved: SavedHost): RemoteHost {
    const host = new RemoteHost(saved, {
      dialer: this.setup.dialer,
      events: this.events,
      scheduler: this.scheduler,
      nextTimelineSeq: this.nextTimelineSeq,
      tokenStorage: this.setup.store.tokenStorage,
      limits: this.limits,
    });
    this.hosts.set(saved.id, host);
    // Pages that watch every host's figures watch this one too, from its first connect.
    for (const [watcher, count] of this.hostWatchers) {
      for (let n = 0; n < count; n++) host.watches.watchHost(watcher);
    }
    return host;
  }

  /** Saves run one after another, each with the hosts as they are when it starts. */
  private save(): Promise<void> {
    const run = this.saving.then(async () => {
      try {
        await this.setup.store.save([...this.hosts.values()].map((h) => h.saved));
      } catch (e) {
        throw new AppError(
          appErrorInfo(
            `The remote hosts could not be saved: ${e instanceof Error ? e.message : String(e)}`,
            'The change holds until HCS Desktop stops.',
          ),
        );
      }
    });
    this.saving = run.catch(() => undefined);
    return run;
  }
}
