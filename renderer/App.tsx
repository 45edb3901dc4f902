import {
  Badge,
  Button,
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, InfoRegular, ServerMultipleRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { ConnectionBanner } from './components/common/ConnectionBanner.tsx';
import { Notifications } from './components/common/Notifications.tsx';
import { DesktopNotifications } from './components/events/DesktopNotifications.tsx';
import { HostBanners } from './components/hosts/HostBanners.tsx';
import { HostSwitcher } from './components/hosts/HostSwitcher.tsx';
import { HostsDialog } from './components/hosts/HostsDialog.tsx';
import { ShortcutsDialog } from './components/palette/ShortcutsDialog.tsx';
import { useGlobalKeys } from './components/palette/use-global-keys.ts';
import { useExec, useExecServices } from './exec/context.tsx';
import { deferred } from './lib/deferred.tsx';
import { HCS_API_BADGE, HCS_API_LABEL } from './lib/hcs-api.ts';
import { whenIdle } from './lib/when-idle.ts';
import { useApp } from './store/context.tsx';
import type { AppView } from './views/view-ids.ts';
import { VIEWS, type ViewDefinition } from './views/views.tsx';
import { ThemeValuesContext, useChosenTheme } from './theme.ts';

// The first view is the list: the dialogs (with CodeMirror behind the create dialog) are chunks of their own,
// loaded when first opened; the other views are lazy too (views.tsx).
// The command palette (cmdk) too: loaded at the first Ctrl+K.
const CommandPalette = deferred(
  () => import('./components/palette/CommandPalette.tsx').then((m) => m.CommandPalette),
  'the command palette',
);
const CreateDialog = deferred(
  () => import('./components/create/CreateDialog.tsx').then((m) => m.CreateDialog),
  'the create dialog',
);
const AboutHostDialog = deferred(
  () => import('./components/common/AboutHostDialog.tsx').then((m) => m.AboutHostDialog),
  'the host information',
);

/**
 * False until the first list has arrived and the page was idle after it (see whenIdle). Idle alone came while the
 * page waited for the list: with 10,000 systems the other views mounted then and took their time from the
 * first rows (docs/benchmarks.md, "The first view's files and idle work").
 */
function useIdleAfterFirstList(): boolean {
  const listed = useApp((s) => s.listed);
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle || !listed) return;
    const handle = whenIdle(() => setIdle(true));
    return () => handle.cancel();
  }, [idle, listed]);
  return idle;
}

const useStyles = makeStyles({
  root: {
    height: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // In a narrow window the header wraps onto a second line rather than squeezing its items over each other
  // (at 1000 px the badges' words ran out of them and the buttons broke over three lines).
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, whiteSpace: 'nowrap' },
  // Items that keep their width and their words on one line.
  whole: { flexShrink: 0, whiteSpace: 'nowrap' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexShrink: 0, whiteSpace: 'nowrap' },
  grow: { flex: 1 },
  // Views are stacked; a keep-mounted view that is not shown stays laid out (its terminals keep drawing and
  // keep their size: a new process starts with the size its terminal will have).
  views: { flex: 1, minHeight: 0, position: 'relative' },
  layer: { position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
  away: { visibility: 'hidden' },
});

function ServiceBadge() {
  const styles = useStyles();
  const service = useApp((s) => s.service);
  if (!service) return null;
  return (
    <span className={styles.badges}>
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
    </span>
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
  // A dialog is mounted from its first open on (so that it can animate closed), not before.
  const [createUsed, setCreateUsed] = useState(false);
  const [about, setAbout] = useState(false);
  const [managingHosts, setManagingHosts] = useState(false);
  const [aboutUsed, setAboutUsed] = useState(false);
  // Keep-mounted views other than the first one mount once the list is in and the page is idle, or from when
  // first shown on.
  const idle = useIdleAfterFirstList();
  const [everShown, setEverShown] = useState<ReadonlySet<AppView>>(() => new Set([current]));
  if (!everShown.has(current)) setEverShown(new Set([...everShown, current]));
  const [palette, setPalette] = useState(false);
  const [paletteUsed, setPaletteUsed] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  useGlobalKeys({
    palette: () => {
      setPaletteUsed(true);
      setPalette(true);
    },
    shortcuts: () => setShortcuts(true),
  });
  // A title per view: what a window switcher, the taskbar and a screen reader announce.
  useEffect(() => {
    document.title = `${current.charAt(0).toUpperCase()}${current.slice(1)} — HCS Desktop`;
  }, [current]);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>HCS Desktop</h1>
        <ServiceBadge />
        <HostSwitcher />
        <ViewSwitch />
        <span className={styles.grow} />
        <Button
          className={styles.whole}
          appearance="subtle"
          icon={<ServerMultipleRegular />}
          onClick={() => setManagingHosts(true)}
        >
          Hosts…
        </Button>
        <Button
          className={styles.whole}
          appearance="subtle"
          icon={<InfoRegular />}
          onClick={() => {
            setAboutUsed(true);
            setAbout(true);
          }}
        >
          About this host
        </Button>
        <Button
          className={styles.whole}
          appearance="primary"
          icon={<AddRegular />}
          onClick={() => {
            setCreateUsed(true);
            setCreating(true);
          }}
        >
          Create system…
        </Button>
      </header>
      <ConnectionBanner />
      <HostBanners onManage={() => setManagingHosts(true)} />
      <div className={styles.views}>
        {VIEWS.map(({ id, keepMounted, loading, Component }) =>
          (keepMounted && (idle || everShown.has(id))) || id === current ? (
            <div
              key={id}
              className={mergeClasses(styles.layer, id !== current && styles.away)}
              inert={id !== current}
            >
              <Component fallback={<Spinner size="small" label={loading} />} />
            </div>
          ) : null,
        )}
      </div>
      {createUsed && <CreateDialog open={creating} onClose={() => setCreating(false)} />}
      {aboutUsed && <AboutHostDialog open={about} onClose={() => setAbout(false)} />}
      <HostsDialog open={managingHosts} onClose={() => setManagingHosts(false)} />
      {paletteUsed && (
        <CommandPalette
          open={palette}
          onClose={() => setPalette(false)}
          actions={{
            create: () => {
              setCreateUsed(true);
              setCreating(true);
            },
            about: () => {
              setAboutUsed(true);
              setAbout(true);
            },
            shortcuts: () => setShortcuts(true),
          }}
        />
      )}
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
