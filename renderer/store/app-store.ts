import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  EventOf,
  Operation,
  ServiceStatus,
  SystemState,
  SystemSummary,
} from '../../src/contract/index.ts';
import type { ConnectionState } from '../transport/index.ts';
import type { SortColumn, SortDirection } from './list-view.ts';
import { MAX_NOTICES, noticeForOperation, type Notice, type NoticeInput } from './notices.ts';
import { applyChanged, applyChangedMany, applyRemoved, applySnapshot, type SystemsById } from './systems.ts';

export type SystemNotification = EventOf<'systems.notification'> & { at: number };

/** How many HCS notifications the activity view keeps. */
export const MAX_ACTIVITY = 200;

export interface AppState {
  systems: SystemsById;
  operations: Readonly<Record<string, Operation>>;
  service: ServiceStatus | null;
  connection: ConnectionState;
  /** Systems ticked for bulk actions. */
  checked: Readonly<Record<string, true>>;
  /** The system whose details are open. */
  detailsId: string | null;
  search: string;
  stateFilter: readonly SystemState[];
  typeFilter: readonly string[];
  ownerFilter: readonly string[];
  sort: { column: SortColumn; direction: SortDirection };
  notices: readonly Notice[];
  activity: readonly SystemNotification[];
  /** Operations started from this window whose outcome it still has to announce. */
  tracked: Readonly<Record<string, true>>;

  applySnapshot(systems: readonly SystemSummary[]): void;
  applyChanged(system: SystemSummary): void;
  applyChangedMany(systems: readonly SystemSummary[]): void;
  applyRemoved(id: string): void;
  applyOperation(op: Operation): void;
  applyOperations(ops: readonly Operation[]): void;
  applyNotification(n: EventOf<'systems.notification'>, at?: number): void;
  setService(status: ServiceStatus): void;
  setConnection(state: ConnectionState): void;
  track(opId: string): void;
  toggleChecked(id: string): void;
  setChecked(ids: readonly string[], on: boolean): void;
  clearChecked(): void;
  openDetails(id: string | null): void;
  setSearch(search: string): void;
  setStateFilter(states: readonly SystemState[]): void;
  setTypeFilter(types: readonly string[]): void;
  setOwnerFilter(owners: readonly string[]): void;
  /** Show only what matches these (the host view's counts): every other filter and the search are cleared. */
  filterTo(filter: {
    states?: readonly SystemState[];
    types?: readonly string[];
    owners?: readonly string[];
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

export function createAppStore(): AppStore {
  let nextNoticeId = 1;
  return createStore<AppState>()((set, get) => {
    const pushNotice = (notices: readonly Notice[], input: NoticeInput): Notice[] =>
      [...notices, { ...input, id: nextNoticeId++ }].slice(-MAX_NOTICES);

    /** Records one operation and announces it if this window started it and it is over. */
    const operationPatch = (state: AppState, op: Operation): Partial<AppState> => {
      const patch: Partial<AppState> = { operations: { ...state.operations, [op.opId]: op } };
      if (state.tracked[op.opId] && op.status !== 'pending') {
        patch.tracked = withoutIds(state.tracked, (id) => id !== op.opId);
        const notice = noticeForOperation(op);
        if (notice) patch.notices = pushNotice(state.notices, notice);
      }
      return patch;
    };

    return {
      systems: {},
      operations: {},
      service: null,
      connection: 'connecting',
      checked: {},
      detailsId: null,
      search: '',
      stateFilter: [],
      typeFilter: [],
      ownerFilter: [],
      sort: { column: 'id', direction: 'ascending' },
      notices: [],
      activity: [],
      tracked: {},

      applySnapshot: (list) =>
        set((s) => {
          const systems = applySnapshot(s.systems, list);
          if (systems === s.systems) return {};
          return {
            systems,
            checked: withoutIds(s.checked, (id) => id in systems),
            detailsId: s.detailsId !== null && s.detailsId in systems ? s.detailsId : null,
          };
        }),
      applyChanged: (system) =>
        set((s) => {
          const systems = applyChanged(s.systems, system);
          return systems === s.systems ? {} : { systems };
        }),
      applyChangedMany: (list) =>
        set((s) => {
          const systems = applyChangedMany(s.systems, list);
          return systems === s.systems ? {} : { systems };
        }),
      applyRemoved: (id) =>
        set((s) => {
          const systems = applyRemoved(s.systems, id);
          if (systems === s.systems) return {};
          return {
            systems,
            checked: withoutIds(s.checked, (other) => other !== id),
            detailsId: s.detailsId === id ? null : s.detailsId,
          };
        }),
      applyOperation: (op) => set((s) => operationPatch(s, op)),
      applyOperations: (ops) =>
        set((s) => {
          let state = s;
          for (const op of ops) state = { ...state, ...operationPatch(state, op) };
          return { operations: state.operations, tracked: state.tracked, notices: state.notices };
        }),
      applyNotification: (n, at = Date.now()) =>
        set((s) => ({ activity: [...s.activity, { ...n, at }].slice(-MAX_ACTIVITY) })),
      setService: (service) => set({ service }),
      setConnection: (connection) => set({ connection }),
      track: (opId) =>
        set((s) => {
          const op = s.operations[opId];
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
            if (on && id in s.systems) checked[id] = true;
            else delete checked[id];
          }
          return { checked };
        }),
      clearChecked: () => set({ checked: {} }),
      openDetails: (detailsId) =>
        set({ detailsId: detailsId !== null && detailsId in get().systems ? detailsId : null }),
      setSearch: (search) => set({ search }),
      setStateFilter: (stateFilter) => set({ stateFilter: [...stateFilter] }),
      setTypeFilter: (typeFilter) => set({ typeFilter: [...typeFilter] }),
      setOwnerFilter: (ownerFilter) => set({ ownerFilter: [...ownerFilter] }),
      filterTo: ({ states = [], types = [], owners = [] }) =>
        set({ search: '', stateFilter: [...states], typeFilter: [...types], ownerFilter: [...owners] }),
      sortBy: (column) =>
        set((s) => ({
          sort: {
            column,
            direction:
              s.sort.column === column && s.sort.direction === 'ascending' ? 'descending' : 'ascending',
          },
        })),
      notify: (notice) => set((s) => ({ notices: pushNotice(s.notices, notice) })),
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    };
  });
}
