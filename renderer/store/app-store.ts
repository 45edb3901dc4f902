import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  MAX_FINISHED_OPERATIONS,
  type EventOf,
  type HostInfo,
  type Operation,
  type ServiceStatus,
  type SystemState,
  type SystemSummary,
} from '../../src/contract/index.ts';
import type { ConnectionState } from '../transport/index.ts';
import type { ListView, SortColumn, SortDirection } from './list-view.ts';
import { MAX_NOTICES, noticeForOperation, type Notice, type NoticeInput } from './notices.ts';
import { SystemList, type ListChange } from './system-list.ts';

export type SystemNotification = EventOf<'systems.notification'> & { at: number };

/** How many HCS notifications the activity view keeps. */
export const MAX_ACTIVITY = 200;

export interface AppState {
  /**
   * Every system by id. The store updates this map in place (copying 10,000 entries per update costs
   * milliseconds): select one row (`s.systems.get(id)`), its size, or the figures below — never the map itself,
   * which stays the same object. `systemsVersion` changes with every change of it.
   */
  systems: ReadonlyMap<string, SystemSummary>;
  systemsVersion: number;
  /** Changes when which system hosts which does (a hosted container comes, goes or moves): the list's grouping. */
  hostingVersion: number;
  /** A list has arrived (the first snapshot, however short): the first view has its rows from then on. */
  listed: boolean;
  /** The list as shown: the ids passing the search and filters, in the sort order (kept up to date). */
  visibleIds: readonly string[];
  /** The distinct system types present, sorted (the type filter's options). */
  types: readonly string[];
  /** The distinct owners present, sorted (the owner filter's options). */
  owners: readonly string[];
  /**
   * The operations this window knows of, by id, in the order they began; a new map whenever one changes (a
   * map, not a record: a bulk action holds thousands, and a batch per frame copies them all).
   */
  operations: ReadonlyMap<string, Operation>;
  service: ServiceStatus | null;
  connection: ConnectionState;
  /** The remote hosts this app connects to, by id (the local host is `service`). */
  hosts: Readonly<Record<string, HostInfo>>;
  /** Systems ticked for bulk actions. */
  checked: Readonly<Record<string, true>>;
  /** The system whose details are open. */
  detailsId: string | null;
  search: string;
  stateFilter: readonly SystemState[];
  typeFilter: readonly string[];
  ownerFilter: readonly string[];
  /** Host ids to show (LOCAL_HOST_ID for this host; empty: all hosts). The host switcher sets it too. */
  hostFilter: readonly string[];
  sort: { column: SortColumn; direction: SortDirection };
  notices: readonly Notice[];
  activity: readonly SystemNotification[];
  /** Operations started from this window whose outcome it still has to announce. */
  tracked: Readonly<Record<string, true>>;

  applySnapshot(systems: readonly SystemSummary[]): void;
  /** One host's whole list (`systems.snapshot` with a host, or without one for this host's). */
  applyHostSnapshot(host: string, systems: readonly SystemSummary[]): void;
  applyChanged(system: SystemSummary): void;
  applyChangedMany(systems: readonly SystemSummary[]): void;
  applyRemoved(id: string): void;
  applyOperation(op: Operation): void;
  applyOperations(ops: readonly Operation[]): void;
  applyNotification(n: EventOf<'systems.notification'>, at?: number): void;
  setService(status: ServiceStatus): void;
  setConnection(state: ConnectionState): void;
  applyHosts(hosts: readonly HostInfo[]): void;
  applyHost(host: HostInfo): void;
  /** A host removed: it and its systems go. */
  applyHostRemoved(id: string): void;
  track(opId: string): void;
  toggleChecked(id: string): void;
  setChecked(ids: readonly string[], on: boolean): void;
  clearChecked(): void;
  openDetails(id: string | null): void;
  setSearch(search: string): void;
  setStateFilter(states: readonly SystemState[]): void;
  setTypeFilter(types: readonly string[]): void;
  setOwnerFilter(owners: readonly string[]): void;
  setHostFilter(hosts: readonly string[]): void;
  /** Show only what matches these (the host view's counts): every other filter and the search are cleared. */
  filterTo(filter: {
    states?: readonly SystemState[];
    types?: readonly string[];
    owners?: readonly string[];
    hosts?: readonly string[];
  }): void;
  /** Sort by a column; choosing the current column again flips the direction. */
  sortBy(column: SortColumn): void;
  notify(notice: NoticeInput): void;
  dismiss(id: number): void;
}

export type AppStore = StoreApi<AppState>;

