import { makeStyles, tokens } from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import { formatHresult } from '../../../src/base/index.ts';
import { formatTime } from '../../lib/format.ts';
import { useApp } from '../../store/context.tsx';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontFamily: tokens.fontFamilyMonospace },
  document: { margin: `${tokens.spacingVerticalXS} 0`, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
});

/** JSON indented when it parses, as sent otherwise. */
function prettyDocument(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    return data;
  }
}

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
          {n.data && (
            // A crash report, an exit status: what HCS sent with the notification, on request.
            <details>
              <summary>Document of {n.typeName}</summary>
              <pre className={styles.document}>{prettyDocument(n.data)}</pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
