import {
  LOCAL_HOST_ID,
  hostOf,
  type SystemFigures,
  type SystemState,
  type SystemSummary,
} from '../../src/contract/index.ts';

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

/** A row's searchable text, made once per summary object (summaries are never changed, only replaced). */
const haystacks = new WeakMap<SystemSummary, string>();
function haystackOf(s: SystemSummary): string {
  let text = haystacks.get(s);
  if (text === undefined) {
    // A hosted container is found by its utility VM's id too (the list shows it under that VM).
    text = [
      s.id,
      s.name,
      s.type,
      s.owner,
      s.os,
      s.state,
      s.runtimeId,
      hostLabel(hostOf(s.id)),
      s.hostingSystemId ?? '',
    ]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(s, text);
  }
  return text;
}

/** The words of a search, lower-cased (every one must match somewhere). */
function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Search matches any shown column, case-insensitively; every word typed must match somewhere. */
function matchesWords(s: SystemSummary, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = haystackOf(s);
  return words.every((w) => haystack.includes(w));
}

/** Whether a row passes the view's search and filters. */
export function viewFilter(view: ListView): (s: SystemSummary) => boolean {
  const words = searchWords(view.search);
  return (s) =>
    (view.states.length === 0 || view.states.includes(s.state)) &&
    (view.types.length === 0 || view.types.includes(s.type)) &&
    (!view.owners || view.owners.length === 0 || view.owners.includes(s.owner)) &&
    (!view.hosts || view.hosts.length === 0 || view.hosts.includes(hostOf(s.id))) &&
    matchesWords(s, words);
}

/**
 * The view's order: the chosen column (natural, case-insensitive), ties by id, then by the id's exact text,
 * so that the order is total (no two rows compare equal) and stable between updates.
 */
export function viewComparator(view: ListView): (a: SystemSummary, b: SystemSummary) => number {
  const { column, direction } = view.sort;
  const sign = direction === 'ascending' ? 1 : -1;
  // A live figure's order is applied over this one where the figures are (SystemsGrid, sortByFigures): here
  // such a column leaves the rows in id order.
  return (a, b) =>
    (isFigureColumn(column) ? 0 : sign * collator.compare(sortKey(a, column), sortKey(b, column))) ||
    collator.compare(a.id, b.id) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The ids to show, in order, computed from scratch (the store keeps them up to date: system-list.ts). */
export function visibleIds(systems: Iterable<SystemSummary>, view: ListView): string[] {
  const keep = viewFilter(view);
  return [...systems]
    .filter(keep)
    .sort(viewComparator(view))
    .map((s) => s.id);
}

/**
 * The order of the filter options (types, owners): natural and case-insensitive, then by exact text, so that
 * values differing only in case ("docker", "Docker") always come in the same order.
 */
export function compareOptions(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The distinct owners present, for the owner filter's options. */
export function ownersOf(systems: Iterable<SystemSummary>): string[] {
  return [...new Set([...systems].map((s) => s.owner))].sort(compareOptions);
}

/** The distinct system types present, for the type filter's options. */
export function typesOf(systems: Iterable<SystemSummary>): string[] {
  return [...new Set([...systems].map((s) => s.type))].sort(compareOptions);
}
