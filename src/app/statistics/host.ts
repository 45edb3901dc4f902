import type {
  EventOf,
  HostTotals,
  ResponseOf,
  StatisticsSample,
  SystemFigures,
  SystemSummary,
} from '../../contract/index.ts';
import { STATISTICS_HISTORY_MS } from '../../contract/index.ts';
import type { StatisticsWatcher, WatchAnswer } from './sampler.ts';
import { Ring } from './ring.ts';

/** A client of the host's figures (a connection). */
export interface HostWatcher {
  hostStatistics(update: EventOf<'statistics.host'>): void;
}

export interface HostStatisticsDeps {
  /** Every listed system (the registry's). */
  listed(): SystemSummary[];
  /** Watch / unwatch one system's sampler on the host's behalf (the hub's). */
  watch(watcher: StatisticsWatcher, id: string): WatchAnswer;
  unwatch(watcher: StatisticsWatcher, id: string): void;
  now(): number;
  intervalMs: number;
  hostProcessors: number;
}

/** Figures older than this many of their system's intervals no longer count in the totals (a failing sampler). */
const STALE_INTERVALS = 3;

export function figuresOf(sample: StatisticsSample): SystemFigures {
  return {
    at: sample.at,
    cpuPercent: sample.cpuPercent,
    processorCount: sample.processorCount,
    memoryBytes: sample.memory.workingSetBytes,
    assignedBytes: sample.memory.assignedBytes,
    uptime100ns: sample.uptime100ns,
  };
}

interface Held {
  figures: SystemFigures;
  /** Our clock when it arrived, and the sampler's interval then: for staleness. */
  receivedAt: number;
  intervalMs: number;
}

/**
 * The host's figures: while anyone watches the host, every running system is watched (as a background watcher,
 * through the hub, so its sampler is the one a details view would use) and one `statistics.host` event per
 * interval carries the figures that arrived since the last one and the totals over every running system. The
 * totals' history is kept for STATISTICS_HISTORY_MS while the host is watched, and dropped when nobody does.
 * Single-threaded like the rest of the core.
 */
