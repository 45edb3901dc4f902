import type { SortColumn } from '../../store/list-view.ts';

export const ROW_HEIGHT = 40;

export const COLUMNS: ReadonlyArray<{ key: SortColumn; label: string }> = [
  { key: 'id', label: 'ID' },
  { key: 'name', label: 'Name' },
  { key: 'type', label: 'Type' },
  { key: 'owner', label: 'Owner' },
  { key: 'os', label: 'OS' },
  { key: 'state', label: 'State' },
  { key: 'runtimeId', label: 'Runtime ID' },
  // Last, so the columns every host has keep their places (src/contract/hosts.ts: the host is in the key).
  { key: 'host', label: 'Host' },
];

/** One template for the header and every row so the columns line up (first column: the checkbox). */
export const GRID_TEMPLATE =
  '40px minmax(120px, 1.6fr) minmax(100px, 1fr) minmax(90px, 0.8fr) minmax(80px, 0.8fr) minmax(64px, 0.5fr) minmax(112px, 0.9fr) minmax(120px, 1.4fr) minmax(72px, 0.7fr)';

/** Horizontal padding shared by header and body cells, so the columns line up. */
export const CELL_PADDING = '8px';
