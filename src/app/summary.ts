import {
  displaySystemId,
  escapeUnprintable,
  MAX_HOSTING_ID_CHARS,
  systemIdProblem,
  SystemState,
  type SystemSummary,
} from '../contract/index.ts';
import type { SystemListing } from './hcs-port.ts';

/** HCS's state string (any case) as one of the contract's states. */
export function normalizeState(state: string | undefined, stopped?: boolean): SystemState {
  if (state) {
    const match = SystemState.options.find((s) => s.toLowerCase() === state.toLowerCase());
    if (match) return match;
  }
  return stopped ? 'Stopped' : 'Unknown';
}

/**
 * The key a listing is shown under, and why no request may name it (null when one may). HCS always sends
 * an Id; an entry without one is shown all the same, under its RuntimeId (one per instance), else under its
 * position in the answer.
 */
export function listingKey(
  listing: { Id?: unknown },
  index: number,
): { key: string; idProblem: string | null } {
  if (typeof listing.Id !== 'string') {
    const runtimeId = (listing as { RuntimeId?: unknown }).RuntimeId;
    const where =
      typeof runtimeId === 'string' && runtimeId !== ''
        ? `runtime ${escapeUnprintable(runtimeId, true).slice(0, 80)}`
        : `entry ${index + 1}`;
    return { key: `\\(no id, ${where})`, idProblem: 'HCS listed this system without an id' };
  }
  return { key: displaySystemId(listing.Id), idProblem: systemIdProblem(listing.Id) };
}

const TEXT_FIELDS = [
  'Name',
  'SystemType',
  'Owner',
  'RuntimeOsType',
  'State',
  'RuntimeId',
  'ExitType',
  'HostingSystemId',
] as const;

/** A text field of HCS's description, or undefined when it is absent or not text (then named in `wrong`). */
function text(
  listing: SystemListing,
  field: (typeof TEXT_FIELDS)[number],
  wrong: string[],
): string | undefined {
  const value: unknown = listing[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  wrong.push(field);
  return undefined;
}

/**
 * A row of the list from what HCS reports, keeping what only the app knows (pending action, last error) and
 * the exit type once seen (HCS may drop it from later answers). `key` is the row's id (`listingKey`). A field
 * of an unexpected type is left out and named in `listingProblem`: the row is still shown.
 */
export function summaryFromListing(
  listing: SystemListing,
  previous?: SystemSummary,
  key: { key: string; idProblem: string | null } = listingKey(listing, 0),
): SystemSummary {
  const wrong: string[] = [];
  const [name, systemType, owner, runtimeOs, state, runtimeId, exitType, hosting] = TEXT_FIELDS.map((f) =>
    text(listing, f, wrong),
  );
  // A system's host never changes: kept when a later answer (a V1 query without types) leaves it out.
  const hostingSystemId = hosting || previous?.hostingSystemId;
  const type = systemType ?? previous?.type ?? '';
  // Lower case, as hcsshim's os() has it. Before RS5, HCS returned no RuntimeOsType for containers; hcsshim
  // takes those as Windows.
  const os =
    runtimeOs?.toLowerCase() ?? previous?.os ?? (type.toLowerCase() === 'container' ? 'windows' : '');
  const stopped = typeof listing.Stopped === 'boolean' ? listing.Stopped : undefined;
  if (listing.Stopped !== undefined && listing.Stopped !== null && stopped === undefined)
    wrong.push('Stopped');
  return {
    id: key.key,
    ...(key.idProblem === null ? {} : { idProblem: key.idProblem }),
    ...(wrong.length === 0
      ? {}
      : { listingProblem: `HCS described ${wrong.join(', ')} in a form HCS Desktop does not read` }),
    name: name ?? previous?.name ?? '',
    type,
    owner: owner ?? previous?.owner ?? '',
    os,
    state: normalizeState(state, stopped),
    runtimeId: runtimeId ?? previous?.runtimeId ?? '',
    ...(hostingSystemId && hostingSystemId.length <= MAX_HOSTING_ID_CHARS ? { hostingSystemId } : {}),
    pending: previous?.pending ?? null,
    lastError: previous?.lastError ?? null,
    exitType: exitType ?? previous?.exitType ?? null,
  };
}

/** Summaries are plain JSON values: equal when their JSON is (keys are always built in the same order). */
export function sameSummary(a: SystemSummary, b: SystemSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
