import { SystemId, SystemState, type SystemSummary } from '../contract/index.ts';
import type { SystemListing } from './hcs-port.ts';

/** HCS's state string (any case) as one of the contract's states. */
export function normalizeState(state: string | undefined, stopped?: boolean): SystemState {
  if (state) {
    const match = SystemState.options.find((s) => s.toLowerCase() === state.toLowerCase());
    if (match) return match;
  }
  return stopped ? 'Stopped' : 'Unknown';
}

/** Whether HCS's id can travel in the contract (every request names a system by a SystemId). */
export function isListableId(id: unknown): id is string {
  return SystemId.safeParse(id).success;
}

/**
 * A row of the list from what HCS reports, keeping what only the app knows (pending action, last error) and
 * the exit type once seen (HCS may drop it from later answers).
 */
export function summaryFromListing(listing: SystemListing, previous?: SystemSummary): SystemSummary {
  const type = listing.SystemType ?? previous?.type ?? '';
  // Lower case, as hcsshim's os() has it. Before RS5, HCS returned no RuntimeOsType for containers; hcsshim
  // takes those as Windows.
  const os =
    listing.RuntimeOsType?.toLowerCase() ??
    previous?.os ??
    (type.toLowerCase() === 'container' ? 'windows' : '');
  return {
    id: listing.Id,
    name: listing.Name ?? previous?.name ?? '',
    type,
    owner: listing.Owner ?? previous?.owner ?? '',
    os,
    state: normalizeState(listing.State, listing.Stopped),
    runtimeId: listing.RuntimeId ?? previous?.runtimeId ?? '',
    pending: previous?.pending ?? null,
    lastError: previous?.lastError ?? null,
    exitType: listing.ExitType ?? previous?.exitType ?? null,
  };
}

/** Summaries are plain JSON values: equal when their JSON is (keys are always built in the same order). */
export function sameSummary(a: SystemSummary, b: SystemSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
