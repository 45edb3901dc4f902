import type { AppState } from './app-store.ts';
import { ownersOf, typesOf, visibleIds } from './list-view.ts';

/**
 * A memoised selector for the visible ids: recomputed only when the systems or the view change, so
 * toasts, operations and selection do not re-sort the list.
 */
export function makeVisibleIdsSelector(): (s: AppState) => string[] {
  let last: {
    systems: unknown;
    search: string;
    states: unknown;
    types: unknown;
    owners: unknown;
    sort: unknown;
  } | null = null;
  let result: string[] = [];
  return (s) => {
    if (
      !last ||
      last.systems !== s.systems ||
      last.search !== s.search ||
      last.states !== s.stateFilter ||
      last.types !== s.typeFilter ||
      last.owners !== s.ownerFilter ||
      last.sort !== s.sort
    ) {
      const next = visibleIds(s.systems, {
        search: s.search,
        states: s.stateFilter,
        types: s.typeFilter,
        owners: s.ownerFilter,
        sort: s.sort,
      });
      // Same ids in the same order: hand back the old array so the list does not re-render.
      if (next.length !== result.length || next.some((id, i) => id !== result[i])) result = next;
      last = {
        systems: s.systems,
        search: s.search,
        states: s.stateFilter,
        types: s.typeFilter,
        owners: s.ownerFilter,
        sort: s.sort,
      };
    }
    return result;
  };
}

export function makeTypesSelector(of: typeof typesOf = typesOf): (s: AppState) => string[] {
  let lastSystems: unknown = null;
  let result: string[] = [];
  return (s) => {
    if (lastSystems !== s.systems) {
      const next = of(s.systems);
      if (next.length !== result.length || next.some((t, i) => t !== result[i])) result = next;
      lastSystems = s.systems;
    }
    return result;
  };
}

/** The owners present, for the owner filter (memoised like the types). */
export function makeOwnersSelector(): (s: AppState) => string[] {
  return makeTypesSelector(ownersOf);
}

/** The operation in flight on a system, if the summary has not caught up yet. */
export function pendingOperationFor(s: AppState, systemId: string) {
  for (const op of Object.values(s.operations)) {
    // Waiting for the exit holds nothing: every action stays available meanwhile.
    if (op.systemId === systemId && op.status === 'pending' && op.action !== 'wait') return op;
  }
  return undefined;
}

/** Whether this window's app core is waiting for the system to exit (systems.waitExit). */
export function isWaitingForExit(s: AppState, systemId: string): boolean {
  return Object.values(s.operations).some(
    (op) => op.systemId === systemId && op.status === 'pending' && op.action === 'wait',
  );
}
