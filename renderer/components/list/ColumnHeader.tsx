import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { SortColumn, SortDirection } from '../../store/list-view.ts';
import { Splitter } from '../common/Splitter.tsx';
import { CELL_PADDING, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './columns.ts';

const useStyles = makeStyles({
  headerCell: { padding: `0 ${CELL_PADDING}`, overflow: 'hidden', position: 'relative', height: '100%' },
  inner: { display: 'flex', alignItems: 'center', height: '100%' },
  sortButton: {
    minWidth: 0,
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    justifyContent: 'flex-start',
    maxWidth: '100%',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  resize: { position: 'absolute', top: 0, right: 0, bottom: 0, width: '8px' },
});

interface ColumnHeaderProps {
  column: { key: SortColumn; label: string };
  sort: { column: SortColumn; direction: SortDirection };
  /** The width the person gave the column, if any (else the cell's laid-out width is the splitter's value). */
  width: number | undefined;
  onSort: (column: SortColumn) => void;
  onResize: (column: SortColumn, width: number) => void;
  onCommit: (column: SortColumn, width: number) => void;
}

/** A column's header: its sort button and, at its right edge, the splitter that sets its width. */
export function ColumnHeader({ column, sort, width, onSort, onResize, onCommit }: ColumnHeaderProps) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [laidOut, setLaidOut] = useState<number>(MIN_COLUMN_WIDTH);
  // The splitter starts from the width the column has on screen, so the first drag does not jump.
  useEffect(() => {
    const cell = ref.current;
    if (!cell) return;
    const measure = () => setLaidOut(Math.round(cell.getBoundingClientRect().width) || MIN_COLUMN_WIDTH);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(cell);
    return () => observer.disconnect();
  }, []);
  const sorted = sort.column === column.key;
  return (
    <div
      ref={ref}
      role="columnheader"
      // Named by its label alone (the splitter inside has a name of its own, not part of the header's).
      aria-label={column.label}
      aria-sort={sorted ? sort.direction : undefined}
      className={styles.headerCell}
    >
      <div className={styles.inner}>
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
          onClick={() => onSort(column.key)}
        >
          {column.label}
        </Button>
      </div>
      <Splitter
        className={styles.resize}
        label={`Width of the ${column.label} column`}
        value={width ?? laidOut}
        min={MIN_COLUMN_WIDTH}
        max={MAX_COLUMN_WIDTH}
        direction={1}
        onResize={(w) => onResize(column.key, w)}
        onCommit={(w) => onCommit(column.key, w)}
      />
    </div>
  );
}
