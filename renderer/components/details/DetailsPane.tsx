import {
  Button,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useSettings, useSettingsStore } from '../../settings/settings-store.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { systemMarkText } from '../common/SystemMark.tsx';
import { ExecButton } from '../exec/ExecButton.tsx';
import { LifecycleBar } from '../lifecycle/LifecycleBar.tsx';
import { ProcessesPanel } from '../processes/ProcessesPanel.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { HardwarePanel } from './HardwarePanel.tsx';
import { Overview } from './Overview.tsx';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { StatisticsPanel } from './StatisticsPanel.tsx';

const TABS = [
  { value: 'overview', label: 'Overview' },
  { value: 'v1', label: 'V1 properties' },
  { value: 'v2', label: 'V2 properties' },
  { value: 'statistics', label: 'Statistics' },
  { value: 'hardware', label: 'Hardware' },
  { value: 'processes', label: 'Processes' },
  { value: 'activity', label: 'Activity' },
] as const;
type TabValue = (typeof TABS)[number]['value'];
/** The views that need no call to HCS: all a system listed with an id no request may carry can show. */
const LOCAL_TABS: readonly TabValue[] = ['overview', 'activity'];

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflow: 'auto',
  },
  // In a narrow pane the buttons go to a second line rather than cut the title down to a few letters.
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  // One line, cut with an ellipsis (the full id is its tooltip and the line under it): a 64-character id
  // wrapped the header over several lines and pushed the state badge out of sight.
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    minWidth: 0,
    flex: '1 1 auto',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  fixed: { flexShrink: 0 },
  fullId: { wordBreak: 'break-all' },
  tabs: { flexWrap: 'wrap' },
  panel: { paddingTop: tokens.spacingVerticalS },
});

/** The selected system: its lifecycle controls, then overview, properties, statistics and activity. */
export function DetailsPane() {
  const styles = useStyles();
  const store = useAppStore();
  const system = useApp((s) => (s.detailsId !== null ? s.systems.get(s.detailsId) : undefined));
  const settings = useSettingsStore();
  // The tab the user last chose is remembered with the window's layout (settings.layout.detailsTab).
  const remembered = useSettings((s) => s.settings.layout.detailsTab);
  const [tab, setTab] = useState<TabValue>(() =>
    TABS.some((t) => t.value === remembered) ? (remembered as TabValue) : 'overview',
  );
  const baseId = useId();
  // What had focus when this system's details opened (its row): it gets focus back when Escape closes them.
  const opener = useRef<{ id: string | undefined; element: HTMLElement | null }>({
    id: undefined,
    element: null,
  });
  if (opener.current.id !== system?.id) {
    const active = typeof document !== 'undefined' ? document.activeElement : null;
    opener.current = {
      id: system?.id,
      element:
        active instanceof HTMLElement && !active.closest('[data-details-pane]')
          ? active
          : opener.current.element,
    };
  }
  if (!system) return null;
  const close = () => {
    const back = opener.current.element;
    store.getState().openDetails(null);
    if (back?.isConnected) back.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Escape closes the pane, unless something inside used it first (a menu, a search box clearing itself).
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // React bubbles events out of portals: Escape in a dialog or menu opened from here is theirs, not ours.
    if (!(e.target instanceof Node) || !e.currentTarget.contains(e.target)) return;
    e.preventDefault();
    close();
  };
  const tabs = system.idProblem ? TABS.filter((t) => LOCAL_TABS.includes(t.value)) : TABS;
  const shown = tabs.some((t) => t.value === tab) ? tab : 'overview';
  const mark = systemMarkText(system);
  const panelId = `${baseId}-panel`;
  const tabId = (value: TabValue) => `${baseId}-tab-${value}`;
  return (
    <section
      className={styles.pane}
      aria-label={`Details of ${system.id}`}
      data-details-pane=""
      onKeyDown={onKeyDown}
    >
      <div className={styles.header}>
        <h2 className={styles.title} title={system.name || system.id}>
          {system.name || system.id}
        </h2>
        <span className={styles.fixed}>
          <StateBadge state={system.state} />
        </span>
        <span className={styles.fixed}>
          <ExecButton key={system.id} system={system} />
        </span>
        <Button
          className={styles.fixed}
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close details"
          aria-keyshortcuts="Escape"
          onClick={close}
        />
      </div>
      {(system.name ? system.name !== system.id : system.id.length > 40) && (
        <Text font="monospace" className={styles.fullId}>
          {system.id}
        </Text>
      )}
      <LifecycleBar key={system.id} system={system} />
      {mark && (
        <MessageBar intent={system.idProblem ? 'warning' : 'info'}>
          <MessageBarBody>{mark}</MessageBarBody>
        </MessageBar>
      )}
      <TabList
        selectedValue={shown}
        className={styles.tabs}
        size="small"
        onTabSelect={(_, data) => {
          setTab(data.value as TabValue);
          void settings.getState().update({ layout: { detailsTab: String(data.value) } });
        }}
        aria-label="Details views"
      >
        {tabs.map((t) => (
          <Tab key={t.value} value={t.value} id={tabId(t.value)} aria-controls={panelId}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(shown)} className={styles.panel}>
        {shown === 'overview' && <Overview system={system} />}
        {shown === 'v1' && <PropertiesPanel key={`${system.id}-v1`} id={system.id} version="v1" />}
        {shown === 'v2' && <PropertiesPanel key={`${system.id}-v2`} id={system.id} version="v2" />}
        {shown === 'statistics' && <StatisticsPanel key={system.id} id={system.id} />}
        {shown === 'hardware' && <HardwarePanel key={system.id} id={system.id} />}
        {shown === 'processes' && <ProcessesPanel key={system.id} id={system.id} />}
        {shown === 'activity' && <ActivityPanel id={system.id} />}
      </div>
    </section>
  );
}
