import type { ResponseOf, SystemSummary } from '../../contract/index.ts';
import { HOST_QUERIES_PER_SECOND } from '../../contract/index.ts';
import { AppError, appErrorInfo } from '../error-info.ts';
import type { AppEvent, EventHub } from '../events.ts';
import { HostStatistics, type HostWatcher } from './host.ts';
import { QueryPacer } from './pacer.ts';
import { SystemSampler, type SamplerDeps, type StatisticsWatcher, type WatchAnswer } from './sampler.ts';

export const DEFAULT_STATISTICS_INTERVAL_MS = 1000;
/** A system nobody watches any more is sampled this much longer (a details view closed and opened again). */
export const DEFAULT_STATISTICS_GRACE_MS = 30_000;

export interface StatisticsHubDeps extends Omit<SamplerDeps, 'intervalMs' | 'backgroundIntervalMs' | 'pace'> {
  /** The registry's summary of a listed system. */
  summaryOf(id: string): SystemSummary | undefined;
  /** Every listed system (the host's figures follow the running ones). */
  listed(): SystemSummary[];
  intervalMs?: number;
  graceMs?: number;
}

interface Held {
  sampler: SystemSampler;
  grace: ReturnType<typeof setTimeout> | null;
}

/**
 * Every sampler of the core, one per watched system, shared by all watchers. A sampler is made by the first
 * watch and ends `graceMs` after the last unwatch (its history with it). It follows the registry's events to
 * sample only while its system runs.
 */
export class StatisticsHub {
  private readonly held = new Map<string, Held>();
  private readonly unsubscribe: () => void;
  private readonly deps: SamplerDeps & Pick<StatisticsHubDeps, 'summaryOf'>;
  private readonly graceMs: number;
  private readonly host: HostStatistics;
  /** The host's query budget, shared by every sampler that the host's figures alone want. */
  private readonly pacer = new QueryPacer(HOST_QUERIES_PER_SECOND);

  constructor(events: EventHub, deps: StatisticsHubDeps) {
    const intervalMs = deps.intervalMs ?? DEFAULT_STATISTICS_INTERVAL_MS;
    this.deps = {
      ...deps,
      intervalMs,
      // The host's figures may ask about every running system: spread over HOST_QUERIES_PER_SECOND, each
      // system's interval long enough for all of them, and their starts paced (so that many systems that start
      // running at once do not all ask at once).
      backgroundIntervalMs: () =>
        Math.max(this.deps.intervalMs, Math.ceil((this.host.trackedCount * 1000) / HOST_QUERIES_PER_SECOND)),
      pace: (start) => this.pacer.run(start),
    };
    this.graceMs = deps.graceMs ?? DEFAULT_STATISTICS_GRACE_MS;
    this.host = new HostStatistics({
      listed: () => deps.listed(),
      watch: (watcher, id) => this.watch(watcher, id),
      unwatch: (watcher, id) => this.unwatch(watcher, id),
      now: deps.now,
      intervalMs,
      hostProcessors: Math.max(1, Math.round(deps.hostProcessors)),
    });
    this.unsubscribe = events.subscribe((event) => this.follow(event));
  }

  get intervalMs(): number {
    return this.deps.intervalMs;
  }

  /**
   * A new sampling interval (the user's setting): every sampler, and the host's figures, follow it from their
   * next query; each keeps the last hour of its history at the new rate. The samplers share `deps`, so they
   * read the new interval from it.
   */
  setIntervalMs(intervalMs: number): void {
    if (intervalMs === this.deps.intervalMs) return;
    this.deps.intervalMs = intervalMs;
    this.host.setIntervalMs(intervalMs);
    for (const held of this.held.values()) held.sampler.intervalChanged();
  }

  /** Ids sampled now (watched, or in their grace period). */
  get sampledIds(): string[] {
    return [...this.held.keys()];
  }

  watch(watcher: StatisticsWatcher, id: string): WatchAnswer {
    let held = this.held.get(id);
    if (!held) {
      const summary = this.deps.summaryOf(id);
      if (!summary) throw new AppError(appErrorInfo(`HCS lists no compute system ${id}.`));
      held = { sampler: new SystemSampler(id, summary, this.deps), grace: null };
      this.held.set(id, held);
    }
    if (held.grace) clearTimeout(held.grace);
    held.grace = null;
    held.sampler.addWatcher(watcher);
    return held.sampler.answer();
  }

  /** The host's figures (the list's columns, the host overview): every running system, one event an interval. */
  watchHost(watcher: HostWatcher): ResponseOf<'statistics.watchHost'> {
    return this.host.addWatcher(watcher);
  }

  unwatchHost(watcher: HostWatcher): void {
    this.host.removeWatcher(watcher);
  }

  unwatch(watcher: StatisticsWatcher, id: string): void {
    const held = this.held.get(id);
    if (!held) return;
    held.sampler.removeWatcher(watcher);
    this.releaseIfUnwatched(id, held);
  }

  /** A watcher went away (its connection closed): all its watches end. */
  unwatchAll(watcher: StatisticsWatcher & Partial<HostWatcher>): void {
    this.host.removeWatcher(watcher as HostWatcher, true);
    for (const [id, held] of this.held) {
      held.sampler.removeWatcher(watcher, true);
      this.releaseIfUnwatched(id, held);
    }
  }

  stop(): void {
    this.unsubscribe();
    this.host.stop();
    this.pacer.stop();
    for (const held of this.held.values()) {
      if (held.grace) clearTimeout(held.grace);
      held.sampler.stop();
    }
    this.held.clear();
  }

  private releaseIfUnwatched(id: string, held: Held): void {
    if (held.sampler.watcherCount > 0 || held.grace) return;
    held.grace = setTimeout(() => {
      if (this.held.get(id) !== held || held.sampler.watcherCount > 0) return;
      this.held.delete(id);
      held.sampler.stop();
    }, this.graceMs);
    held.grace.unref?.();
  }

  private follow(event: AppEvent): void {
    switch (event.channel) {
      case 'systems.changed':
        this.held.get(event.payload.system.id)?.sampler.systemChanged(event.payload.system);
        this.host.systemChanged(event.payload.system.id, event.payload.system);
        break;
      case 'systems.removed':
        this.held.get(event.payload.id)?.sampler.systemChanged(undefined);
        this.host.systemChanged(event.payload.id, undefined);
        break;
      case 'systems.snapshot':
        for (const [id, held] of this.held) held.sampler.systemChanged(this.deps.summaryOf(id));
        this.host.resync();
        break;
      default:
    }
  }
}
