import { Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useApp, useAppStore, useHostStatistics } from '../../store/context.tsx';
import { isFigureColumn, sortByFigures, type SortColumn } from '../../store/list-view.ts';
import { makeCheckedVisibleSelector, makeShownHostingSelector } from '../../store/selectors.ts';
import { ColumnHeader } from './ColumnHeader.tsx';
import { COLUMNS, ROW_HEIGHT, gridMinWidth, gridTemplate } from './columns.ts';
import { groupRows, hostingFromSignature, hostingSignature } from './grouping.ts';
import { KeepFocus } from './KeepFocus.tsx';
import { RowMenu, copySystemId, type RowMenuTarget } from './RowMenu.tsx';
import { SystemRow } from './SystemRow.tsx';
import { useRememberedLayout } from './use-remembered-layout.ts';
import { VISUALLY_HIDDEN } from '../common/visually-hidden.ts';

const useStyles = makeStyles({
  grid: { display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 },
  // One box scrolls both ways, so the header moves sideways with the rows and never spills out of the list
  // (it printed over the details pane in a small window); it stays at the top (sticky) when scrolling down.
  scroller: { flex: 1, overflow: 'auto', position: 'relative', minHeight: '120px' },
  headerGroup: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: 'grid',
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  check: { display: 'flex', justifyContent: 'center' },
  actionsHeader: VISUALLY_HIDDEN,
  // Sticky at the right edge, as the rows' actions cells are.
  actionsColumn: {
    position: 'sticky',
    right: 0,
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: { position: 'relative' },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

/**
 * The systems as an ARIA tree grid, virtualised: arrows/Home/End/PageUp/PageDown move the focused row,
 * → and ← open and fold a utility VM's hosted containers (← on a container goes to its VM), Enter opens the
 * details, Space ticks the row, Ctrl+A ticks every shown system, Ctrl+C copies the row's full id, and
 * Shift+F10 or the context-menu key opens the row's menu.
 */
export function SystemsGrid() {
  const styles = useStyles();
  const store = useAppStore();
  const filtered = useApp((s) => s.visibleIds);
  const sort = useApp((s) => s.sort);
  // Sorted by a live figure: re-ordered when the list's figures change (at most once a second).
  const figures = useStore(useHostStatistics().store, (s) =>
    isFigureColumn(sort.column) ? s.listFigures : null,
  );
  const ids = useMemo(
    () =>
      figures && isFigureColumn(sort.column)
        ? sortByFigures(filtered, figures, sort.column, sort.direction)
        : filtered,
    [filtered, figures, sort],
  );
  // Hosted containers go under their utility VM: a string of who is hosted where, so that only a change of
  // that (not of a state or a figure) regroups the rows.
  const selectHosting = useMemo(() => makeShownHostingSelector(hostingSignature), []);
  const hosting = useApp(selectHosting);
  const layout = useRememberedLayout();
  const rows = useMemo(
    () => groupRows(ids, hostingFromSignature(hosting), layout.collapsed),
    [ids, hosting, layout.collapsed],
  );
  const folding = useMemo(() => rows.some((r) => r.children > 0), [rows]);
  const anySystems = useApp((s) => s.systems.size > 0);
  // Before the first list (the server answers the socket once HCS has been listed), "none" would be untrue.
  const listed = useApp((s) => s.listed);
  // The same ids in whichever order: the count over the store's shown ids.
  const selectCheckedVisible = useMemo(makeCheckedVisibleSelector, []);
  const checkedVisible = useApp(selectCheckedVisible);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [menu, setMenu] = useState<RowMenuTarget | null>(null);
  const [menuHost, setMenuHost] = useState<HTMLDivElement | null>(null);
  const wantFocus = useRef(false);

  const focusIndex = focusedId === null ? -1 : rows.findIndex((r) => r.id === focusedId);
  const activeIndex = focusIndex >= 0 ? focusIndex : 0;
  // The active row stays rendered even when a re-sort moves it out of view, so it keeps the keyboard focus.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= range.count || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );

  // The same function while the rows are the same: the virtualizer lays out every row again (10,000 of them)
  // whenever the key function changes, and the grid renders again at each frame of a scroll.
  const getItemKey = useCallback((i: number) => rows[i]?.id ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 8,
    // The rows start under the header, which stays over them: a row scrolled to is put below it.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    rangeExtractor,
  });

  // After a keyboard move the target row may only now be rendered: focus it once it exists.
  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus();
    }
  });

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setFocusedId(rows[i]?.id ?? null);
    virtualizer.scrollToIndex(i);
    wantFocus.current = true;
  };

  const { toggle } = layout;
  const onMenu = useCallback((id: string, anchor: RowMenuTarget['anchor'], row: HTMLElement | null) => {
    setFocusedId(id);
    setMenu({ id, anchor, returnFocus: row });
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The header's buttons and splitters keep their own keys.
    if (e.target instanceof Element && e.target.closest('[data-list-header]')) return;
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2,
    );
    const row = rows[activeIndex];
    const id = row?.id;
    const state = store.getState();
    const onRow = e.target instanceof HTMLElement && e.target.getAttribute('role') === 'row';
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
    };
    const target = moves[e.key];
    if (target !== undefined) moveTo(target);
    else if (e.key === 'ArrowRight' && row && row.children > 0)
      if (row.expanded) moveTo(activeIndex + 1);
      else toggle(row.id);
    else if (e.key === 'ArrowLeft' && row && row.children > 0 && row.expanded) toggle(row.id);
    else if (e.key === 'ArrowLeft' && row?.parent !== undefined) {
      const parent = row.parent;
      moveTo(rows.findIndex((r) => r.id === parent));
    } else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && id && onRow)
      onMenu(id, e.target as HTMLElement, e.target as HTMLElement);
    else if (e.key === 'Enter' && id) state.openDetails(id);
    else if (e.key === ' ' && id && !(e.target instanceof HTMLInputElement)) state.toggleChecked(id);
    else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) state.setChecked(ids, true);
    else if (e.key.toLowerCase() === 'c' && (e.ctrlKey || e.metaKey) && id && onRow) copySystemId(store, id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const onFocusRow = useCallback((id: string) => setFocusedId(id), []);
  const onSort = useCallback((column: SortColumn) => store.getState().sortBy(column), [store]);
  const template = useMemo(() => gridTemplate(layout.widths), [layout.widths]);
  const minWidth = useMemo(() => gridMinWidth(layout.widths), [layout.widths]);
  const items = virtualizer.getVirtualItems();
  // When the active row is scrolled out (not rendered), the grid itself takes Tab and hands focus on.
  const activeRendered = items.some((item) => item.index === activeIndex);

  if (!anySystems || ids.length === 0) {
    return (
      <p className={styles.empty} role="status">
        {anySystems
          ? 'No systems match the search or filters.'
          : listed
            ? 'No compute systems.'
            : 'Listing compute systems…'}
      </p>
    );
  }

  return (
    <div className={styles.grid}>
      <div
        ref={scrollRef}
        role="treegrid"
        aria-label="Compute systems"
        aria-multiselectable="true"
        aria-rowcount={rows.length + 1}
        aria-colcount={COLUMNS.length + 2}
        className={styles.scroller}
        tabIndex={activeRendered ? -1 : 0}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          if (e.target === e.currentTarget && items[0]) moveTo(items[0].index);
        }}
      >
        <div role="rowgroup" data-list-header="" className={styles.headerGroup} style={{ minWidth }}>
          <div
            role="row"
            aria-rowindex={1}
            className={styles.header}
            style={{ gridTemplateColumns: template }}
          >
            <div role="columnheader" className={styles.check}>
              <Checkbox
                aria-label="Select all shown systems"
                checked={checkedVisible === 0 ? false : checkedVisible === ids.length ? true : 'mixed'}
                onChange={(_, data) => store.getState().setChecked(ids, data.checked === true)}
              />
            </div>
            {COLUMNS.map((column) => (
              <ColumnHeader
                key={column.key}
                column={column}
                sort={sort}
                width={layout.widths[column.key]}
                onSort={onSort}
                onResize={layout.resizeColumn}
                onCommit={layout.commitColumn}
              />
            ))}
            <div role="columnheader" className={styles.actionsColumn}>
              <span className={styles.actionsHeader}>Actions</span>
            </div>
          </div>
        </div>
        <div
          role="rowgroup"
          className={styles.body}
          style={{ height: `${virtualizer.getTotalSize()}px`, minWidth }}
        >
          <KeepFocus within={scrollRef}>
            {items.map((item) => {
              const row = rows[item.index];
              return row === undefined ? null : (
                <SystemRow
                  key={row.id}
                  id={row.id}
                  level={row.level}
                  childCount={row.children}
                  expanded={row.expanded}
                  folding={folding}
                  index={item.index}
                  start={item.start - ROW_HEIGHT}
                  template={template}
                  active={item.index === activeIndex}
                  onFocusRow={onFocusRow}
                  onToggle={toggle}
                  onMenu={onMenu}
                />
              );
            })}
          </KeepFocus>
        </div>
      </div>
      <div ref={setMenuHost} />
      <RowMenu target={menu} onClose={() => setMenu(null)} mountNode={menuHost} />
    </div>
  );
}