export class HostStatistics implements StatisticsWatcher {
  readonly background = true;
  private readonly watchers = new Map<HostWatcher, number>();
  /** The running systems watched on the host's behalf. */
  private readonly tracked = new Set<string>();
  private readonly held = new Map<string, Held>();
  private fresh = new Map<string, SystemFigures>();
  private gone = new Set<string>();
  private readonly history: Ring<HostTotals>;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: HostStatisticsDeps) {
    this.history = new Ring(Math.ceil(STATISTICS_HISTORY_MS / deps.intervalMs) + 1);
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Systems sampled on the host's behalf (for the hub's background interval). */
  get trackedCount(): number {
    return this.tracked.size;
  }

  addWatcher(watcher: HostWatcher): ResponseOf<'statistics.watchHost'> {
    const first = this.watchers.size === 0;
    this.watchers.set(watcher, (this.watchers.get(watcher) ?? 0) + 1);
    if (first) this.begin();
    const systems: Record<string, SystemFigures> = {};
    for (const [id, held] of this.held) systems[id] = held.figures;
    return {
      intervalMs: this.deps.intervalMs,
      hostProcessors: this.deps.hostProcessors,
      systems,
      totals: this.history.toArray(),
    };
  }

  /** One watch less (`all`: every watch of this watcher). The last one stops the sampling. */
  removeWatcher(watcher: HostWatcher, all = false): void {
    const n = this.watchers.get(watcher);
    if (n === undefined) return;
    if (all || n <= 1) this.watchers.delete(watcher);
    else this.watchers.set(watcher, n - 1);
    if (this.watchers.size === 0) this.end();
  }

  statisticsUpdate(update: EventOf<'statistics.update'>): void {
    if (!update.sample || !this.tracked.has(update.id)) return;
    const figures = figuresOf(update.sample);
    this.held.set(update.id, {
      figures,
      receivedAt: this.deps.now(),
      intervalMs: update.status.intervalMs,
    });
    this.fresh.set(update.id, figures);
    this.gone.delete(update.id);
  }

  /** A listed system changed (undefined: it is gone): watch it while it runs. */
  systemChanged(id: string, summary: SystemSummary | undefined): void {
    if (this.watchers.size === 0) return;
    const running = summary?.state === 'Running';
    if (running && !this.tracked.has(id)) this.track(id);
    else if (!running && this.tracked.has(id)) this.untrack(id);
  }

  /** The whole list may have changed (a snapshot after a reconnect). */
  resync(): void {
    if (this.watchers.size === 0) return;
    const running = new Set(this.deps.listed().flatMap((s) => (s.state === 'Running' ? [s.id] : [])));
    for (const id of [...this.tracked]) if (!running.has(id)) this.untrack(id);
    for (const id of running) if (!this.tracked.has(id)) this.track(id);
  }

  stop(): void {
    this.watchers.clear();
    this.end();
  }

  /** The sampling interval changed (a setting): the totals follow at the new rate, their hour kept. */
  setIntervalMs(intervalMs: number): void {
    this.deps.intervalMs = intervalMs;
    this.history.resize(Math.ceil(STATISTICS_HISTORY_MS / intervalMs) + 1);
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = setInterval(() => this.tick(), intervalMs);
      this.timer.unref?.();
    }
  }

  /** The totals now, over the running systems with recent figures. */
  totals(): HostTotals {
    const now = this.deps.now();
    let sampled = 0;
    let cpu = 0;
    let anyRate = false;
    let memory = 0;
    for (const id of this.tracked) {
      const held = this.held.get(id);
      if (!held || now - held.receivedAt > held.intervalMs * STALE_INTERVALS) continue;
      sampled++;
      memory += held.figures.memoryBytes;
      if (held.figures.cpuPercent !== null) {
        anyRate = true;
        cpu += (held.figures.cpuPercent * held.figures.processorCount) / this.deps.hostProcessors;
      }
    }
    return {
      at: now,
      running: this.tracked.size,
      sampled,
      cpuPercent: anyRate ? Math.min(100, cpu) : null,
      memoryBytes: memory,
    };
  }

  private begin(): void {
    this.resync();
    this.timer = setInterval(() => this.tick(), this.deps.intervalMs);
    this.timer.unref?.();
  }

  private end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const id of [...this.tracked]) this.untrack(id);
    this.held.clear();
    this.fresh = new Map();
    this.gone = new Set();
    this.history.clear();
  }

  private track(id: string): void {
    this.tracked.add(id);
    let answer: WatchAnswer;
    try {
      answer = this.deps.watch(this, id);
    } catch {
      // Not listed (any more): nothing to sample.
      this.tracked.delete(id);
      return;
    }
    // A system a view already watched has figures at once.
    const last = answer.samples[answer.samples.length - 1];
    if (last) {
      const figures = figuresOf(last);
      this.held.set(id, { figures, receivedAt: this.deps.now(), intervalMs: answer.status.intervalMs });
      this.fresh.set(id, figures);
    }
  }

  private untrack(id: string): void {
    this.tracked.delete(id);
    this.deps.unwatch(this, id);
    this.held.delete(id);
    this.fresh.delete(id);
    this.gone.add(id);
  }

  private tick(): void {
    const totals = this.totals();
    this.history.push(totals);
    const update: EventOf<'statistics.host'> = {
      systems: Object.fromEntries(this.fresh),
      gone: [...this.gone],
      totals,
    };
    this.fresh = new Map();
    this.gone = new Set();
    for (const watcher of [...this.watchers.keys()]) {
      try {
        watcher.hostStatistics(update);
      } catch (e) {
        // One broken transport never stops the others' figures.
        console.error('hcs-desktop: a host statistics watcher failed:', e);
      }
    }
  }
}
