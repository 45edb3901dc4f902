import { makeStyles, tokens } from '@fluentui/react-components';
import { useShallow } from 'zustand/react/shallow';
import { formatTime } from '../../lib/format.ts';
import { notificationText, rawNotification, statusText } from '../../lib/notification-text.ts';
import { useApp } from '../../store/context.tsx';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: tokens.spacingVerticalXS },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  raw: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
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

/**
 * The HCS notifications this window received for a system, newest first: what happened in words ("Pause
 * completed: OK"), the raw notification beneath.
 */
export function ActivityPanel({ id }: { id: string }) {
  const styles = useStyles();
  const items = useApp(useShallow((s) => s.activity.filter((n) => n.id === id).reverse()));
  if (items.length === 0) return <p>No HCS notifications for this system since the window opened.</p>;
  return (
    <ol className={styles.list} aria-label={`HCS notifications for ${id}`}>
      {items.map((n, i) => (
        <li key={`${n.at}-${i}`} className={styles.item}>
          {formatTime(n.at)} {notificationText(n.typeName)}:{' '}
          <span className={n.status === 0 ? undefined : styles.failed}>{statusText(n)}</span>
          {/* The raw values, as HCS sent them, beneath (and in the text a screen reader reads). */}
          <span className={styles.raw}>{rawNotification(n)}</span>
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
