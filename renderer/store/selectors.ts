import type { AppState } from './app-store.ts';

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
