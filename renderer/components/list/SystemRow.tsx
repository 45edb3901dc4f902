import { Button, Checkbox, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  BoxRegular,
  ChevronDownRegular,
  ChevronRightRegular,
  DesktopRegular,
  MoreHorizontalRegular,
} from '@fluentui/react-icons';
import { memo, type MouseEvent } from 'react';
import { LOCAL_HOST_ID, hostOf, localKeyOf } from '../../../src/contract/index.ts';
import { ACTION_PROGRESS } from '../../lib/lifecycle.ts';
import { ownerLabel } from '../../lib/owners.ts';
import { ownName, shortId } from '../../lib/short-id.ts';
import { hostLabel } from '../../store/list-view.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { OwnerMark } from '../common/OwnerMark.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { SystemMark } from '../common/SystemMark.tsx';
import { CELL_PADDING, ROW_HEIGHT } from './columns.ts';
import { FigureCell } from './FigureCell.tsx';
import { RowSpinner } from './RowSpinner.tsx';
import type { ListRow } from './grouping.ts';
import { VISUALLY_HIDDEN } from '../common/visually-hidden.ts';

/** How far a hosted container's id is set in under its utility VM's. */
const INDENT = 20;

const useStyles = makeStyles({
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: `${ROW_HEIGHT}px`,
    display: 'grid',
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    // A background of its own, which the actions cell (sticky at the right edge) takes over the cells under it.
    backgroundColor: tokens.colorNeutralBackground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  open: { backgroundColor: tokens.colorNeutralBackground1Selected },
  // A system of a host that is not connected: its last known state, kept until the host is back.
  away: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: `0 ${CELL_PADDING}`,
  },
  check: { display: 'flex', justifyContent: 'center' },
  state: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  // An icon or mark before a cell's text, which stays the cell's accessible name.
  withMark: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  icon: { flexShrink: 0, fontSize: '16px', color: tokens.colorNeutralForeground2 },
  twoLines: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    lineHeight: tokens.lineHeightBase200,
  },
  sub: {
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  none: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  // The expander is the mouse's way to fold a utility VM's containers; the keyboard's are ←/→ on the row, and
  // assistive technology reads the row's aria-expanded.
  expander: {
    display: 'inline-flex',
    flexShrink: 0,
    width: '16px',
    cursor: 'pointer',
    color: tokens.colorNeutralForeground2,
  },
  spacer: { display: 'inline-block', flexShrink: 0, width: '16px' },
  hidden: VISUALLY_HIDDEN,
  // Kept in sight at the list's right edge when the columns scroll sideways in a narrow list.
  actions: {
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'center',
    height: '100%',
    position: 'sticky',
    right: 0,
    backgroundColor: 'inherit',
  },
});

interface SystemRowProps {
  id: string;
  /** Where the row sits in the tree (grouping.ts): its level, its shown hosted containers, folded or not. */
  level: ListRow['level'];
  childCount: number;
  expanded: boolean;
  /** Whether any row of the list folds (then every top-level id leaves room for the chevron, to line up). */
  folding: boolean;
  index: number;
  start: number;
  /** The rows' grid template (the columns' widths). */
  template: string;
  /** The row that Tab lands on (roving tabindex). */
  active: boolean;
  onFocusRow: (id: string) => void;
  onToggle: (id: string) => void;
  /** Opens the row's menu at the pointer or at an element. */
  onMenu: (id: string, anchor: HTMLElement | { x: number; y: number }, row: HTMLElement | null) => void;
}

/**
 * One system. It selects only its own summary and checkbox from the store, so an update to another
 * system does not re-render it.
 */
