import type { TimelineEntry, TimelineKind, TimelineResult } from '../../src/contract/index.ts';
import { ACTOR_LABEL, KIND_LABEL, RESULT_LABEL, searchText } from './describe.ts';

export interface TimelineFilter {
  systems: readonly string[];
  kinds: readonly TimelineKind[];
  results: readonly TimelineResult[];
  search: string;
}

export const NO_FILTER: TimelineFilter = { systems: [], kinds: [], results: [], search: '' };

/** The entries the filter lets through, newest first. Every word of the search must match somewhere. */
export function filterEntries(entries: readonly TimelineEntry[], f: TimelineFilter): TimelineEntry[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  const out: TimelineEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (f.systems.length > 0 && !f.systems.includes(e.systemId)) continue;
    if (f.kinds.length > 0 && !f.kinds.includes(e.kind)) continue;
    if (f.results.length > 0 && !f.results.includes(e.result)) continue;
    if (words.length > 0) {
      const text = searchText(e);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(e);
  }
  return out;
}

/** A JSON export: the entries as the core keeps them, with the filter that chose them. */
export function toJson(entries: readonly TimelineEntry[], filter: TimelineFilter): string {
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), filter, entries }, null, 2)}\n`;
}

const CSV_COLUMNS = [
  'time',
  'system',
  'kind',
  'who',
  'what',
  'result',
  'detail',
  'hresult',
  'error',
  'errorEvents',
];

/** RFC 4180: every field quoted, quotes doubled, CRLF between records. */
function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** A CSV export for a spreadsheet: one row per entry, the labels a person reads, times in ISO 8601. */
export function toCsv(entries: readonly TimelineEntry[]): string {
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.systemId,
      KIND_LABEL[e.kind],
      ACTOR_LABEL[e.who],
      e.what,
      RESULT_LABEL[e.result],
      e.detail,
      e.error?.hresult ?? '',
      e.error?.message ?? '',
      (e.error?.events ?? [])
        .map((ev) => ev.Message ?? '')
        .filter(Boolean)
        .join(' | '),
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.map(csvField).join(','), ...rows].join('\r\n') + '\r\n';
}
