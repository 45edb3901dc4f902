import {
  LOCAL_HOST_ID,
  hostOf,
  type SystemFigures,
  type SystemState,
  type SystemSummary,
} from '../../src/contract/index.ts';
import type { SystemsById } from './systems.ts';

export const SORT_COLUMNS = ['host', 'id', 'name', 'type', 'owner', 'os', 'state', 'runtimeId'] as const;
/** Columns of the running systems' live figures (the host's statistics), sorted by `sortByFigures`. */
export const FIGURE_COLUMNS = ['cpu', 'memory', 'uptime'] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
export type SortColumn = (typeof SORT_COLUMNS)[number] | FigureColumn;

export function isFigureColumn(column: SortColumn): column is FigureColumn {
  return (FIGURE_COLUMNS as readonly string[]).includes(column);
}

const FIGURE: Record<FigureColumn, (f: SystemFigures) => number | null> = {
  cpu: (f) => f.cpuPercent,
  memory: (f) => f.memoryBytes,
  uptime: (f) => f.uptime100ns,
};

/**
 * The shown ids ordered by a live figure (stable: ties keep their order). Systems without the figure (not
 * running, or no sample yet) come last in either direction.
 */
export function sortByFigures(
  ids: readonly string[],
  figures: Readonly<Record<string, SystemFigures>>,
  column: FigureColumn,
  direction: SortDirection,
): string[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (id: string) => {
    const f = figures[id];
    return f ? FIGURE[column](f) : null;
  };
  return [...ids].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  });
}
export type SortDirection = 'ascending' | 'descending';

export interface ListView {
  search: string;
  states: readonly SystemState[];
  types: readonly string[];
  /** Owners to show (empty: all). */
  owners?: readonly string[];
  /** Host ids to show (LOCAL_HOST_ID for this host; empty: all). */
  hosts?: readonly string[];
  sort: { column: SortColumn; direction: SortDirection };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The host column's text: a remote host's id, or "local" for this one. */
export function hostLabel(host: string): string {
  return host === LOCAL_HOST_ID ? 'local' : host;
}

/** What a column sorts on: the host is read from the key (src/contract/hosts.ts), this host first. */
function sortKey(s: SystemSummary, column: (typeof SORT_COLUMNS)[number]): string {
  if (column !== 'host') return s[column];
  const host = hostOf(s.id);
  return host === LOCAL_HOST_ID ? '' : host;
}

/** Search matches any shown column, case-insensitively; every word typed must match somewhere. */
export function matchesSearch(s: SystemSummary, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [s.id, s.name, s.type, s.owner, s.os, s.state, s.runtimeId, hostLabel(hostOf(s.id))]
    .join('\u0000')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The ids to show, in order. Ties fall back to the id so the order is stable between updates. */
export function visibleIds(systems: SystemsById, view: ListView): string[] {
  const { column, direction } = view.sort;
  const sign = direction === 'ascending' ? 1 : -1;
  return Object.values(systems)
    .filter(
      (s) =>
        (view.states.length === 0 || view.states.includes(s.state)) &&
        (view.types.length === 0 || view.types.includes(s.type)) &&
        (!view.owners || view.owners.length === 0 || view.owners.includes(s.owner)) &&
        (!view.hosts || view.hosts.length === 0 || view.hosts.includes(hostOf(s.id))) &&
        matchesSearch(s, view.search),
    )
    .sort(
      (a, b) =>
        (isFigureColumn(column) ? 0 : sign * collator.compare(sortKey(a, column), sortKey(b, column))) ||
        collator.compare(a.id, b.id),
    )
    .map((s) => s.id);
}

/** The distinct owners present, for the owner filter's options. */
export function ownersOf(systems: SystemsById): string[] {
  return [...new Set(Object.values(systems).map((s) => s.owner))].sort(collator.compare);
}

/** The distinct system types present, for the type filter's options. */
export function typesOf(systems: SystemsById): string[] {
  return [...new Set(Object.values(systems).map((s) => s.type))].sort(collator.compare);
}
