import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ErrorInfo } from '../../../src/contract/index.ts';
import { RelaunchElevated } from './RelaunchElevated.tsx';

const useStyles = makeStyles({
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, fontSize: tokens.fontSizeBase200 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, wordBreak: 'break-word' },
  events: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  event: { marginBottom: tokens.spacingVerticalXS, wordBreak: 'break-word' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/**
 * HCS's error, folded: a toggle reveals the message, HRESULT, name, explanation and every error event
 * (docs/hcs/errors.md#result-document), which is where HCS says what actually went wrong.
 */
export function ErrorDetails({ error, defaultOpen = false }: { error: ErrorInfo; defaultOpen?: boolean }) {
  const styles = useStyles();
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const rows: Array<[string, string | undefined, boolean]> = [
    ['Message', error.message, false],
    ['HRESULT', error.hresult, true],
    ['Name', error.name, true],
    ['Operation', error.op, false],
    ['Explanation', error.explanation, false],
  ];
  return (
    <div>
      <RelaunchElevated error={error} />
      <Button
        size="small"
        appearance="transparent"
        icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide error details' : 'Show error details'}
      </Button>
      {open && (
        <div id={id} className={styles.details}>
          <dl className={styles.grid}>
            {rows
              .filter(([, value]) => value)
              .map(([term, value, mono]) => (
                <div key={term} style={{ display: 'contents' }}>
                  <dt className={styles.term}>{term}</dt>
                  <dd className={`${styles.value} ${mono ? styles.mono : ''}`}>{value}</dd>
                </div>
              ))}
          </dl>
          {error.events.length === 0 ? (
            <p>HCS sent no error events.</p>
          ) : (
            <ol className={styles.events} aria-label="Error events">
              {error.events.map((event, i) => (
                <li key={i} className={styles.event}>
                  {event.Message ?? '(no message)'}
                  {event.Source && <div>Source: {event.Source}</div>}
                  {event.Provider && <div>Provider: {event.Provider}</div>}
                  {event.EventId !== undefined && <div>Event id: {event.EventId}</div>}
                  {event.StackTrace && <pre className={styles.mono}>{event.StackTrace}</pre>}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
