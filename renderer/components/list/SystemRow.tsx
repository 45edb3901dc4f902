import { Checkbox, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { ACTION_PROGRESS } from '../../lib/lifecycle.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { SystemMark } from '../common/SystemMark.tsx';
import { CELL_PADDING, GRID_TEMPLATE, ROW_HEIGHT } from './columns.ts';
import { FigureCell } from './FigureCell.tsx';

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: `${ROW_HEIGHT}px`,
    display: 'grid',
    gridTemplateColumns: GRID_TEMPLATE,
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  open: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: `0 ${CELL_PADDING}`,
  },
  check: { display: 'flex', justifyContent: 'center' },
  state: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

interface SystemRowProps {
  id: string;
  index: number;
  start: number;
  /** The row that Tab lands on (roving tabindex). */
  active: boolean;
  onFocusRow: (id: string) => void;
}

/**
 * One system. It selects only its own summary and checkbox from the store, so an update to another
 * system does not re-render it.
 */
export const SystemRow = memo(function SystemRow({ id, index, start, active, onFocusRow }: SystemRowProps) {
  const styles = useStyles();
  const store = useAppStore();
  const system = useApp((s) => s.systems.get(id));
  const checked = useApp((s) => s.checked[id] === true);
  const open = useApp((s) => s.detailsId === id);
  if (!system) return null;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      aria-current={open ? 'true' : undefined}
      data-index={index}
      tabIndex={active ? 0 : -1}
      className={mergeClasses(styles.row, open && styles.open)}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => store.getState().openDetails(id)}
      onFocus={(e) => e.target === e.currentTarget && onFocusRow(id)}
    >
      <div role="gridcell" className={styles.check} onClick={(e) => e.stopPropagation()}>
        <Checkbox
          checked={checked}
          tabIndex={-1}
          aria-label={`Select ${id}`}
          onChange={() => store.getState().toggleChecked(id)}
        />
      </div>
      <div role="gridcell" className={mergeClasses(styles.cell, styles.mono)} title={system.id}>
        <SystemMark system={system} />
        {system.id}
      </div>
      <div role="gridcell" className={styles.cell} title={system.name}>
        {system.name}
      </div>
      <div role="gridcell" className={styles.cell}>
        {system.type}
      </div>
      <div role="gridcell" className={styles.cell} title={system.owner}>
        {system.owner}
      </div>
      <div role="gridcell" className={styles.cell}>
        {system.os}
      </div>
      <div role="gridcell" className={mergeClasses(styles.cell, styles.state)}>
        <StateBadge state={system.state} />
        {system.pending && <Spinner size="extra-tiny" aria-label={`${ACTION_PROGRESS[system.pending]}…`} />}
      </div>
      <FigureCell id={id} column="cpu" />
      <FigureCell id={id} column="memory" />
      <FigureCell id={id} column="uptime" />
      <div role="gridcell" className={mergeClasses(styles.cell, styles.mono)} title={system.runtimeId}>
        {system.runtimeId}
      </div>
    </div>
  );
});
