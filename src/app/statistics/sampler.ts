import type {
  ErrorInfo,
  EventOf,
  StatisticsSample,
  StatisticsStatus,
  SystemSummary,
} from '../../contract/index.ts';
import { BACKGROUND_HISTORY_MS, STATISTICS_HISTORY_MS } from '../../contract/index.ts';
import type { HcsPortSystem } from '../hcs-port.ts';
import { deriveStatisticsSample, readStatistics, type StatisticsReading } from './derive.ts';
import { SampleHistory } from './history.ts';

/** A client of the statistics (a connection: one window or socket). */
export interface StatisticsWatcher {
  /** An update of a system this watcher watches. */
  statisticsUpdate(update: EventOf<'statistics.update'>): void;
  /**
   * Watches for the host's figures only (host.ts): a system nobody else watches is then sampled at the
   * slower `backgroundIntervalMs`.
   */
  readonly background?: boolean;
}

export interface SamplerDeps {
  /** Our open handle to the system (the registry's). */
  systemFor(id: string): Promise<HcsPortSystem>;
  describe(error: unknown): ErrorInfo;
  now(): number;
  intervalMs: number;
  /** The interval of a system watched only in the background (the host's figures); `intervalMs` without it. */
  backgroundIntervalMs?(): number;
  /** Starts a background query in its turn within the host's query budget (QueryPacer's `run`: returns a cancel). */
  pace(start: () => void): () => void;
  /** What a container's processor percentage is of. */
  hostProcessors: number;
}

/**
 * How often a system whose schema1 Statistics listed no network endpoint is asked again (in intervals):
 * endpoints can be added to a running system, but asking every interval would double the calls for nothing.
 */
export const NETWORK_PROBE_INTERVALS = 30;

export type WatchAnswer = { status: StatisticsStatus; samples: StatisticsSample[]; document: unknown };

/**
 * The sampler of one system: asks HCS once per interval while the system runs, whoever watches, with at most
 * one query in flight; derives the sample once and hands it to every watcher; keeps the last hour while a
 * view watches it, the last BACKGROUND_HISTORY_MS while only the host's figures do.
 *
 * Per interval: one schema2 query (`Statistics`, plus `Memory` for a VM); when that answer has no network
 * figures, schema1 `Statistics` for them, every interval while the system has endpoints, else every
 * NETWORK_PROBE_INTERVALS intervals. A query that only the host's figures want (no view watches the system)
 * waits for its turn in the host's budget (`pace`, QueryPacer) once it is due.
 * Single-threaded like the rest of the core: no locks; `inFlight` is the one-query rule.
 */
export class SystemSampler {
  private readonly watchers = new Map<StatisticsWatcher, number>();
  private readonly history: SampleHistory;
  private document: unknown = null;
  private previous: StatisticsReading | null = null;
  private seq = 0;
  private status: StatisticsStatus;
  private summary: SystemSummary | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A background query waiting for its turn in the host's budget: cancels the wait. */
  private paced: (() => void) | null = null;
  private inFlight = false;
  private stopped = false;
  /** A VM's Memory property was refused once: ask for Statistics alone from then on. */
  private memoryRefused = false;
  private networkListed = false;
  private intervalsToNetworkProbe = 0;

  constructor(
    readonly id: string,
    summary: SystemSummary | undefined,
    private readonly deps: SamplerDeps,
  ) {
    this.history = new SampleHistory(Math.ceil(STATISTICS_HISTORY_MS / deps.intervalMs) + 1);
    this.status = { state: 'waiting', intervalMs: deps.intervalMs, error: null };
    this.systemChanged(summary);
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** What a new watcher gets at once. */
  answer(): WatchAnswer {
    return {
      status: { ...this.status, intervalMs: this.intervalMs },
      samples: this.history.toArray(),
      document: this.document,
    };
  }

  addWatcher(watcher: StatisticsWatcher): void {
    const wasBackground = this.background;
    this.watchers.set(watcher, (this.watchers.get(watcher) ?? 0) + 1);
    // Sampled slowly for the host until now: a view wants it at the full rate, starting now.
    if (wasBackground && !this.background && (this.timer || this.paced)) {
      this.cancelNext();
      this.schedule(0);
    }
  }

  /** Only background watchers (or none): sampled at the background interval. */
  private get background(): boolean {
    for (const watcher of this.watchers.keys()) if (!watcher.background) return false;
    return true;
  }

  /** The interval this sampler asks HCS at now. */
  get intervalMs(): number {
    return this.background && this.deps.backgroundIntervalMs
      ? Math.max(this.deps.intervalMs, this.deps.backgroundIntervalMs())
      : this.deps.intervalMs;
  }

  /**
   * The interval changed (a setting): the history keeps the last hour at the new rate (the newest samples, as
   * many as fit), the status says the new interval, and the next query follows the new rate from now.
   */
  intervalChanged(): void {
    this.history.resize(Math.ceil(STATISTICS_HISTORY_MS / this.deps.intervalMs) + 1);
    this.status = { ...this.status, intervalMs: this.intervalMs };
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.schedule(this.intervalMs);
    }
    this.deliver(null);
  }

  /** One watch less (`all`: every watch of this watcher). */
  removeWatcher(watcher: StatisticsWatcher, all = false): void {
    const n = this.watchers.get(watcher);
    if (n === undefined) return;
    if (all || n <= 1) this.watchers.delete(watcher);
    else this.watchers.set(watcher, n - 1);
  }

