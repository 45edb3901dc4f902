import { hostOf, type SystemSummary } from '../../src/contract/index.ts';
import { compareOptions, viewComparator, viewFilter, type ListView } from './list-view.ts';

/** Field-by-field equality; lets unchanged rows keep their object so they skip re-rendering. */
export function summaryEquals(a: SystemSummary, b: SystemSummary): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.type === b.type &&
    a.owner === b.owner &&
    a.os === b.os &&
    a.state === b.state &&
    a.runtimeId === b.runtimeId &&
    a.hostingSystemId === b.hostingSystemId &&
    a.pending === b.pending &&
    a.exitType === b.exitType &&
    a.idProblem === b.idProblem &&
    a.listingProblem === b.listingProblem &&
    (a.lastError === b.lastError || JSON.stringify(a.lastError) === JSON.stringify(b.lastError))
  );
}

/**
 * Above this many changes in one batch that move rows, re-sorting everything is cheaper than moving each.
 * (Each move is two binary searches and an array splice of up to n ids.)
 */
const REBUILD_ABOVE_MOVES = 256;

/**
 * What an update did: whether any row changed, whether the shown order did, whether the set of types or of
 * owners did, and whether which system hosts which did (a system with a utility VM came, went or moved).
 */
export interface ListChange {
  rows: boolean;
  order: boolean;
  types: boolean;
  owners: boolean;
  hosting: boolean;
}
const NOTHING: ListChange = { rows: false, order: false, types: false, owners: false, hosting: false };

/** Whether a system's utility VM differs between two forms of it (absent: the system is not there). */
function hostingDiffers(before: SystemSummary | undefined, after: SystemSummary | undefined): boolean {
  return before?.hostingSystemId !== after?.hostingSystemId;
}

/** The distinct values of one field over all rows (a count per value), published as a sorted array. */
class DistinctValues {
  private readonly counts = new Map<string, number>();
  private list: readonly string[] = [];

  constructor(private readonly field: (s: SystemSummary) => string) {}

  get values(): readonly string[] {
    return this.list;
  }

  count(s: SystemSummary, delta: 1 | -1): void {
    const value = this.field(s);
    const n = (this.counts.get(value) ?? 0) + delta;
    if (n > 0) this.counts.set(value, n);
    else this.counts.delete(value);
  }

  /** A new sorted array when the set of values changed; whether it did. */
  refresh(): boolean {
    const old = this.list;
    if (old.length === this.counts.size && old.every((v) => this.counts.has(v))) return false;
    this.list = [...this.counts.keys()].sort(compareOptions);
    return true;
  }
}

/**
 * Every system by id and the list as shown, kept up to date incrementally: a change of one system touches
 * its entry and, only if it moves or enters or leaves the view, the shown order (found by binary search).
 * With 10,000 systems, re-deriving the list from scratch (filter and collator sort) or copying a
 * 10,000-key record costs milliseconds per update; a change here costs microseconds unless it moves a row.
 *
 * The map is mutated in place; readers get `ids` (a new array whenever the order changed), `types` and
 * `owners`.
 */
export class SystemList {
  private readonly byId = new Map<string, SystemSummary>();
  private order: string[] = [];
  private published: readonly string[] = [];
  private readonly typeValues = new DistinctValues((s) => s.type);
  private readonly ownerValues = new DistinctValues((s) => s.owner);
  private view: ListView;
  private keep: (s: SystemSummary) => boolean;
  private compare: (a: SystemSummary, b: SystemSummary) => number;

  constructor(view: ListView) {
    this.view = view;
    this.keep = viewFilter(view);
    this.compare = viewComparator(view);
  }

  get systems(): ReadonlyMap<string, SystemSummary> {
    return this.byId;
  }

  /** The shown ids in order; the same array until the order changes. */
  get ids(): readonly string[] {
    return this.published;
  }

  /** The distinct types present, sorted; the same array until the set changes. */
  get types(): readonly string[] {
    return this.typeValues.values;
  }

  /** The distinct owners present, sorted; the same array until the set changes. */
  get owners(): readonly string[] {
    return this.ownerValues.values;
  }

  /** The whole list replaces the old one; rows equal to what we hold keep their object. */
  replaceAll(systems: readonly SystemSummary[]): ListChange {
    const seen = new Set<string>();
    let rows = systems.length !== this.byId.size;
    let hosting = false;
    for (const s of systems) {
      seen.add(s.id);
      const old = this.byId.get(s.id);
      if (old && summaryEquals(old, s)) continue;
      if (old) this.count(old, -1);
      this.count(s, +1);
      hosting ||= hostingDiffers(old, s);
      this.byId.set(s.id, s);
      rows = true;
    }
    for (const [id, old] of this.byId) {
      if (seen.has(id)) continue;
      this.byId.delete(id);
      this.count(old, -1);
      hosting ||= hostingDiffers(old, undefined);
      rows = true;
    }
    if (!rows) return NOTHING;
    return { rows, order: this.rebuild(), ...this.refreshValues(), hosting };
  }

