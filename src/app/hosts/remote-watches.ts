import { qualify, type EventOf, type ResponseOf } from '../../contract/index.ts';
import type { HostWatcher, StatisticsWatcher } from '../statistics/index.ts';
import { isRelayed, qualifyFigures } from './rewrite.ts';

/** How the watches reach the host: its statistics requests (validated answers). */
export interface RemoteStatisticsLink {
  watch(id: string): Promise<ResponseOf<'statistics.watch'>>;
  unwatch(id: string): void;
  watchHost(): Promise<ResponseOf<'statistics.watchHost'>>;
  unwatchHost(): void;
}

/**
 * The statistics local connections watch on one remote host. Every local watch is one watch on the host (the
 * host counts them for our socket, as it counts a page's), and the host's updates go to the local connections
 * that watch: a system's to its watchers, the host's figures (keys qualified, `host` set) to the host's
 * watchers. When the socket closes the host forgets our watches; `reconnected` watches again.
 */
export class RemoteWatches {
  /** Remote system id → local watcher → how many times it watches. */
  private readonly systems = new Map<string, Map<StatisticsWatcher, number>>();
  private readonly hostWatchers = new Map<HostWatcher, number>();

  constructor(
    private readonly host: string,
    private readonly link: RemoteStatisticsLink,
  ) {}

  async watch(watcher: StatisticsWatcher, id: string): Promise<ResponseOf<'statistics.watch'>> {
    const answer = await this.link.watch(id);
    let watchers = this.systems.get(id);
    if (!watchers) this.systems.set(id, (watchers = new Map()));
    watchers.set(watcher, (watchers.get(watcher) ?? 0) + 1);
    return answer;
  }

  unwatch(watcher: StatisticsWatcher, id: string): void {
    const watchers = this.systems.get(id);
    const count = watchers?.get(watcher);
    if (!watchers || count === undefined) return;
    if (count > 1) watchers.set(watcher, count - 1);
    else watchers.delete(watcher);
    if (watchers.size === 0) this.systems.delete(id);
    this.link.unwatch(id);
  }

  /**
   * A local connection watches this host's figures: the figures now (as one `statistics.host` event to it,
   * once the host answers) and its events from now on; while the host is away, from its next connect.
   */
  watchHost(watcher: HostWatcher): void {
    this.hostWatchers.set(watcher, (this.hostWatchers.get(watcher) ?? 0) + 1);
    // Not connected: `reconnected` asks once it is.
    this.link.watchHost().then(
      (answer) => this.figuresNow(answer, [watcher]),
      () => undefined,
    );
  }

  unwatchHost(watcher: HostWatcher): void {
    const count = this.hostWatchers.get(watcher);
    if (count === undefined) return;
    if (count > 1) this.hostWatchers.set(watcher, count - 1);
    else this.hostWatchers.delete(watcher);
    this.link.unwatchHost();
  }

  /** A local connection went away: every watch it held on this host goes. */
  release(watcher: StatisticsWatcher & HostWatcher): void {
    for (const [id, watchers] of [...this.systems]) {
      for (let n = watchers.get(watcher) ?? 0; n > 0; n--) this.unwatch(watcher, id);
    }
    for (let n = this.hostWatchers.get(watcher) ?? 0; n > 0; n--) this.unwatchHost(watcher);
  }

  update(payload: EventOf<'statistics.update'>): void {
    if (isRelayed(payload.id)) return;
    const watchers = this.systems.get(payload.id);
    if (!watchers) return;
    const event = { ...payload, id: qualify(this.host, payload.id) };
    for (const watcher of [...watchers.keys()]) watcher.statisticsUpdate(event);
  }

  hostUpdate(payload: EventOf<'statistics.host'>): void {
    // A host's own figures carry no `host`; with one, they are relayed from another host.
    if (payload.host !== undefined || this.hostWatchers.size === 0) return;
    const event = {
      host: this.host,
      systems: qualifyFigures(this.host, payload.systems),
      gone: payload.gone.filter((id) => !isRelayed(id)).map((id) => qualify(this.host, id)),
      totals: payload.totals,
    };
    for (const watcher of [...this.hostWatchers.keys()]) watcher.hostStatistics(event);
  }

  /** Connected again: the host forgot our watches with the old socket. */
  reconnected(): void {
    for (const [id, watchers] of this.systems) {
      let count = 0;
      for (const n of watchers.values()) count += n;
      for (let n = 0; n < count; n++) this.link.watch(id).catch(() => undefined);
    }
    let hostCount = 0;
    for (const n of this.hostWatchers.values()) hostCount += n;
    for (let n = 0; n < hostCount; n++) {
      this.link.watchHost().then(
        (answer) => {
          if (n === 0) this.figuresNow(answer, [...this.hostWatchers.keys()]);
        },
        () => undefined,
      );
    }
  }

  /** The figures a host watch answered with, as one `statistics.host` event to these watchers. */
  private figuresNow(answer: ResponseOf<'statistics.watchHost'>, watchers: HostWatcher[]): void {
    const totals = answer.totals.at(-1);
    if (!totals) return;
    const event = { host: this.host, systems: qualifyFigures(this.host, answer.systems), gone: [], totals };
    for (const watcher of watchers) if (this.hostWatchers.has(watcher)) watcher.hostStatistics(event);
  }
}
