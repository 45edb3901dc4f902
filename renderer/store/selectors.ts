import type { SystemSummary } from '../../src/contract/index.ts';
import type { AppState } from './app-store.ts';

/**
 * Every system as an array, made again only when a system changed (systemsVersion): for views that count or
 * group all of them (the host view). The list itself reads visibleIds and one row at a time instead.
 */
export function makeAllSystemsSelector(): (s: AppState) => readonly SystemSummary[] {
  let version = -1;
  let all: readonly SystemSummary[] = [];
  return (s) => {
    if (s.systemsVersion !== version) {
      version = s.systemsVersion;
      all = [...s.systems.values()];
    }
    return all;
  };
}

/**
 * How many of the shown systems are ticked: counted again only when the shown ids or the ticks change, not
 * at every store update (with 10,000 rows the count is a loop over all of them).
 */
export function makeCheckedVisibleSelector(): (s: AppState) => number {
  let ids: readonly string[] | null = null;
  let checked: AppState['checked'] | null = null;
  let count = 0;
  return (s) => {
    if (s.visibleIds !== ids || s.checked !== checked) {
      ids = s.visibleIds;
      checked = s.checked;
      count = 0;
      if (Object.keys(checked).length > 0) for (const id of ids) if (checked[id]) count++;
    }
    return count;
  };
}

/**
 * `derive(visibleIds, systems)`, for a derivation that reads only which shown system is hosted where (the
 * list's grouping): made again only when the shown ids or the hosting changed (visibleIds, hostingVersion), not
 * at every store update. A state change, an operation's progress or a notice must not cost a loop over 10,000
 * rows, and during a bulk action rows change at every frame.
 */
export function makeShownHostingSelector<T>(
  derive: (ids: readonly string[], systems: AppState['systems']) => T,
): (s: AppState) => T {
  let ids: readonly string[] | null = null;
  let version = -1;
  let value!: T;
  return (s) => {
    if (s.visibleIds !== ids || s.hostingVersion !== version) {
      ids = s.visibleIds;
      version = s.hostingVersion;
      value = derive(ids, s.systems);
    }
    return value;
  };
}

/** The remote hosts' ids, sorted (memoised: a host's state changing does not change them). */
export function makeHostIdsSelector(): (s: AppState) => string[] {
  let lastHosts: unknown = null;
  let result: string[] = [];
  return (s) => {
    if (lastHosts !== s.hosts) {
      const next = Object.keys(s.hosts).sort();
      if (next.length !== result.length || next.some((h, i) => h !== result[i])) result = next;
      lastHosts = s.hosts;
    }
    return result;
  };
}

/** The operation in flight on a system, if the summary has not caught up yet. */
export function pendingOperationFor(s: AppState, systemId: string) {
  for (const op of s.operations.values()) {
    // Waiting for the exit holds nothing: every action stays available meanwhile.
    if (op.systemId === systemId && op.status === 'pending' && op.action !== 'wait') return op;
  }
  return undefined;
}

/** Whether this window's app core is waiting for the system to exit (systems.waitExit). */
export function isWaitingForExit(s: AppState, systemId: string): boolean {
  for (const op of s.operations.values())
    if (op.systemId === systemId && op.status === 'pending' && op.action === 'wait') return true;
  return false;
}
