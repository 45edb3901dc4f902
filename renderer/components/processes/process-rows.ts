import { ProcessListItem } from '../../../src/contract/index.ts';

/**
 * The rows of a V2 ProcessList when it has the shape of process items (as HCS sends it), else null (the view
 * then shows the JSON as it came).
 */
export function processRows(list: unknown): ProcessListItem[] | null {
  if (!Array.isArray(list)) return null;
  const rows: ProcessListItem[] = [];
  for (const item of list) {
    const parsed = ProcessListItem.safeParse(item);
    if (!parsed.success) return null;
    rows.push(parsed.data);
  }
  return rows;
}

/** When the process started, as a time of day (the full timestamp as it came if it cannot be read). */
export function startedAt(item: Pick<ProcessListItem, 'CreateTimestamp'>): string {
  if (!item.CreateTimestamp) return '—';
  const ms = Date.parse(item.CreateTimestamp);
  return Number.isNaN(ms) ? item.CreateTimestamp : new Date(ms).toLocaleTimeString();
}

/** User plus kernel time, in HCS's 100-ns units (undefined when neither is known). */
export function cpuTime100ns(
  item: Pick<ProcessListItem, 'UserTime100ns' | 'KernelTime100ns'>,
): number | undefined {
  if (item.UserTime100ns === undefined && item.KernelTime100ns === undefined) return undefined;
  return (item.UserTime100ns ?? 0) + (item.KernelTime100ns ?? 0);
}