export const SystemRow = memo(function SystemRow(props: SystemRowProps) {
  const {
    id,
    level,
    childCount,
    expanded,
    folding,
    index,
    start,
    template,
    active,
    onFocusRow,
    onToggle,
    onMenu,
  } = props;
  const styles = useStyles();
  const store = useAppStore();
  const system = useApp((s) => s.systems.get(id));
  const checked = useApp((s) => s.checked[id] === true);
  const open = useApp((s) => s.detailsId === id);
  const host = hostOf(id);
  const hostState = useApp((s) => (host === LOCAL_HOST_ID ? null : (s.hosts[host]?.state ?? null)));
  const away = host !== LOCAL_HOST_ID && hostState !== 'connected';
  if (!system) return null;
  // A remote system is named by its id on its host, and the host (its key is `@host/id`).
  const shown = localKeyOf(system.id);
  const short = shortId(shown);
  const named = host === LOCAL_HOST_ID ? system.id : `${shown} on ${host}`;
  const name = ownName(system.name, shown);
  const parentRow = childCount > 0;
  const TypeIcon = system.type === 'VirtualMachine' ? DesktopRegular : BoxRegular;
  const toggle = (e: MouseEvent) => {
    e.stopPropagation();
    onToggle(id);
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-level={level}
      aria-expanded={parentRow ? expanded : undefined}
      aria-selected={checked}
      aria-current={open ? 'true' : undefined}
      data-index={index}
      tabIndex={active ? 0 : -1}
      className={mergeClasses(styles.row, open && styles.open, away && styles.away)}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
      onClick={() => store.getState().openDetails(id)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(id, { x: e.clientX, y: e.clientY }, e.currentTarget);
      }}
      onFocus={(e) => e.target === e.currentTarget && onFocusRow(id)}
    >
      <div role="gridcell" className={styles.check} onClick={(e) => e.stopPropagation()}>
        <Checkbox
          checked={checked}
          tabIndex={-1}
          aria-label={`Select ${named}`}
          onChange={() => store.getState().toggleChecked(id)}
        />
      </div>
      <div
        role="gridcell"
        className={mergeClasses(styles.cell, styles.mono, styles.withMark)}
        style={level > 1 ? { paddingLeft: `calc(${CELL_PADDING} + ${INDENT}px)` } : undefined}
        title={shown}
      >
        {parentRow ? (
          <span className={styles.expander} aria-hidden="true" onClick={toggle}>
            {expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
          </span>
        ) : (
          level === 1 && folding && <span className={styles.spacer} aria-hidden="true" />
        )}
        <SystemMark system={system} />
        {short === shown ? (
          <span className={styles.text}>{shown}</span>
        ) : (
          // Seen: the short form; read and searched: the whole id (the title shows it on hover).
          <>
            <span className={styles.text} aria-hidden="true">
              {short}
            </span>
            <span className={styles.hidden}>{shown}</span>
          </>
        )}
      </div>
      <div role="gridcell" className={styles.cell} title={name ?? undefined}>
        {name ?? <span className={styles.none}>No name</span>}
      </div>
      <div role="gridcell" className={mergeClasses(styles.cell, styles.withMark)}>
        <TypeIcon className={styles.icon} aria-hidden="true" />
        {system.hostingSystemId ? (
          <span className={mergeClasses(styles.text, styles.twoLines)}>
            <span className={styles.text}>{system.type}</span>
            <span className={styles.sub} title={`Hosted in utility VM ${system.hostingSystemId}`}>
              in {shortId(system.hostingSystemId)}
            </span>
          </span>
        ) : (
          <span className={styles.text}>{system.type}</span>
        )}
      </div>
      <div
        role="gridcell"
        className={mergeClasses(styles.cell, styles.withMark)}
        title={ownerLabel(system.owner)}
      >
        <OwnerMark owner={system.owner} />
        <span className={styles.text}>{system.owner}</span>
      </div>
      <div role="gridcell" className={styles.cell}>
        {system.os}
      </div>
      <div role="gridcell" className={mergeClasses(styles.cell, styles.state)}>
        <StateBadge state={system.state} />
        {system.pending && <RowSpinner label={`${ACTION_PROGRESS[system.pending]}…`} />}
      </div>
      <FigureCell id={id} column="cpu" />
      <FigureCell id={id} column="memory" />
      <FigureCell id={id} column="uptime" />
      <div role="gridcell" className={mergeClasses(styles.cell, styles.mono)} title={system.runtimeId}>
        {system.runtimeId}
      </div>
      <div
        role="gridcell"
        className={styles.cell}
        title={away ? `${hostLabel(host)}: ${hostState ?? 'removed'}, last known state` : hostLabel(host)}
      >
        {hostLabel(host)}
        {away && ` (${hostState ?? 'removed'})`}
      </div>
      <div role="gridcell" className={styles.actions}>
        <Button
          appearance="subtle"
          size="small"
          tabIndex={-1}
          icon={<MoreHorizontalRegular />}
          aria-label={`Actions for ${named}`}
          aria-haspopup="menu"
          onClick={(e) => {
            e.stopPropagation();
            onMenu(id, e.currentTarget, e.currentTarget.closest<HTMLElement>('[role="row"]'));
          }}
        />
      </div>
    </div>
  );
});
