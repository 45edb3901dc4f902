import { createStore, type StoreApi } from 'zustand/vanilla';
import { TIMELINE_CAPACITY, type ErrorInfo, type TimelineEntry } from '../../src/contract/index.ts';
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
 * and followed with `timeline.appended`. `onAppended` listeners hear each new entry once (desktop
 * notifications), never the ones of the first read.
 */
export class TimelineService {
  readonly store: TimelineStore = createStore<TimelineState>()(() => ({ entries: [], error: null }));
  private readonly unsubscribes: Array<() => void>;
  private readonly listeners = new Set<(entries: readonly TimelineEntry[]) => void>();
  private early: TimelineEntry[] | null = null;

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
  }

  private request(): void {
    this.early = [];
    this.transport.api.invoke('timeline.list', {}).then(
      ({ entries }) => {
        const early = this.early ?? [];
        this.early = null;
        // After a reconnect the core's log replaces ours (the core may have restarted and numbered anew).
        this.store.setState({ entries: appendNew([], entries), error: null });
        this.append(early);
      },
      (e: unknown) => {
        this.early = null;
        this.store.setState({ error: errorInfoOf(e) });
      },
    );
  }

  private append(entries: readonly TimelineEntry[]): void {
    const before = this.store.getState().entries;
    const after = appendNew(before, entries);
    if (after === before) return;
    this.store.setState({ entries: after });
    const lastBefore = before[before.length - 1]?.seq ?? -1;
    const fresh = entries.filter((e) => e.seq > lastBefore);
    for (const listener of [...this.listeners]) listener(fresh);
  }
}
