import type { TimelineActor, TimelineEntry, TimelineKind, TimelineResult } from '../../src/contract/index.ts';

export const ACTOR_LABEL: Record<TimelineActor, string> = {
  app: 'HCS Desktop',
  other: 'Another client',
  hcs: 'HCS',
};

export const KIND_LABEL: Record<TimelineKind, string> = {
  operation: 'Operation',
  notification: 'Notification',
  state: 'State change',
  exit: 'Exit',
  listed: 'Listed',
  removed: 'Removed',
};

export const RESULT_LABEL: Record<TimelineResult, string> = {
  ok: 'Succeeded',
  failed: 'Failed',
  pending: 'Running',
  info: '—',
};

/** One line for a person: "Pause — succeeded (done in 12 ms)". */
export function entrySummary(e: TimelineEntry): string {
  const result = e.result === 'info' ? '' : ` — ${RESULT_LABEL[e.result].toLowerCase()}`;
  return `${e.what}${result}${e.detail ? ` (${e.detail})` : ''}`;
}

/** Every text of an entry a search can match, lower-cased. */
export function searchText(e: TimelineEntry): string {
  return [
    e.systemId,
    e.what,
    e.detail,
    ACTOR_LABEL[e.who],
    KIND_LABEL[e.kind],
    RESULT_LABEL[e.result],
    e.error?.message ?? '',
    e.error?.hresult ?? '',
    e.error?.name ?? '',
    ...(e.error?.events ?? []).map((ev) => ev.Message ?? ''),
  ]
    .join('\u0000')
    .toLowerCase();
}
