import {
  Badge,
  Button,
  FluentProvider,
  Tab,
  TabList,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, InfoRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { AboutHostDialog } from './components/common/AboutHostDialog.tsx';
import { ConnectionBanner } from './components/common/ConnectionBanner.tsx';
import { Notifications } from './components/common/Notifications.tsx';
import { CreateDialog } from './components/create/CreateDialog.tsx';
import { DesktopNotifications } from './components/events/DesktopNotifications.tsx';
import { CommandPalette } from './components/palette/CommandPalette.tsx';
import { ShortcutsDialog } from './components/palette/ShortcutsDialog.tsx';
import { useGlobalKeys } from './components/palette/use-global-keys.ts';
import { useExec, useExecServices } from './exec/context.tsx';
import { HCS_API_BADGE, HCS_API_LABEL } from './lib/hcs-api.ts';
import { useApp } from './store/context.tsx';
import type { AppView } from './views/view-ids.ts';
import { VIEWS, type ViewDefinition } from './views/views.tsx';
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
  // Views are stacked; a keep-mounted view that is not shown stays laid out (its terminals keep drawing and
  // keep their size: a new process starts with the size its terminal will have).
  views: { flex: 1, minHeight: 0, position: 'relative' },
  layer: { position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
  away: { visibility: 'hidden' },
});

function ServiceBadge() {
  const service = useApp((s) => s.service);
  if (!service) return null;
  return (
    <>
      <Badge appearance="outline" color={service.connected ? 'success' : 'danger'}>
        {service.backend === 'simulator' ? 'Simulated HCS' : 'vmcompute'}
        {service.connected ? '' : ' (disconnected)'}
      </Badge>
      <Badge
        appearance="tint"
        color="informative"
        aria-label={`HCS API in use: ${HCS_API_LABEL[service.hcsApi]}`}
      >
        {HCS_API_BADGE[service.hcsApi]}
      </Badge>
    </>
  );
}

function ViewTab({ view }: { view: ViewDefinition }) {
  return <Tab value={view.id}>{view.useLabel()}</Tab>;
}

/** The views of views.tsx as tabs. */
function ViewSwitch() {
  const { store } = useExecServices();
  const view = useExec((s) => s.view);
  return (
    <TabList
      selectedValue={view}
      onTabSelect={(_, data) => store.getState().setView(data.value as AppView)}
      aria-label="Views"
    >
      {VIEWS.map((v) => (
        <ViewTab key={v.id} view={v} />
      ))}
    </TabList>
  );
}

function Layout() {
  const styles = useStyles();
  const current = useExec((s) => s.view);
  const [creating, setCreating] = useState(false);
  const [about, setAbout] = useState(false);
  const [palette, setPalette] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  useGlobalKeys({ palette: () => setPalette(true), shortcuts: () => setShortcuts(true) });
  // A title per view: what a window switcher, the taskbar and a screen reader announce.
  useEffect(() => {
    document.title = `${current.charAt(0).toUpperCase()}${current.slice(1)} — HCS Desktop`;
  }, [current]);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>HCS Desktop</h1>
        <ServiceBadge />
        <ViewSwitch />
        <span className={styles.grow} />
        <Button appearance="subtle" icon={<InfoRegular />} onClick={() => setAbout(true)}>
          About this host
        </Button>
        <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
          Create system…
        </Button>
      </header>
      <ConnectionBanner />
      <div className={styles.views}>
        {VIEWS.map(({ id, keepMounted, Component }) =>
          keepMounted || id === current ? (
            <div
              key={id}
              className={mergeClasses(styles.layer, id !== current && styles.away)}
              inert={id !== current}
            >
              <Component />
            </div>
          ) : null,
        )}
      </div>
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
      <AboutHostDialog open={about} onClose={() => setAbout(false)} />
      <CommandPalette
        open={palette}
        onClose={() => setPalette(false)}
        actions={{
          create: () => setCreating(true),
          about: () => setAbout(true),
          shortcuts: () => setShortcuts(true),
        }}
      />
      <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
      <Notifications />
      <DesktopNotifications />
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
