import {
  displaySystemId,
  systemIdProblem,
  type ErrorInfo,
  type OperationAction,
  type SystemState,
  type SystemSummary,
} from '../contract/index.ts';
import { closeQuietly } from '../base/index.ts';
import { NotificationType, exitTypeOf, hresultInfo, type HcsNotification } from '../hcs/index.ts';
import type { HcsPort, HcsPortSystem, HcsFailure, SystemListing } from './hcs-port.ts';
import { AppError, appErrorInfo } from './error-info.ts';
import type { EventHub } from './events.ts';
import { HandlePool } from './handle-pool.ts';
import { SERVICE_GONE } from './hresult-explanations.ts';
import { STATE_CHANGING_NOTIFICATIONS } from './notification-kinds.ts';
import { listingKey, normalizeState, sameSummary, summaryFromListing } from './summary.ts';

/** The contract's limit for a notification's document (systems.notification). */
const MAX_NOTIFICATION_DATA = 65_536;

export interface RegistryHooks {
  /** A call or a notification says the service is gone: the link marks it down and reconnects. */
  serviceGone(failure: HcsFailure): void;
}

interface Entry {
  summary: SystemSummary;
  /** Shown to the transports (an entry made to run a request on an unlisted id is not, until it is read). */
  announced: boolean;
  /** Operations in flight on this system; `summary.pending` is the newest one's action. */
  pending: { opId: string; action: OperationAction }[];
  refreshing: Promise<void> | null;
  refreshQueued: boolean;
  /** The registry clock when a fresher source than enumeration (a notification, an outcome) last set it. */
  changedAt: number;
}

/** A failed status's HRESULT name, for the UI to show beside the raw value (the renderer has no table). */
function statusNameOf(status: number): { statusName?: string } {
  if (status === 0) return {};
  const name = hresultInfo(status)?.name;
  return name ? { statusName: name } : {};
}

function blankSummary(id: string, state: SystemState): SystemSummary {
  return {
    id,
    name: '',
    type: '',
    owner: '',
    os: '',
    state,
    runtimeId: '',
    pending: null,
    lastError: null,
    exitType: null,
  };
}

/**
 * The compute systems HCS Desktop shows. HCS announces no new systems, so the list comes from enumeration
 * (`sync`, driven by the service link) and is diffed: only real changes become `systems.changed` /
 * `systems.removed`. Each listed system's handle is held in a `HandlePool` (handle-pool.ts: opened once,
 * registered for notifications); SystemExited marks it Stopped, and a stopped system we hold stays listed
 * until the user closes it or HCS drops it.
 */
