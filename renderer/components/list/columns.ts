import type { SortColumn } from '../../store/list-view.ts';

export const ROW_HEIGHT = 40;

/**
 * The list's columns, in order: the one registry the header, the rows' grid template and the column count
 * read. Add a column with one entry here and its cell in `SystemRow.tsx`.
 */
export const COLUMNS: ReadonlyArray<{ key: SortColumn; label: string; width: string }> = [
  { key: 'id', label: 'ID', width: 'minmax(120px, 1.6fr)' },
  { key: 'name', label: 'Name', width: 'minmax(100px, 1fr)' },
  { key: 'type', label: 'Type', width: 'minmax(90px, 0.8fr)' },
  { key: 'owner', label: 'Owner', width: 'minmax(80px, 0.8fr)' },
  { key: 'os', label: 'OS', width: 'minmax(64px, 0.5fr)' },
  { key: 'state', label: 'State', width: 'minmax(112px, 0.9fr)' },
  // A running system's live figures (the host's statistics: FigureCell.tsx).
  { key: 'cpu', label: 'CPU', width: 'minmax(72px, 0.6fr)' },
  { key: 'memory', label: 'Memory', width: 'minmax(96px, 0.7fr)' },
  { key: 'uptime', label: 'Uptime', width: 'minmax(88px, 0.6fr)' },
  { key: 'runtimeId', label: 'Runtime ID', width: 'minmax(100px, 1.4fr)' },
];

/** One template for the header and every row so the columns line up (first column: the checkbox). */
export const GRID_TEMPLATE = ['40px', ...COLUMNS.map((c) => c.width)].join(' ');

/** Horizontal padding shared by header and body cells, so the columns line up. */
export const CELL_PADDING = '8px';