  /** The registry's view of the system changed (undefined: it is no longer listed). */
  systemChanged(summary: SystemSummary | undefined): void {
    this.summary = summary;
    if (this.stopped) return;
    if (summary?.state === 'Running') {
      if (this.status.state === 'waiting') this.setStatus({ state: 'sampling', error: null });
      this.schedule(0);
      return;
    }
    // Not running: nothing to ask; the next sample after it runs again starts a new run of rates.
    this.cancelNext();
    this.previous = null;
    this.setStatus({ state: 'waiting', error: null });
  }

  stop(): void {
    this.stopped = true;
    this.cancelNext();
    this.watchers.clear();
  }

  private get running(): boolean {
    return !this.stopped && this.summary?.state === 'Running';
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.inFlight || this.timer || this.paced) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.due();
    }, delayMs);
    this.timer.unref?.();
  }

  /** A query is due: a view's starts now; one for the host's figures alone waits its turn in the budget. */
  private due(): void {
    if (!this.background) {
      void this.tick();
      return;
    }
    // The pacer may start it at once, inside `pace`: then there is nothing to cancel.
    let started = false;
    const cancel = this.deps.pace(() => {
      started = true;
      this.paced = null;
      void this.tick();
    });
    if (!started) this.paced = cancel;
  }

  /** No query scheduled or waiting any more. */
  private cancelNext(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.paced?.();
    this.paced = null;
  }

  private async tick(): Promise<void> {
    if (!this.running || this.inFlight) return;
    this.inFlight = true;
    const started = this.deps.now();
    try {
      const system = await this.deps.systemFor(this.id);
      const properties = await this.queryV2(system);
      const network = await this.networkOf(system, properties);
      if (this.stopped) return;
      const reading = readStatistics(properties, { now: this.deps.now(), network });
      const sample = deriveStatisticsSample(this.previous, reading, this.seq++, this.deps.hostProcessors);
      this.previous = reading;
      this.document = (properties as { Statistics?: unknown }).Statistics ?? null;
      this.history.push(sample);
      // Only the host's figures want it: they show the newest sample; a view that opens later gets minutes.
      if (this.background) this.history.dropOldestWhile((s) => s.at < sample.at - BACKGROUND_HISTORY_MS);
      this.status = { state: 'sampling', intervalMs: this.intervalMs, error: null };
      this.deliver(sample);
    } catch (e) {
      // A system that stopped meanwhile is waiting, not failing.
      if (this.running) {
        this.previous = null;
        this.setStatus({ state: 'failed', error: this.deps.describe(e) });
      }
    } finally {
      this.inFlight = false;
    }
    const elapsed = this.deps.now() - started;
    const interval = this.intervalMs;
    // A slow answer does not make the next query follow at once: at least a quarter interval in between.
    this.schedule(Math.max(interval - elapsed, interval / 4));
  }

  private async queryV2(system: HcsPortSystem): Promise<unknown> {
    const vm = this.summary?.type === 'VirtualMachine';
    if (!vm || this.memoryRefused) return system.propertiesV2(['Statistics']);
    try {
      return await system.propertiesV2(['Statistics', 'Memory']);
    } catch {
      const answer = await system.propertiesV2(['Statistics']);
      // Statistics alone works: it was Memory that HCS refused (docs/hcs/schema.md#property-types).
      this.memoryRefused = true;
      return answer;
    }
  }

  /**
   * The endpoints' figures: in the answer already when HCS answered in schema1's shape (vmcompute does for a
   * query of Statistics alone), else from a schema1 query when due; undefined when there are none.
   */
  private async networkOf(system: HcsPortSystem, properties: unknown): Promise<unknown> {
    const inAnswer = (properties as { Statistics?: { Network?: unknown } } | null)?.Statistics?.Network;
    if (Array.isArray(inAnswer)) return inAnswer.length > 0 ? inAnswer : undefined;
    if (!this.networkListed && this.intervalsToNetworkProbe-- > 0) return undefined;
    this.intervalsToNetworkProbe = NETWORK_PROBE_INTERVALS;
    try {
      const answer = await system.properties(['Statistics']);
      const network = (answer.Statistics as { Network?: unknown } | undefined)?.Network;
      this.networkListed = Array.isArray(network) && network.length > 0;
      return this.networkListed ? network : undefined;
    } catch {
      // The network figures are extra: without them the sample is still whole (network: null).
      this.networkListed = false;
      return undefined;
    }
  }

  private setStatus(change: Pick<StatisticsStatus, 'state' | 'error'>): void {
    const same =
      this.status.state === change.state &&
      (this.status.error?.message ?? null) === (change.error?.message ?? null);
    if (same) return;
    this.status = { state: change.state, intervalMs: this.intervalMs, error: change.error };
    this.deliver(null);
  }

  private deliver(sample: StatisticsSample | null): void {
    const update = { id: this.id, status: this.status, sample, document: this.document };
    for (const watcher of [...this.watchers.keys()]) {
      try {
        watcher.statisticsUpdate(update);
      } catch (e) {
        // One broken transport never stops the others' samples.
        console.error(`hcs-desktop: a statistics watcher failed on ${this.id}:`, e);
      }
    }
  }
}
