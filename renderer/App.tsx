import { Badge, Button, FluentProvider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { ConnectionBanner } from './components/common/ConnectionBanner.tsx';
import { Notifications } from './components/common/Notifications.tsx';
import { CreateDialog } from './components/create/CreateDialog.tsx';
import { DetailsPane } from './components/details/DetailsPane.tsx';
import { BulkActions } from './components/list/BulkActions.tsx';
import { ListToolbar } from './components/list/ListToolbar.tsx';
import { SystemsGrid } from './components/list/SystemsGrid.tsx';
import { useApp } from './store/context.tsx';
import { makeVisibleIdsSelector } from './store/selectors.ts';
import { useSystemTheme } from './theme.ts';

const useStyles = makeStyles({
  root: {
    height: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500 },
  grow: { flex: 1 },
  main: { flex: 1, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', minHeight: 0 },
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

function ServiceBadge() {
  const service = useApp((s) => s.service);
  if (!service) return null;
  return (
    <Badge appearance="outline" color={service.connected ? 'success' : 'danger'}>
      {service.backend === 'simulator' ? 'Simulated HCS' : 'vmcompute'}
      {service.connected ? '' : ' (disconnected)'}
    </Badge>
  );
}

/** How many systems the list shows of how many there are (it follows HCS live; there is no refresh). */
function ListStatus() {
  const total = useApp((s) => Object.keys(s.systems).length);
  const selectVisible = useMemo(makeVisibleIdsSelector, []);
  const shown = useApp(selectVisible).length;
  return (
    <Text size={200}>
      {shown === total
        ? `${total} ${total === 1 ? 'system' : 'systems'}`
        : `${shown} of ${total} systems shown`}
    </Text>
  );
}

function Layout() {
  const styles = useStyles();
  const detailsOpen = useApp((s) => s.detailsId !== null);
  const [creating, setCreating] = useState(false);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>HCS Desktop</h1>
        <ServiceBadge />
        <span className={styles.grow} />
        <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
          Create system…
        </Button>
      </header>
      <ConnectionBanner />
      <main className={`${styles.main} ${detailsOpen ? styles.withDetails : ''}`}>
        <section className={styles.list} aria-label="Systems">
          <ListToolbar />
          <BulkActions />
          <SystemsGrid />
          <ListStatus />
        </section>
        {detailsOpen && <DetailsPane />}
      </main>
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
      <Notifications />
    </div>
  );
}

/** The whole window: theme, header, banner, list, details, dialogs and toasts. */
export function App() {
  const theme = useSystemTheme();
  return (
    <FluentProvider theme={theme}>
      <Layout />
    </FluentProvider>
  );
}
