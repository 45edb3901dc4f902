import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  STATISTICS_HISTORY_MS,
  type ErrorInfo,
  type EventOf,
  type HostTotals,
  type SystemFigures,
} from '../../src/contract/index.ts';
import { errorInfoOf, type HcsTransport } from '../transport/index.ts';

/** What a window knows of the host's figures (src/contract/statistics.ts, `statistics.watchHost`). */
export interface HostStatisticsState {
  /** The newest figures of each sampled running system, by id. */
  figures: Readonly<Record<string, SystemFigures>>;
  /** The totals over time, oldest first (up to the core's hour). */
  totals: readonly HostTotals[];
  intervalMs: number;
  hostProcessors: number;
  /** The watch request failed (the link is down); null once it answered. */
  error: ErrorInfo | null;
}

export type HostStatisticsStore = StoreApi<HostStatisticsState>;

/**
 * The window's one watch of the host's figures, made when the link opens (again after a reconnect, when the
 * core's answer replaces what the window held) and held for the window's life: the list's columns and the
 * host overview read it. One `statistics.host` event per interval updates it; a row re-renders only when its
 * own figures changed (the others keep their objects).
 */
export class HostStatisticsService {
  readonly store: HostStatisticsStore = createStore<HostStatisticsState>()(() => ({
    figures: {},
    totals: [],
    intervalMs: 1000,
    hostProcessors: 1,
    error: null,
  }));
  private readonly unsubscribes: Array<() => void>;
  /** Events that arrived before the watch's answer: applied on top of it. */
  private early: EventOf<'statistics.host'>[] | null = null;

  constructor(private readonly transport: HcsTransport) {
    let wasOpen = false;
    this.unsubscribes = [
      transport.api.on('statistics.host', (update) => {
        if (this.early) this.early.push(update);
        else this.apply(update);
      }),
      transport.onConnection((state) => {
        if (state === 'open' && !wasOpen) this.request();
        wasOpen = state === 'open';
      }),
    ];
    if (transport.connection() === 'open') {
      wasOpen = true;
      this.request();
    }
  }

  close(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private request(): void {
    this.early = [];
    this.transport.api.invoke('statistics.watchHost', {}).then(
      (answer) => {
        const early = this.early ?? [];
        this.early = null;
        this.store.setState({
          figures: answer.systems,
          totals: answer.totals,
          intervalMs: answer.intervalMs,
          hostProcessors: answer.hostProcessors,
          error: null,
        });
        for (const update of early) this.apply(update);
      },
      (e: unknown) => {
        this.early = null;
        this.store.setState({ error: errorInfoOf(e) });
      },
    );
  }

  private apply(update: EventOf<'statistics.host'>): void {
    this.store.setState((s) => {
      let figures = s.figures;
      if (update.gone.length > 0 || Object.keys(update.systems).length > 0) {
        const next: Record<string, SystemFigures> = { ...s.figures, ...update.systems };
        for (const id of update.gone) delete next[id];
        figures = next;
      }
      const capacity = Math.ceil(STATISTICS_HISTORY_MS / Math.max(1, s.intervalMs)) + 1;
      const totals = [...s.totals, update.totals];
      return { figures, totals: totals.length > capacity ? totals.slice(-capacity) : totals };
    });
  }
}
