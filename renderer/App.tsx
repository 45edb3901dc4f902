import {
  Badge,
  Button,
  FluentProvider,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { ConnectionBanner } from './components/common/ConnectionBanner.tsx';
import { Notifications } from './components/common/Notifications.tsx';
import { CreateDialog } from './components/create/CreateDialog.tsx';
import { DetailsPane } from './components/details/DetailsPane.tsx';
import { BulkActions } from './components/list/BulkActions.tsx';
import { ListToolbar } from './components/list/ListToolbar.tsx';
import { SystemsGrid } from './components/list/SystemsGrid.tsx';
import { SettingsView } from './components/settings/SettingsView.tsx';
import { TerminalsPanel } from './components/terminal/TerminalsPanel.tsx';
import { useExec, useExecServices } from './exec/context.tsx';
import { tabIds, type AppView } from './exec/exec-store.ts';
import { useApp } from './store/context.tsx';
import { makeVisibleIdsSelector } from './store/selectors.ts';
import { ThemeValuesContext, useChosenTheme } from './theme.ts';

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
  // The two views are stacked and both stay laid out: a view that is not shown keeps its state, its terminals
  // keep drawing and keep their size (a new process starts with the size its terminal will have).
  views: { flex: 1, minHeight: 0, position: 'relative' },
  layer: { position: 'absolute', inset: 0 },
  away: { visibility: 'hidden' },
  terminals: { display: 'flex', flexDirection: 'column' },
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

/** Systems or Terminals; both stay mounted so a terminal keeps drawing while the systems are shown. */
function ViewSwitch() {
  const { store } = useExecServices();
  const view = useExec((s) => s.view);
  const terminals = useExec((s) => tabIds(s).length);
  return (
    <TabList
      selectedValue={view}
      onTabSelect={(_, data) => store.getState().setView(data.value as AppView)}
      aria-label="Views"
    >
      <Tab value="systems">Systems</Tab>
      <Tab value="terminals">{terminals > 0 ? `Terminals (${terminals})` : 'Terminals'}</Tab>
      <Tab value="settings">Settings</Tab>
    </TabList>
  );
}

function Layout() {
  const styles = useStyles();
  const detailsOpen = useApp((s) => s.detailsId !== null);
  const view = useExec((s) => s.view);
  const [creating, setCreating] = useState(false);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>HCS Desktop</h1>
        <ServiceBadge />
        <ViewSwitch />
        <span className={styles.grow} />
        <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
          Create system…
        </Button>
      </header>
      <ConnectionBanner />
      <div className={styles.views}>
        <main
          className={mergeClasses(
            styles.main,
            styles.layer,
            detailsOpen && styles.withDetails,
            view !== 'systems' && styles.away,
          )}
          inert={view !== 'systems'}
        >
          <section className={styles.list} aria-label="Systems">
            <ListToolbar />
            <BulkActions />
            <SystemsGrid />
            <ListStatus />
          </section>
          {detailsOpen && <DetailsPane />}
        </main>
        <div
          className={mergeClasses(styles.terminals, styles.layer, view !== 'terminals' && styles.away)}
          inert={view !== 'terminals'}
        >
          <TerminalsPanel />
        </div>
        {view === 'settings' && (
          <div className={styles.layer}>
            <SettingsView />
          </div>
        )}
      </div>
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
      <Notifications />
    </div>
  );
}

/** The whole window: theme, header, banner, list, details, dialogs and toasts. */
export function App() {
  const theme = useChosenTheme();
  return (
    <FluentProvider theme={theme}>
      <ThemeValuesContext.Provider value={theme}>
        <Layout />
      </ThemeValuesContext.Provider>
    </FluentProvider>
  );
}