function withoutIds<T>(
  record: Readonly<Record<string, T>>,
  keep: (id: string) => boolean,
): Record<string, T> {
  const next: Record<string, T> = {};
  for (const [id, value] of Object.entries(record)) if (keep(id)) next[id] = value;
  return next;
}

/**
 * Once more than MAX_FINISHED_OPERATIONS finished operations are held, those that began first go (in place). The
 * core forgets the one that finished longest ago instead (src/app/operation-record.ts): a window copies its
 * map on every batch anyway, so the order of the scan costs it nothing extra.
 */
function pruneOperations(operations: Map<string, Operation>): void {
  let finished = 0;
  for (const op of operations.values()) if (op.status !== 'pending') finished++;
  for (const [opId, op] of operations) {
    if (finished <= MAX_FINISHED_OPERATIONS) break;
    if (op.status !== 'pending') {
      operations.delete(opId);
      finished--;
    }
  }
}

const INITIAL_VIEW: ListView = {
  search: '',
  states: [],
  types: [],
  owners: [],
  hosts: [],
  sort: { column: 'id', direction: 'ascending' },
};

export function createAppStore(): AppStore {
  let nextNoticeId = 1;
  const list = new SystemList(INITIAL_VIEW);
  return createStore<AppState>()((set, get) => {
    const pushNotice = (notices: readonly Notice[], input: NoticeInput): Notice[] =>
      [...notices, { ...input, id: nextNoticeId++ }].slice(-MAX_NOTICES);

    /** What the store publishes after the list changed (nothing when it did not). */
    const listPatch = (s: AppState, change: ListChange): Partial<AppState> => {
      const patch: Partial<AppState> = {};
      if (change.rows) patch.systemsVersion = s.systemsVersion + 1;
      if (change.hosting) patch.hostingVersion = s.hostingVersion + 1;
      if (change.order) patch.visibleIds = list.ids;
      if (change.types) patch.types = list.types;
      if (change.owners) patch.owners = list.owners;
      return patch;
    };

    /**
     * A list arrived (all of it, or one host's) and replaced what was held: the list's patch, the ticks and the
     * details of systems no longer there dropped, and the first list noted even when it changed nothing.
     */
    const applyReplaced = (change: ListChange): void => {
      const s = get();
      if (!change.rows) {
        if (!s.listed) set({ listed: true });
        return;
      }
      set({
        listed: true,
        ...listPatch(s, change),
        checked: withoutIds(s.checked, (id) => list.systems.has(id)),
        detailsId: s.detailsId !== null && list.systems.has(s.detailsId) ? s.detailsId : null,
      });
    };

    /** The list view changed: the shown ids are derived again. */
    const viewPatch = (s: AppState, view: Partial<ListView>): Partial<AppState> => {
      const next: ListView = { ...list.currentView, ...view };
      return listPatch(s, list.setView(next));
    };

    /**
     * Records operations and announces those this window started and are over: one copy of each record per
     * batch (a bulk action of 1,000 systems ends 1,000 tracked operations in a few frames; a copy of `tracked`
     * per ended operation made that quadratic).
     */
    const operationsPatch = (state: AppState, ops: readonly Operation[]): Partial<AppState> => {
      const operations = new Map(state.operations);
      let tracked: Record<string, true> | null = null;
      let notices = state.notices;
      for (const op of ops) {
        operations.set(op.opId, op);
        if (op.status !== 'pending' && (tracked ?? state.tracked)[op.opId]) {
          tracked ??= { ...state.tracked };
          delete tracked[op.opId];
          const notice = noticeForOperation(op);
          if (notice) notices = pushNotice(notices, notice);
        }
      }
      pruneOperations(operations);
      return { operations, tracked: tracked ?? state.tracked, notices };
    };

    return {
      systems: list.systems,
      systemsVersion: 0,
      hostingVersion: 0,
      listed: false,
      visibleIds: list.ids,
      types: list.types,
      owners: list.owners,
      operations: new Map(),
      service: null,
      connection: 'connecting',
      checked: {},
      detailsId: null,
      search: '',
      stateFilter: [],
      typeFilter: [],
      ownerFilter: [],
      hostFilter: [],
      hosts: {},
      sort: { column: 'id', direction: 'ascending' },
      notices: [],
      activity: [],
      tracked: {},

      applyHostSnapshot: (host, systems) => applyReplaced(list.replaceHost(host, systems)),
      applySnapshot: (systems) => applyReplaced(list.replaceAll(systems)),
      applyChanged: (system) => get().applyChangedMany([system]),
      applyChangedMany: (systems) => {
        const change = list.update(systems);
        if (change.rows) set((s) => listPatch(s, change));
      },
      applyRemoved: (id) => {
        const s = get();
        const change = list.remove(id);
        if (!change.rows) return;
        set({
          ...listPatch(s, change),
          checked: s.checked[id] ? withoutIds(s.checked, (other) => other !== id) : s.checked,
          detailsId: s.detailsId === id ? null : s.detailsId,
        });
      },
      applyOperation: (op) => set((s) => operationsPatch(s, [op])),
      applyOperations: (ops) => set((s) => operationsPatch(s, ops)),
      applyNotification: (n, at = Date.now()) =>
        set((s) => ({ activity: [...s.activity, { ...n, at }].slice(-MAX_ACTIVITY) })),
      setService: (service) => set({ service }),
      setConnection: (connection) => set({ connection }),
      applyHosts: (infos) => set({ hosts: Object.fromEntries(infos.map((h) => [h.id, h])) }),
      // An answer (hosts.trust: "connecting") may arrive after the event that followed it ("connected"):
      // a host's info older than the one held (it entered its state earlier) is not applied.
      applyHost: (host) =>
        set((s) => {
          const held = s.hosts[host.id];
          return held && held.since > host.since ? {} : { hosts: { ...s.hosts, [host.id]: host } };
        }),
      applyHostRemoved: (id) => {
        const s = get();
        const change = list.replaceHost(id, []);
        const hostFilter = s.hostFilter.filter((h) => h !== id);
        const view = hostFilter.length === s.hostFilter.length ? {} : viewPatch(s, { hosts: hostFilter });
        set({
          ...listPatch(s, change),
          ...view,
          hosts: withoutIds(s.hosts, (other) => other !== id),
          hostFilter: hostFilter.length === s.hostFilter.length ? s.hostFilter : hostFilter,
          checked: withoutIds(s.checked, (key) => list.systems.has(key)),
          detailsId: s.detailsId !== null && list.systems.has(s.detailsId) ? s.detailsId : null,
        });
      },
      track: (opId) =>
        set((s) => {
          const op = s.operations.get(opId);
          // The outcome may have arrived before the acknowledgement did.
          if (op && op.status !== 'pending') {
            const notice = noticeForOperation(op);
            return notice ? { notices: pushNotice(s.notices, notice) } : {};
          }
          return { tracked: { ...s.tracked, [opId]: true } };
        }),
      toggleChecked: (id) =>
        set((s) =>
          s.checked[id]
            ? { checked: withoutIds(s.checked, (other) => other !== id) }
            : { checked: { ...s.checked, [id]: true } },
        ),
      setChecked: (ids, on) =>
        set((s) => {
          const checked = { ...s.checked };
          for (const id of ids) {
            if (on && list.systems.has(id)) checked[id] = true;
            else delete checked[id];
          }
          return { checked };
        }),
      clearChecked: () => set({ checked: {} }),
      openDetails: (detailsId) =>
        set({ detailsId: detailsId !== null && list.systems.has(detailsId) ? detailsId : null }),
      setSearch: (search) => set((s) => ({ search, ...viewPatch(s, { search }) })),
      setStateFilter: (states) =>
        set((s) => ({ stateFilter: [...states], ...viewPatch(s, { states: [...states] }) })),
      setTypeFilter: (types) =>
        set((s) => ({ typeFilter: [...types], ...viewPatch(s, { types: [...types] }) })),
      setOwnerFilter: (owners) =>
        set((s) => ({ ownerFilter: [...owners], ...viewPatch(s, { owners: [...owners] }) })),
      setHostFilter: (hosts) =>
        set((s) => ({ hostFilter: [...hosts], ...viewPatch(s, { hosts: [...hosts] }) })),
      filterTo: ({ states = [], types = [], owners = [], hosts = [] }) =>
        set((s) => ({
          search: '',
          stateFilter: [...states],
          typeFilter: [...types],
          ownerFilter: [...owners],
          hostFilter: [...hosts],
          ...viewPatch(s, {
            search: '',
            states: [...states],
            types: [...types],
            owners: [...owners],
            hosts: [...hosts],
          }),
        })),
      sortBy: (column) =>
        set((s) => {
          const sort = {
            column,
            direction:
              s.sort.column === column && s.sort.direction === 'ascending'
                ? ('descending' as const)
                : ('ascending' as const),
          };
          return { sort, ...viewPatch(s, { sort }) };
        }),
      notify: (notice) => set((s) => ({ notices: pushNotice(s.notices, notice) })),
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    };
  });
}
