/**
 * What `hcsctl events` prints: the app core's timeline entries (src/contract/timeline.ts) and the service's
 * comings and goings, as one line or one JSON object each (docs/hcsctl.md#events). Pure functions.
 */
import {
  displaySystemId,
  escapeUnprintable,
  type ServiceStatus,
  type TimelineEntry,
} from '../contract/index.ts';

/** One event as `hcsctl events --json` prints it. Stable: fields are only ever added. */
export interface EventJson {
  /** ISO 8601, UTC, milliseconds. */
  time: string;
  /** The system's id; null for the service's own events. */
  system: string | null;
  /** notification, state, exit, listed, removed or service (spec.ts EVENT_TYPES). */
  type: string;
  /** The notification's name (SystemExited), the change (Running → Paused), Stopped, Listed, … */
  event: string;
  /** ok, failed or info. */
  status: string;
  /** A sentence of detail: the status of a failed notification, the exit type, the system's kind. */
  detail: string;
  /** Who caused it: other (another HCS client, or the system itself), hcs (the service), app (hcsctl). */
  by: string;
  /** The system's state after the event, as the registry knows it; null when it is no longer listed. */
  state: string | null;
}

/** The last known state of each listed system (the registry's `systems.changed`), for `state`. */
export type StateOf = (id: string) => string | null;

export function timelineEvent(entry: TimelineEntry, stateOf: StateOf): EventJson {
  return {
    time: new Date(entry.at).toISOString(),
    system: entry.systemId,
    // An operation cannot appear (hcsctl events runs none); kept as the timeline says, should one ever.
    type: entry.kind,
    event: entry.what,
    status: entry.result,
    detail: entry.detail,
    by: entry.who,
    state: entry.kind === 'removed' ? null : stateOf(entry.systemId),
  };
}

/** The service went away or came back. */
export function serviceEvent(status: ServiceStatus, at: number): EventJson {
  return {
    time: new Date(at).toISOString(),
    system: null,
    type: 'service',
    event: status.connected ? 'Connected' : 'Disconnected',
    status: status.connected ? 'ok' : 'failed',
    detail: status.message ?? '',
    by: 'hcs',
    state: null,
  };
}

/** `--system` and `--type`: every event passes when none is given. */
export interface EventFilter {
  systems: readonly string[];
  types: readonly string[];
}

export function eventPasses(event: EventJson, filter: EventFilter): boolean {
  // The service's own events concern every system.
  if (filter.systems.length > 0 && event.system !== null && !filter.systems.includes(event.system))
    return false;
  if (filter.types.length === 0) return true;
  return filter.types.some((t) => t === event.type || (event.type === 'notification' && t === event.event));
}

/** TIME  SYSTEM  TYPE  EVENT  STATUS  DETAIL, two spaces apart; nothing HCS sent can move the terminal. */
export function eventLine(event: EventJson): string {
  const cells = [
    event.time,
    event.system === null ? '-' : displaySystemId(event.system),
    event.type,
    escapeUnprintable(event.event),
    event.status,
    escapeUnprintable(event.detail),
  ];
  return cells.join('  ').trimEnd() + '\n';
}
