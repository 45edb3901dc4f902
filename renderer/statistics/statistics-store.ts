import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  STATISTICS_HISTORY_MS,
  type ErrorInfo,
  type EventOf,
  type StatisticsSample,
  type StatisticsStatus,
} from '../../src/contract/index.ts';
import { errorInfoOf, type HcsTransport } from '../transport/index.ts';

/** What a window knows of one watched system's statistics. */
export interface SystemStatistics {
  /** The core's sampler: sampling, waiting (not running) or failed (its error); null until it answered. */
  status: StatisticsStatus | null;
  /** Oldest first: the core's history (up to an hour) and every sample since. */
  samples: readonly StatisticsSample[];
  /** The newest schema2 Statistics document as HCS sent it (null before the first sample). */
  document: unknown;
  /** The watch request itself failed (the system is gone, the link is down). */
  watchError: ErrorInfo | null;
}

export interface StatisticsState {
  /** Systems this window watches, by id. */
  byId: Readonly<Record<string, SystemStatistics>>;
}

export type StatisticsStore = StoreApi<StatisticsState>;

const EMPTY: SystemStatistics = { status: null, samples: [], document: null, watchError: null };

/** The newest samples a window keeps of one system: as many as the core keeps. */
function capacityFor(intervalMs: number): number {
  return Math.ceil(STATISTICS_HISTORY_MS / Math.max(1, intervalMs)) + 1;
}

function appendSample(samples: readonly StatisticsSample[], sample: StatisticsSample, intervalMs: number) {
  const last = samples[samples.length - 1];
  if (last && sample.seq <= last.seq) return samples; // already there (it overtook the watch answer)
  const next = [...samples, sample];
  const extra = next.length - capacityFor(intervalMs);
  return extra > 0 ? next.slice(extra) : next;
}

interface Watch {
  count: number;
  /** Updates that arrived before the watch answer (Electron carries answers and events on separate channels). */
  early: EventOf<'statistics.update'>[] | null;
}

/**
 * A window's statistics: each watched system is watched once by the window however many views show it
 * (`watch` counts), the core's history arrives with the answer and `statistics.update` events follow. After a
 * reconnect (web mode) every watch is made again and the history replaced by the core's.
 */
export class StatisticsService {
  readonly store: StatisticsStore = createStore<StatisticsState>()(() => ({ byId: {} }));
  private readonly watches = new Map<string, Watch>();
  private readonly unsubscribes: Array<() => void>;

  constructor(private readonly transport: HcsTransport) {
    let wasOpen = transport.connection() === 'open';
    this.unsubscribes = [
      transport.api.on('statistics.update', (update) => this.apply(update)),
      transport.onConnection((state) => {
        if (state === 'open' && !wasOpen) for (const id of this.watches.keys()) this.request(id);
        wasOpen = state === 'open';
      }),
    ];
  }

  /** Watch a system's statistics; the returned function ends this watch. */
  watch(id: string): () => void {
    const existing = this.watches.get(id);
    if (existing) existing.count++;
    else {
      this.watches.set(id, { count: 1, early: null });
      this.set(id, EMPTY);
      this.request(id);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(id);
    };
  }

  close(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private release(id: string): void {
    const watch = this.watches.get(id);
    if (!watch) return;
    if (--watch.count > 0) return;
    this.watches.delete(id);
    this.store.setState((s) => {
      const byId = { ...s.byId };
      delete byId[id];
      return { byId };
    });
    // Harmless if the watch never reached the core (the core ignores an unwatch it did not count).
    if (this.transport.connection() === 'open')
      this.transport.api.invoke('statistics.unwatch', { id }).catch(() => undefined);
  }

  private request(id: string): void {
    const watch = this.watches.get(id);
    // Not connected: the watch is made when the link opens (see the constructor).
    if (!watch || this.transport.connection() !== 'open') return;
    watch.early = [];
    this.transport.api.invoke('statistics.watch', { id }).then(
      (answer) => {
        if (this.watches.get(id) !== watch) return;
        const early = watch.early ?? [];
        watch.early = null;
        let samples: readonly StatisticsSample[] = answer.samples;
        let status = answer.status;
        let document = answer.document;
        for (const update of early) {
          if (update.sample) samples = appendSample(samples, update.sample, update.status.intervalMs);
          status = update.status;
          document = update.document;
        }
        this.set(id, { status, samples, document, watchError: null });
      },
      (e: unknown) => {
        if (this.watches.get(id) !== watch) return;
        watch.early = null;
        this.set(id, { ...(this.store.getState().byId[id] ?? EMPTY), watchError: errorInfoOf(e) });
      },
    );
  }

  private apply(update: EventOf<'statistics.update'>): void {
    const watch = this.watches.get(update.id);
    if (!watch) return;
    if (watch.early) {
      watch.early.push(update);
      return;
    }
    const current = this.store.getState().byId[update.id] ?? EMPTY;
    this.set(update.id, {
      status: update.status,
      samples: update.sample
        ? appendSample(current.samples, update.sample, update.status.intervalMs)
        : current.samples,
      document: update.document,
      watchError: null,
    });
  }

  private set(id: string, value: SystemStatistics): void {
    this.store.setState((s) => ({ byId: { ...s.byId, [id]: value } }));
  }
}
