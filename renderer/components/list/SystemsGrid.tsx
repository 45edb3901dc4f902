import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useApp, useAppStore, useHostStatistics } from '../../store/context.tsx';
import { isFigureColumn, sortByFigures } from '../../store/list-view.ts';
import { makeCheckedVisibleSelector } from '../../store/selectors.ts';
import { CELL_PADDING, COLUMNS, GRID_TEMPLATE, ROW_HEIGHT } from './columns.ts';
import { KeepFocus } from './KeepFocus.tsx';
import { SystemRow } from './SystemRow.tsx';

const useStyles = makeStyles({
  grid: { display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 },
  header: {
    display: 'grid',
    gridTemplateColumns: GRID_TEMPLATE,
    alignItems: 'center',
    minHeight: `${ROW_HEIGHT}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  headerCell: { padding: `0 ${CELL_PADDING}`, overflow: 'hidden' },
  check: { display: 'flex', justifyContent: 'center' },
  sortButton: {
    minWidth: 0,
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    justifyContent: 'flex-start',
    maxWidth: '100%',
  },
  body: { flex: 1, overflow: 'auto', position: 'relative', minHeight: '120px' },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

/**
 * The systems as an ARIA grid, virtualised: arrows/Home/End/PageUp/PageDown move the focused row,
 * Enter opens its details, Space ticks it, Ctrl+A ticks every visible row.
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
  const anySystems = useApp((s) => s.systems.size > 0);
  // The same ids in whichever order: the count over the store's shown ids.
  const selectCheckedVisible = useMemo(makeCheckedVisibleSelector, []);
  const checkedVisible = useApp(selectCheckedVisible);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const wantFocus = useRef(false);

  const focusIndex = focusedId === null ? -1 : ids.indexOf(focusedId);
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

  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => ids[i] ?? i,
    overscan: 8,
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
    if (ids.length === 0) return;
    const i = Math.max(0, Math.min(ids.length - 1, index));
    setFocusedId(ids[i] ?? null);
    virtualizer.scrollToIndex(i);
    wantFocus.current = true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
    );
    const id = ids[activeIndex];
    const state = store.getState();
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: ids.length - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
    };
    const target = moves[e.key];
    if (target !== undefined) moveTo(target);
    else if (e.key === 'Enter' && id) state.openDetails(id);
    else if (e.key === ' ' && id && !(e.target instanceof HTMLInputElement)) state.toggleChecked(id);
    else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) state.setChecked(ids, true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const onFocusRow = useCallback((id: string) => setFocusedId(id), []);
  const items = virtualizer.getVirtualItems();
  // When the active row is scrolled out (not rendered), the row group itself takes Tab and hands focus on.
  const activeRendered = items.some((item) => item.index === activeIndex);

  if (!anySystems || ids.length === 0) {
    return (
      <p className={styles.empty} role="status">
        {anySystems ? 'No systems match the search or filters.' : 'No compute systems.'}
      </p>
    );
  }

  return (
    <div
      role="grid"
      aria-label="Compute systems"
      aria-multiselectable="true"
      aria-rowcount={ids.length + 1}
      aria-colcount={COLUMNS.length + 1}
      className={styles.grid}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={styles.header}>
          <div role="columnheader" className={styles.check}>
            <Checkbox
              aria-label="Select all shown systems"
              checked={checkedVisible === 0 ? false : checkedVisible === ids.length ? true : 'mixed'}
              onChange={(_, data) => store.getState().setChecked(ids, data.checked === true)}
            />
          </div>
          {COLUMNS.map((column) => {
            const sorted = sort.column === column.key;
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={sorted ? sort.direction : undefined}
                className={styles.headerCell}
              >
                <Button
                  className={styles.sortButton}
                  appearance="transparent"
                  size="small"
                  icon={
                    sorted ? (
                      sort.direction === 'ascending' ? (
                        <ArrowSortUpRegular />
                      ) : (
                        <ArrowSortDownRegular />
                      )
                    ) : undefined
                  }
                  iconPosition="after"
                  onClick={() => store.getState().sortBy(column.key)}
                >
                  {column.label}
                </Button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        ref={scrollRef}
        className={styles.body}
        tabIndex={activeRendered ? -1 : 0}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          if (e.target === e.currentTarget && items[0]) moveTo(items[0].index);
        }}
      >
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          <KeepFocus within={scrollRef}>
            {items.map((item) => {
              const id = ids[item.index];
              return id === undefined ? null : (
                <SystemRow
                  key={id}
                  id={id}
                  index={item.index}
                  start={item.start}
                  active={item.index === activeIndex}
                  onFocusRow={onFocusRow}
                />
              );
            })}
          </KeepFocus>
        </div>
      </div>
    </div>
  );
}