export class SystemRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly pool: HandlePool;
  /** Ids of our own creates in flight: enumeration leaves them to the create. */
  private readonly creating = new Set<string>();
  /** Stopped systems the user closed: ignored while HCS still lists them stopped (another client holds them). */
  private readonly dismissed = new Set<string>();
  /**
   * When the user closed each system, on the registry clock: an enumeration begun before that (its `since` is
   * older) lists the system as it was before the close — running, say, if it was terminated meanwhile — and
   * must not bring it back (re-opened, a stopped system we hold would then stay listed for good). Dropped at
   * the first enumeration begun after the close, which has the last word.
   */
  private readonly closedAt = new Map<string, number>();
  /** Counts updates from notifications, operation outcomes, property reads and closes (see `clock`). */
  private ticks = 0;

  constructor(
    private readonly hcs: HcsPort,
    private readonly events: EventHub,
    private readonly hooks: RegistryHooks,
  ) {
    this.pool = new HandlePool(hcs, {
      wanted: (id) => this.entries.has(id),
      notification: (id, n) => this.onNotification(id, n),
      exited: (id, handle) => this.onExited(id, handle),
      serviceGone: (failure) => hooks.serviceGone(failure),
    });
  }

  get generation(): number {
    return this.pool.generation;
  }

  /**
   * Read before enumerating and pass to `sync`: an entry updated since (e.g. SystemExited arrived while the
   * enumeration was in flight) is newer than that enumeration's answer and keeps its state.
   */
  get clock(): number {
    return this.ticks;
  }

  list(): SystemSummary[] {
    return [...this.entries.values()].filter((e) => e.announced).map((e) => e.summary);
  }

  get(id: string): SystemSummary | undefined {
    const entry = this.entries.get(id);
    return entry?.announced ? entry.summary : undefined;
  }

  /**
   * Apply one enumeration: add new systems (opening them in the background), update listed ones, drop the
   * ones HCS no longer lists. `quiet` sends no per-system events (a snapshot follows); `awaitOpens` waits
   * until every new handle is open (after a reconnect).
   */
  async sync(
    listings: SystemListing[],
    options: { quiet?: boolean; awaitOpens?: boolean; since?: number } = {},
  ): Promise<void> {
    const quiet = options.quiet ?? false;
    const since = options.since ?? Number.POSITIVE_INFINITY;
    const seen = new Set<string>();
    const opens: Promise<unknown>[] = [];
    for (const [index, listing] of listings.entries()) {
      // Every system HCS lists is shown. One whose id no request may carry (ids.ts) is listed under its
      // displayed form, marked with the reason, and never opened: its id does not go back to native code.
      const key = listingKey(listing, index);
      const id = key.key;
      if (seen.has(id)) continue;
      seen.add(id);
      if (this.creating.has(id)) continue;
      const closed = this.closedAt.get(id);
      if (closed !== undefined) {
        if (closed > since) continue;
        this.closedAt.delete(id);
      }
      if (this.dismissed.has(id)) {
        if (normalizeState(listing.State, listing.Stopped) === 'Stopped') continue;
        this.dismissed.delete(id); // A new system under the same id.
      }
      const entry = this.entries.get(id);
      if (!entry) {
        this.add(summaryFromListing(listing, undefined, key), quiet);
      } else if (entry.changedAt <= since) {
        const newlyShown = !entry.announced;
        entry.announced = true;
        this.update(entry, this.fromListing(entry, listing, key), quiet, newlyShown);
      }
      if (key.idProblem === null && !this.pool.handle(id))
        opens.push(this.pool.open(id).catch(() => undefined));
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id) || this.creating.has(id) || !entry.announced) continue;
      if (this.pool.handle(id) && entry.summary.state === 'Stopped') continue;
      this.remove(id, quiet);
    }
    for (const id of this.dismissed) if (!seen.has(id)) this.dismissed.delete(id);
    for (const [id, at] of this.closedAt) if (at <= since && !seen.has(id)) this.closedAt.delete(id);
    if (options.awaitOpens) await Promise.allSettled(opens);
  }

  /** The service answered again: drop the dead handles, re-open every listed system, no per-system events. */
  async recover(listings: SystemListing[], since?: number): Promise<void> {
    this.pool.closeDead();
    await this.sync(listings, { quiet: true, awaitOpens: true, since });
  }

  /** The connection is gone: every handle is dead. Keep the list as last known. */
  invalidate(): void {
    this.pool.invalidate();
  }

  /** Our handle to the system, opening it if needed (also for an id HCS listed after the last poll). */
  async handleFor(id: string): Promise<HcsPortSystem> {
    const problem = systemIdProblem(id);
    if (problem) {
      throw new AppError(
        appErrorInfo(`HCS Desktop does not pass the id ${displaySystemId(id)} to HCS: ${problem}.`),
      );
    }
    const entry = this.entries.get(id);
    const held = this.pool.handle(id);
    if (held) return held;
    if (!entry) {
      this.dismissed.delete(id);
      this.entries.set(id, this.newEntry(blankSummary(id, 'Unknown'), false));
    }
    try {
      const handle = await this.pool.open(id);
      void this.refresh(id);
      return handle;
    } catch (e) {
      const placeholder = this.entries.get(id);
      if (placeholder && !placeholder.announced && !this.pool.handle(id)) this.entries.delete(id);
      throw e;
    }
  }

  /** Re-read the system's properties through our handle; concurrent calls coalesce into one more read. */
  refresh(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry || !this.pool.handle(id)) return Promise.resolve();
    if (entry.refreshing) {
      entry.refreshQueued = true;
      return entry.refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        entry.refreshQueued = false;
        const handle = this.pool.handle(id);
        if (!handle) return;
        try {
          const properties = await handle.properties([]);
          if (this.pool.isCurrent(id, handle) && this.entries.get(id) === entry) {
            const newlyShown = !entry.announced;
            entry.announced = true;
            entry.changedAt = ++this.ticks;
            this.update(entry, this.fromListing(entry, { ...properties, Id: id }), false, newlyShown);
          }
        } catch (e) {
          const failure = this.hcs.describeError(e);
          if (failure.serviceGone && this.pool.isCurrent(id, handle)) this.hooks.serviceGone(failure);
          return;
        }
      } while (entry.refreshQueued);
    };
    const refreshing = run().finally(() => {
      entry.refreshing = null;
    });
    entry.refreshing = refreshing;
    return refreshing;
  }

  /** Start of our own create: enumeration leaves the id alone until `adopt` or `abandonCreate`. */
  beginCreate(id: string): number {
    this.creating.add(id);
    this.dismissed.delete(id);
    return this.pool.generation;
  }

  abandonCreate(id: string): void {
    this.creating.delete(id);
  }

  /** Our create succeeded: list the system with the handle HCS gave us. */
  async adopt(id: string, handle: HcsPortSystem, generation: number): Promise<void> {
    this.creating.delete(id);
    if (!this.pool.accepts(generation)) {
      // Created over a connection that has since dropped: the handle is dead; the reconnect re-opens it.
      void closeQuietly(handle);
      return;
    }
    let summary = blankSummary(id, 'Created');
    try {
      summary = summaryFromListing({ ...(await handle.properties([])), Id: id });
    } catch {
      // The row shows what we know; the next notification or poll fills in the rest.
    }
    const entry = this.newEntry(summary, true);
    this.entries.set(id, entry);
    this.pool.attach(id, handle);
    this.events.emit('systems.changed', { system: entry.summary });
  }

  /** The user closed the system: forget it and close our handle (quietly) so HCS can clean it up. */
  async forget(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError(appErrorInfo(`HCS Desktop has no system ${id} open.`));
    if (entry.summary.state === 'Stopped') this.dismissed.add(id);
    this.closedAt.set(id, ++this.ticks);
    this.remove(id, false);
  }

  beginPending(id: string, opId: string, action: OperationAction): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.pending.push({ opId, action });
    this.update(entry, { ...entry.summary, pending: action });
  }

  /** An operation ended: clear its pending mark, record or clear the last error, apply the state it implies. */
  endPending(id: string, opId: string, error: ErrorInfo | null, stateAfter?: SystemState): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.pending = entry.pending.filter((p) => p.opId !== opId);
    const next: SystemSummary = {
      ...entry.summary,
      pending: entry.pending.at(-1)?.action ?? null,
      lastError: error,
    };
    if (!error && stateAfter) next.state = stateAfter;
    entry.changedAt = ++this.ticks;
    this.update(entry, next);
  }

  /**
   * The user dismissed the last error: forget it here, where every client's summary comes from, so a reload
   * or another window does not show it again. An unknown id is refused (the row is gone, nothing to clear).
   */
  clearError(id: string): void {
    const entry = this.entries.get(id);
    if (!entry?.announced) throw new AppError(appErrorInfo(`HCS Desktop has no system ${id} listed.`));
    if (entry.summary.lastError === null) return;
    this.update(entry, { ...entry.summary, lastError: null });
  }

  /** Close every handle (bounded: a hung HCS must not hang the app's exit). */
  stop(): Promise<void> {
    return this.pool.stop();
  }

  private newEntry(summary: SystemSummary, announced: boolean): Entry {
    return {
      summary,
      announced,
      pending: [],
      refreshing: null,
      refreshQueued: false,
      changedAt: 0,
    };
  }

  /** What HCS reports, except that a system we saw exit stays Stopped (compute systems never restart). */
  private fromListing(
    entry: Entry,
    listing: SystemListing,
    key?: ReturnType<typeof listingKey>,
  ): SystemSummary {
    const next = summaryFromListing(listing, entry.summary, key);
    if (this.pool.handle(entry.summary.id) && entry.summary.state === 'Stopped') next.state = 'Stopped';
    return next;
  }

  private add(summary: SystemSummary, quiet: boolean): void {
    this.entries.set(summary.id, this.newEntry(summary, true));
    if (!quiet) this.events.emit('systems.changed', { system: summary });
  }

  private remove(id: string, quiet: boolean): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.pool.release(id);
    if (entry.announced && !quiet) this.events.emit('systems.removed', { id });
  }

  /**
   * Store the new summary; emit `systems.changed` only when something the UI shows changed (or the entry has
   * just become visible).
   */
  private update(entry: Entry, next: SystemSummary, quiet = false, force = false): void {
    const changed = !sameSummary(entry.summary, next);
    entry.summary = next;
    if ((changed || force) && entry.announced && !quiet)
      this.events.emit('systems.changed', { system: next });
  }

  /** A notification on the current handle of `id` (the pool drops those of older handles). The document that
   * came with it (a crash report, an exit status) goes along, cut to what the contract carries. */
  private onNotification(id: string, n: HcsNotification): void {
    this.events.emit('systems.notification', {
      id,
      type: n.type,
      typeName: n.typeName,
      status: n.status,
      ...statusNameOf(n.status),
      ...(n.data !== null ? { data: n.data.slice(0, MAX_NOTIFICATION_DATA) } : {}),
    });
    const entry = this.entries.get(id);
    if (!entry) return;
    if (n.type === NotificationType.ServiceDisconnect) {
      this.hooks.serviceGone({
        message: SERVICE_GONE,
        events: [],
        serviceGone: true,
      });
    } else if (n.type === NotificationType.SystemExited) {
      const exitType = exitTypeOf(n.data, n.status) ?? entry.summary.exitType;
      entry.changedAt = ++this.ticks;
      this.update(entry, { ...entry.summary, state: 'Stopped', exitType });
    } else if (STATE_CHANGING_NOTIFICATIONS.has(n.type)) {
      void this.refresh(id);
    }
  }

  /**
   * wait() resolved: the system exited. SystemExited (with its ExitType) may be delivered just after, so read
   * the properties first and mark the system Stopped only if neither said so.
   */
  private onExited(id: string, handle: HcsPortSystem): void {
    void this.refresh(id).then(() => {
      const entry = this.entries.get(id);
      if (!entry || !this.pool.isCurrent(id, handle) || entry.summary.state === 'Stopped') return;
      entry.changedAt = ++this.ticks;
      this.update(entry, { ...entry.summary, state: 'Stopped' });
    });
  }
}
