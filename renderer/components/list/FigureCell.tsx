import { makeStyles, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { useStore } from 'zustand';
import { formatBytes, formatDuration100ns } from '../../lib/format.ts';
import { useApp, useHostStatistics } from '../../store/context.tsx';
import type { FigureColumn } from '../../store/list-view.ts';
import { CELL_PADDING } from './columns.ts';

const useStyles = makeStyles({
  cell: {
    padding: `0 ${CELL_PADDING}`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    fontVariantNumeric: 'tabular-nums',
  },
  track: {
    height: '3px',
    marginTop: '2px',
    backgroundColor: tokens.colorNeutralStroke2,
    borderRadius: '2px',
    overflow: 'hidden',
  },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground },
});

/**
 * A running system's live figure in the list: CPU (with a bar), memory (with a bar of the VM's assigned
 * memory) or uptime. It reads the host's figures for its own row only, so a row re-renders when its own
 * figures change (at most once a second: `listFigures`) and never takes the keyboard focus or selection with it.
 */
export const FigureCell = memo(function FigureCell({ id, column }: { id: string; column: FigureColumn }) {
  const styles = useStyles();
  const figures = useStore(useHostStatistics().store, (s) => s.listFigures[id]);
  const running = useApp((s) => s.systems.get(id)?.state === 'Running');
  let text = '';
  let share: number | null = null;
  if (running && figures) {
    if (column === 'cpu') {
      text =
        figures.cpuPercent === null
          ? '…'
          : `${figures.cpuPercent.toFixed(figures.cpuPercent < 10 ? 1 : 0)} %`;
      share = figures.cpuPercent;
    } else if (column === 'memory') {
      text = formatBytes(figures.memoryBytes);
      if (figures.assignedBytes) share = Math.min(100, (figures.memoryBytes / figures.assignedBytes) * 100);
    } else text = formatDuration100ns(figures.uptime100ns);
  }
  return (
    <div role="gridcell" className={styles.cell} title={text || undefined}>
      {text}
      {share !== null && (
        <div className={styles.track} aria-hidden="true">
          <div className={styles.bar} style={{ width: `${Math.max(0, Math.min(100, share))}%` }} />
        </div>
      )}
    </div>
  );
});