  /**
   * One host's whole list (src/contract/hosts.ts: the host is in the key): that host's systems are replaced,
   * rows equal to what we hold keep their object, every other host's stay. A system of another host in it is
   * ignored (a host's snapshot names only its own).
   */
  replaceHost(host: string, systems: readonly SystemSummary[]): ListChange {
    const seen = new Set<string>();
    let rows = false;
    let hosting = false;
    for (const s of systems) {
      if (hostOf(s.id) !== host) continue;
      seen.add(s.id);
      const old = this.byId.get(s.id);
      if (old && summaryEquals(old, s)) continue;
      if (old) this.count(old, -1);
      this.count(s, +1);
      hosting ||= hostingDiffers(old, s);
      this.byId.set(s.id, s);
      rows = true;
    }
    for (const [id, old] of this.byId) {
      if (seen.has(id) || hostOf(id) !== host) continue;
      this.byId.delete(id);
      this.count(old, -1);
      hosting ||= hostingDiffers(old, undefined);
      rows = true;
    }
    if (!rows) return NOTHING;
    return { rows, order: this.rebuild(), ...this.refreshValues(), hosting };
  }

  /** Changes of some systems (new ones are added; the last of one id wins); equal rows change nothing. */
  update(systems: readonly SystemSummary[]): ListChange {
    const changed: Array<{ before: SystemSummary | undefined; after: SystemSummary }> = [];
    // The latest change of each system counts (a batch may carry several of one).
    const latest = new Map<string, SystemSummary>();
    for (const s of systems) latest.set(s.id, s);
    for (const s of latest.values()) {
      const old = this.byId.get(s.id);
      if (old && summaryEquals(old, s)) continue;
      changed.push({ before: old, after: s });
    }
    if (changed.length === 0) return NOTHING;
    const moving = new Set(
      changed.filter(({ before, after }) => this.moves(before, after)).map((c) => c.after),
    );
    for (const { before, after } of changed) {
      if (before) this.count(before, -1);
      this.count(after, +1);
    }
    let order = false;
    if (moving.size > REBUILD_ABOVE_MOVES) {
      for (const { after } of changed) this.byId.set(after.id, after);
      order = this.rebuild();
    } else {
      for (const { before, after } of changed) {
        if (moving.has(after)) this.move(before, after);
        this.byId.set(after.id, after);
      }
      if (moving.size > 0) order = this.publish();
    }
    const hosting = changed.some(({ before, after }) => hostingDiffers(before, after));
    return { rows: true, order, ...this.refreshValues(), hosting };
  }

  remove(id: string): ListChange {
    const old = this.byId.get(id);
    if (!old) return NOTHING;
    let order = false;
    if (this.keep(old)) {
      this.splice(old, undefined);
      order = this.publish();
    }
    this.byId.delete(id);
    this.count(old, -1);
    return { rows: true, order, ...this.refreshValues(), hosting: hostingDiffers(old, undefined) };
  }

  /** A new search, filter or sort: the shown list is derived again. */
  setView(view: ListView): ListChange {
    this.view = view;
    this.keep = viewFilter(view);
    this.compare = viewComparator(view);
    return { rows: false, order: this.rebuild(), types: false, owners: false, hosting: false };
  }

  get currentView(): ListView {
    return this.view;
  }

  /** Whether a change can move its row in the shown list (enter, leave, or change its sort key). */
  private moves(before: SystemSummary | undefined, after: SystemSummary): boolean {
    const was = before !== undefined && this.keep(before);
    const is = this.keep(after);
    if (was !== is) return true;
    return is && before !== undefined && this.compare(before, after) !== 0;
  }

  /**
   * Takes `before` out of the order (if shown) and puts `after` in (if shown). Called before the map holds
   * `after`: every row the order holds is then looked up as the order was sorted by.
   */
  private move(before: SystemSummary | undefined, after: SystemSummary): void {
    this.splice(before && this.keep(before) ? before : undefined, this.keep(after) ? after : undefined);
  }

  private splice(remove: SystemSummary | undefined, insert: SystemSummary | undefined): void {
    if (remove) {
      const at = this.position(remove);
      if (this.order[at] === remove.id) this.order.splice(at, 1);
    }
    if (insert) this.order.splice(this.position(insert), 0, insert.id);
  }

  /** The first index whose row sorts at or after `target` (binary search: the order is total). */
  private position(target: SystemSummary): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.byId.get(this.order[mid]!)!, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rebuild(): boolean {
    const rows: SystemSummary[] = [];
    for (const s of this.byId.values()) if (this.keep(s)) rows.push(s);
    rows.sort(this.compare);
    this.order = rows.map((s) => s.id);
    return this.publish();
  }

  /** A new array for the readers when the order differs from what they hold. */
  private publish(): boolean {
    const next = this.order;
    const old = this.published;
    if (next.length === old.length && next.every((id, i) => id === old[i])) return false;
    this.published = next.slice();
    return true;
  }

  private count(s: SystemSummary, delta: 1 | -1): void {
    this.typeValues.count(s, delta);
    this.ownerValues.count(s, delta);
  }

  private refreshValues(): { types: boolean; owners: boolean } {
    return { types: this.typeValues.refresh(), owners: this.ownerValues.refresh() };
  }
}
