import { Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { BulkActions } from '../components/list/BulkActions.tsx';
import { ListToolbar } from '../components/list/ListToolbar.tsx';
import { SystemsGrid } from '../components/list/SystemsGrid.tsx';
import { deferred } from '../lib/deferred.tsx';
import { useApp } from '../store/context.tsx';

// The details (with the editor and the charts behind them) are a chunk of their own, loaded when first opened.
const DetailsPane = deferred(
  () => import('../components/details/DetailsPane.tsx').then((m) => m.DetailsPane),
  'the details',
);

const useStyles = makeStyles({
  main: { height: '100%', display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', minHeight: 0 },
  withDetails: { gridTemplateColumns: 'minmax(0, 3fr) minmax(360px, 2fr)' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minHeight: 0,
    minWidth: 0,
  },
});

/** How many systems the list shows of how many there are (it follows HCS live; there is no refresh). */
function ListStatus() {
  const total = useApp((s) => s.systems.size);
  const shown = useApp((s) => s.visibleIds.length);
  return (
    <Text size={200}>
      {shown === total
        ? `${total} ${total === 1 ? 'system' : 'systems'}`
        : `${shown} of ${total} systems shown`}
    </Text>
  );
}

/** The list of compute systems and, beside it, the details of the open one. */
export function SystemsView() {
  const styles = useStyles();
  const detailsOpen = useApp((s) => s.detailsId !== null);
  return (
    <main className={mergeClasses(styles.main, detailsOpen && styles.withDetails)}>
      <section className={styles.list} aria-label="Systems">
        <ListToolbar />
        <BulkActions />
        <SystemsGrid />
        <ListStatus />
      </section>
      {detailsOpen && <DetailsPane fallback={<Spinner size="small" label="Loading the details…" />} />}
    </main>
  );
}
