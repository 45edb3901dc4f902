import type { SystemState, SystemSummary } from '../../src/contract/index.ts';
import type { SystemsById } from './systems.ts';

export const SORT_COLUMNS = ['id', 'name', 'type', 'owner', 'os', 'state', 'runtimeId'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface ListView {
  search: string;
  states: readonly SystemState[];
  types: readonly string[];
  /** Owners to show (empty: all). */
  owners?: readonly string[];
  sort: { column: SortColumn; direction: SortDirection };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Search matches any shown column, case-insensitively; every word typed must match somewhere. */
export function matchesSearch(s: SystemSummary, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [s.id, s.name, s.type, s.owner, s.os, s.state, s.runtimeId].join('\u0000').toLowerCase();
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
        matchesSearch(s, view.search),
    )
    .sort((a, b) => sign * collator.compare(a[column], b[column]) || collator.compare(a.id, b.id))
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
