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
import { useId, useState } from 'react';
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
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, wordBreak: 'break-all' },
  grow: { flex: 1 },
  tabs: { flexWrap: 'wrap' },
  panel: { paddingTop: tokens.spacingVerticalS },
});

/** The selected system: its lifecycle controls, then overview, properties, statistics and activity. */
export function DetailsPane() {
  const styles = useStyles();
  const store = useAppStore();
  const system = useApp((s) => (s.detailsId !== null ? s.systems[s.detailsId] : undefined));
  const [tab, setTab] = useState<TabValue>('overview');
  const baseId = useId();
  if (!system) return null;
  const tabs = system.idProblem ? TABS.filter((t) => LOCAL_TABS.includes(t.value)) : TABS;
  const shown = tabs.some((t) => t.value === tab) ? tab : 'overview';
  const mark = systemMarkText(system);
  const panelId = `${baseId}-panel`;
  const tabId = (value: TabValue) => `${baseId}-tab-${value}`;
  return (
    <section className={styles.pane} aria-label={`Details of ${system.id}`}>
      <div className={styles.header}>
        <h2 className={styles.title}>{system.name || system.id}</h2>
        <StateBadge state={system.state} />
        <span className={styles.grow} />
        <ExecButton key={system.id} system={system} />
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close details"
          onClick={() => store.getState().openDetails(null)}
        />
      </div>
      {system.name && system.name !== system.id && <Text font="monospace">{system.id}</Text>}
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
        onTabSelect={(_, data) => setTab(data.value as TabValue)}
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
