import type { SortColumn } from '../../store/list-view.ts';

export const ROW_HEIGHT = 40;

/** The narrowest and widest a person may make a list column (a remembered width is clamped to these). */
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 800;

/**
 * The list's columns, in order: the one registry the header, the rows' grid template and the column count
 * read. Add a column with one entry here and its cell in `SystemRow.tsx`.
 */
export const COLUMNS: ReadonlyArray<{
  key: SortColumn;
  label: string;
  /** The least width in CSS pixels, and the share of the room left that the column takes. */
  min: number;
  share: number;
}> = [
  { key: 'id', label: 'ID', min: 120, share: 1.6 },
  { key: 'name', label: 'Name', min: 100, share: 1 },
  { key: 'type', label: 'Type', min: 110, share: 0.8 },
  { key: 'owner', label: 'Owner', min: 96, share: 0.8 },
  { key: 'os', label: 'OS', min: 64, share: 0.5 },
  { key: 'state', label: 'State', min: 112, share: 0.9 },
  // A running system's live figures (the host's statistics: FigureCell.tsx).
  { key: 'cpu', label: 'CPU', min: 72, share: 0.6 },
  { key: 'memory', label: 'Memory', min: 96, share: 0.7 },
  { key: 'uptime', label: 'Uptime', min: 88, share: 0.6 },
  { key: 'runtimeId', label: 'Runtime ID', min: 100, share: 1.4 },
  // Last, so the columns every host has keep their places (src/contract/hosts.ts: the host is in the key).
  { key: 'host', label: 'Host', min: 72, share: 0.7 },
];

/** The first column (the row's checkbox) and the last (the row's actions button). */
const CHECK_WIDTH = 40;
const ACTIONS_WIDTH = 40;

const clampWidth = (w: number) => Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, Math.round(w)));

/**
 * One template for the header and every row so the columns line up: a column the person resized has its
 * width (settings.layout.columnWidths, by column key), the others their default share.
 */
export function gridTemplate(widths: Readonly<Record<string, number>> = {}): string {
  const columns = COLUMNS.map((c) => {
    const w = widths[c.key];
    return w === undefined ? `minmax(${c.min}px, ${c.share}fr)` : `${clampWidth(w)}px`;
  });
  return [`${CHECK_WIDTH}px`, ...columns, `${ACTIONS_WIDTH}px`].join(' ');
}

/** The least width the columns take: the list scrolls sideways below it, its header with it. */
export function gridMinWidth(widths: Readonly<Record<string, number>> = {}): number {
  let total = CHECK_WIDTH + ACTIONS_WIDTH;
  for (const c of COLUMNS) {
    const w = widths[c.key];
    total += w === undefined ? c.min : clampWidth(w);
  }
  return total;
}

/** Horizontal padding shared by header and body cells, so the columns line up. */
export const CELL_PADDING = '8px';
