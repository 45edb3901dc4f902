import { createStore, type StoreApi } from 'zustand/vanilla';
import { TIMELINE_CAPACITY, type ErrorInfo, type TimelineEntry } from '../../src/contract/index.ts';
import { createKeyedBatcher } from '../store/change-batcher.ts';
import { errorInfoOf, type HcsTransport } from '../transport/index.ts';

export interface TimelineState {
  /** The core's log, oldest first, as far as this window has it. */
  entries: readonly TimelineEntry[];
  /** The log could not be read (the link is down). */
  error: ErrorInfo | null;
}

export type TimelineStore = StoreApi<TimelineState>;

function appendNew(
  held: readonly TimelineEntry[],
  entries: readonly TimelineEntry[],
): readonly TimelineEntry[] {
  const last = held[held.length - 1]?.seq ?? -1;
  const fresh = entries.filter((e) => e.seq > last);
  if (fresh.length === 0) return held;
  const next = [...held, ...fresh];
  return next.length > TIMELINE_CAPACITY ? next.slice(-TIMELINE_CAPACITY) : next;
}

/**
 * The window's copy of the core's events timeline: read whole when the link opens (again after a reconnect)
 * and followed with `timeline.appended`. `onAppended` listeners hear each new entry once, as it arrives (desktop
 * notifications), never the ones of the first read. The store takes what arrived once per frame: a bulk action
 * sends an entry or two per message, a thousand messages in a second, and each store update copies the held log
 * (up to TIMELINE_CAPACITY entries).
 */
export class TimelineService {
  readonly store: TimelineStore = createStore<TimelineState>()(() => ({ entries: [], error: null }));
  private readonly unsubscribes: Array<() => void>;
  private readonly listeners = new Set<(entries: readonly TimelineEntry[]) => void>();
  private early: TimelineEntry[] | null = null;
  /** The last entry the listeners heard of (entries come in `seq` order). */
  private heard = -1;
  /** New entries by `seq` (each once), for the store's next frame. */
  private readonly arrived = createKeyedBatcher(
    (entry: TimelineEntry) => String(entry.seq),
    (entries) => this.store.setState({ entries: appendNew(this.store.getState().entries, entries) }),
  );

  constructor(private readonly transport: HcsTransport) {
    let wasOpen = false;
    this.unsubscribes = [
      transport.api.on('timeline.appended', ({ entries }) => {
        if (this.early) this.early.push(...entries);
        else this.append(entries);
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

  /** Hear of new entries as they arrive; returns the unsubscribe function. */
  onAppended(listener: (entries: readonly TimelineEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.listeners.clear();
    this.arrived.cancel();
  }

  private request(): void {
    // What arrived on the link before is in the store before the core's log replaces it.
    this.arrived.flush();
    this.early = [];
    this.transport.api.invoke('timeline.list', {}).then(
      ({ entries }) => {
        const early = this.early ?? [];
        this.early = null;
        // After a reconnect the core's log replaces ours (the core may have restarted and numbered anew).
        const log = appendNew([], entries);
        this.store.setState({ entries: log, error: null });
        this.heard = log[log.length - 1]?.seq ?? -1;
        this.append(early);
      },
      (e: unknown) => {
        this.early = null;
        this.store.setState({ error: errorInfoOf(e) });
      },
    );
  }

  private append(entries: readonly TimelineEntry[]): void {
    const fresh = entries.filter((e) => e.seq > this.heard);
    if (fresh.length === 0) return;
    this.heard = fresh[fresh.length - 1]!.seq;
    for (const entry of fresh) this.arrived.add(entry);
    for (const listener of [...this.listeners]) listener(fresh);
  }
}
