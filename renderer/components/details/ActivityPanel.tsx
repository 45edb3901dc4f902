import { makeStyles, tokens } from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import { formatHresult } from '../../../src/base/index.ts';
import { formatTime } from '../../lib/format.ts';
import { useApp } from '../../store/context.tsx';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontFamily: tokens.fontFamilyMonospace },
});

/** The HCS notifications this window received for a system, newest first. */
export function ActivityPanel({ id }: { id: string }) {
  const styles = useStyles();
  const items = useApp(useShallow((s) => s.activity.filter((n) => n.id === id).reverse()));
  if (items.length === 0) return <p>No HCS notifications for this system since the window opened.</p>;
  return (
    <ol className={styles.list} aria-label={`HCS notifications for ${id}`}>
      {items.map((n, i) => (
        <li key={`${n.at}-${i}`}>
          {formatTime(n.at)} {n.typeName} (0x{(n.type >>> 0).toString(16)}) status {formatHresult(n.status)}
        </li>
      ))}
    </ol>
  );
}
