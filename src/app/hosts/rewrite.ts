import {
  REMOTE_SESSION_ID_MAX,
  qualify,
  splitQualified,
  type ExecSession,
  type Operation,
  type SystemFigures,
  type SystemSummary,
  type TimelineEntry,
} from '../../contract/index.ts';

/*
 * A remote host's answers and events as the local core passes them on: every key of a system, operation and
 * session qualified with the host (src/contract/hosts.ts). What the host relays from hosts it is connected to
 * itself (keys already qualified there) is not taken: only what a host runs itself is shown, so hosts
 * connected to each other never loop.
 */

/** A key the host qualified itself: something it relays from another host. */
export function isRelayed(key: string): boolean {
  return splitQualified(key) !== null;
}

const REMOTE_SESSION_ID = new RegExp(`^[a-z0-9-]{1,${REMOTE_SESSION_ID_MAX}}$`);

/** A session id a host may give its own sessions (their qualified key must fit an output frame). */
export function isRemoteSessionId(sessionId: string): boolean {
  return REMOTE_SESSION_ID.test(sessionId);
}

export function qualifySummary(host: string, system: SystemSummary): SystemSummary {
  return { ...system, id: qualify(host, system.id) };
}

export function qualifyOperation(host: string, operation: Operation): Operation {
  return { ...operation, opId: qualify(host, operation.opId), systemId: qualify(host, operation.systemId) };
}

export function qualifySession(host: string, session: ExecSession): ExecSession {
  return {
    ...session,
    sessionId: qualify(host, session.sessionId),
    systemId: qualify(host, session.systemId),
  };
}

/** A remote entry in the local timeline: its own seq here (one sequence for every host's entries). */
export function qualifyEntry(host: string, entry: TimelineEntry, seq: number): TimelineEntry {
  return {
    ...entry,
    seq,
    systemId: qualify(host, entry.systemId),
    opId: entry.opId === null ? null : qualify(host, entry.opId),
  };
}

export function qualifyFigures(
  host: string,
  figures: Record<string, SystemFigures>,
): Record<string, SystemFigures> {
  const out: Record<string, SystemFigures> = {};
  for (const [id, value] of Object.entries(figures)) if (!isRelayed(id)) out[qualify(host, id)] = value;
  return out;
}
