import type { ComponentType } from 'react';
import { EventsView } from '../components/events/EventsView.tsx';
import { HostView } from '../components/host/HostView.tsx';
import { SettingsView } from '../components/settings/SettingsView.tsx';
import { TerminalsPanel } from '../components/terminal/TerminalsPanel.tsx';
import { tabIds } from '../exec/exec-store.ts';
import { useExec } from '../exec/context.tsx';
import { SystemsView } from './SystemsView.tsx';
import type { AppView } from './view-ids.ts';

/** One view of the window: a tab in the header and what it shows. Add a view: one entry here. */
export interface ViewDefinition {
  id: AppView;
  /** The tab's label; a hook, so a label can count something (the terminals). */
  useLabel: () => string;
  /**
   * Stays mounted and laid out (hidden and inert) while another view is shown: keeps its state, and its
   * terminals keep drawing at their size. Other views mount when shown.
   */
  keepMounted: boolean;
  Component: ComponentType;
}

function useTerminalsLabel(): string {
  const terminals = useExec((s) => tabIds(s).length);
  return terminals > 0 ? `Terminals (${terminals})` : 'Terminals';
}

export const VIEWS: readonly ViewDefinition[] = [
  { id: 'systems', useLabel: () => 'Systems', keepMounted: true, Component: SystemsView },
  { id: 'host', useLabel: () => 'Host', keepMounted: false, Component: HostView },
  { id: 'events', useLabel: () => 'Events', keepMounted: false, Component: EventsView },
  { id: 'terminals', useLabel: useTerminalsLabel, keepMounted: true, Component: TerminalsPanel },
  { id: 'settings', useLabel: () => 'Settings', keepMounted: false, Component: SettingsView },
];
