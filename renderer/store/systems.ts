import { hostOf, type SystemSummary } from '../../src/contract/index.ts';

export type SystemsById = Readonly<Record<string, SystemSummary>>;

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

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
    a.pending === b.pending &&
    a.exitType === b.exitType &&
    sameJson(a.lastError, b.lastError)
  );
}

/** The whole list replaces the old one, but rows equal to what we hold keep their identity. */
export function applySnapshot(prev: SystemsById, systems: readonly SystemSummary[]): SystemsById {
  const next: Record<string, SystemSummary> = {};
  let changed = Object.keys(prev).length !== systems.length;
  for (const s of systems) {
    const old = prev[s.id];
    if (old && summaryEquals(old, s)) {
      next[s.id] = old;
    } else {
      next[s.id] = s;
      changed = true;
    }
  }
  return changed ? next : prev;
}

export function applyChanged(prev: SystemsById, system: SystemSummary): SystemsById {
  const old = prev[system.id];
  if (old && summaryEquals(old, system)) return prev;
  return { ...prev, [system.id]: system };
}

/** Many changes at once: the record is copied once, and not at all when nothing really changed. */
export function applyChangedMany(prev: SystemsById, systems: readonly SystemSummary[]): SystemsById {
  let next: Record<string, SystemSummary> | null = null;
  for (const system of systems) {
    const old = (next ?? prev)[system.id];
    if (old && summaryEquals(old, system)) continue;
    next ??= { ...prev };
    next[system.id] = system;
  }
  return next ?? prev;
}

export function applyRemoved(prev: SystemsById, id: string): SystemsById {
  if (!(id in prev)) return prev;
  const next = { ...prev };
  delete next[id];
  return next;
}

/**
 * One host's whole list: that host's systems are replaced (rows equal to what we hold keep their identity),
 * every other host's stay as they are.
 */
export function applyHostSnapshot(
  prev: SystemsById,
  host: string,
  systems: readonly SystemSummary[],
): SystemsById {
  const next: Record<string, SystemSummary> = {};
  let changed = false;
  let kept = 0;
  for (const [key, system] of Object.entries(prev)) {
    if (hostOf(key) !== host) next[key] = system;
    else kept++;
  }
  let accepted = 0;
  for (const s of systems) {
    if (hostOf(s.id) !== host) continue; // Not this host's: a snapshot names only its own systems.
    accepted++;
    const old = prev[s.id];
    if (old && summaryEquals(old, s)) {
      next[s.id] = old;
    } else {
      next[s.id] = s;
      changed = true;
    }
  }
  return changed || kept !== accepted ? next : prev;
}

/** Every system but this host's. */
export function withoutHost(prev: SystemsById, host: string): SystemsById {
  const keys = Object.keys(prev).filter((key) => hostOf(key) === host);
  if (keys.length === 0) return prev;
  const next = { ...prev };
  for (const key of keys) delete next[key];
  return next;
}
