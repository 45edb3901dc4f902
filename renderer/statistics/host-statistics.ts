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
  /**
   * The figures the systems list shows and sorts by: `figures`, published at most once every
   * LIST_REFRESH_MS (the core's interval can be as short as 250 ms; a list that moves faster is hard to read
   * and to act on).
   */
  listFigures: Readonly<Record<string, SystemFigures>>;
  /** The totals over time, oldest first (up to the core's hour). */
  totals: readonly HostTotals[];
  intervalMs: number;
  hostProcessors: number;
  /** The watch request failed (the link is down); null once it answered. */
  error: ErrorInfo | null;
}

export type HostStatisticsStore = StoreApi<HostStatisticsState>;

/** The list's figures change at most this often (issue 12: at most once a second). */
export const LIST_REFRESH_MS = 1000;

/**
 * The window's one watch of the host's figures, made when the link opens (again after a reconnect, when the
 * core's answer replaces what the window held) and held for the window's life: the list's columns and the
 * host overview read it. One `statistics.host` event per interval updates it; a row re-renders only when its
 * own figures changed (the others keep their objects).
 */
export class HostStatisticsService {
  readonly store: HostStatisticsStore = createStore<HostStatisticsState>()(() => ({
    figures: {},
    listFigures: {},
    totals: [],
    intervalMs: 1000,
    hostProcessors: 1,
    error: null,
  }));
  private readonly unsubscribes: Array<() => void>;
  /** Events that arrived before the watch's answer: applied on top of it. */
  private early: EventOf<'statistics.host'>[] | null = null;
  /** When the list's figures were last published (performance.now()), and the pending publish, if any. */
  private listedAt = Number.NEGATIVE_INFINITY;
  private listTimer: ReturnType<typeof setTimeout> | null = null;

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
    if (this.listTimer !== null) clearTimeout(this.listTimer);
    this.listTimer = null;
  }

  /** Publishes `figures` to the list now if a second has passed since the last time, else once it has. */
  private publishToList(): void {
    if (this.listTimer !== null) return;
    const wait = this.listedAt + LIST_REFRESH_MS - performance.now();
    const publish = () => {
      this.listTimer = null;
      this.listedAt = performance.now();
      const { figures, listFigures } = this.store.getState();
      if (figures !== listFigures) this.store.setState({ listFigures: figures });
    };
    if (wait <= 0) publish();
    else this.listTimer = setTimeout(publish, wait);
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
        this.publishToList();
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
      // A remote host's figures (keys qualified by its host) show in the list; its totals are not this host's.
      if (update.host !== undefined) return { figures };
      const capacity = Math.ceil(STATISTICS_HISTORY_MS / Math.max(1, s.intervalMs)) + 1;
      const totals = [...s.totals, update.totals];
      return { figures, totals: totals.length > capacity ? totals.slice(-capacity) : totals };
    });
    this.publishToList();
  }
}
