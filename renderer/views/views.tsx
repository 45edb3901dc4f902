import type { ComponentType, ReactNode } from 'react';
import { tabIds } from '../exec/exec-store.ts';
import { useExec } from '../exec/context.tsx';
import { deferred } from '../lib/deferred.tsx';
import { SystemsView } from './SystemsView.tsx';
import type { AppView } from './view-ids.ts';

/** One view of the window: a tab in the header and what it shows. Add a view: one entry here. */
export interface ViewDefinition {
  id: AppView;
  /** The tab's label; a hook, so a label can count something (the terminals). */
  useLabel: () => string;
  /**
   * Stays mounted and laid out (hidden and inert) while another view is shown, from the first time the page is
   * idle after the first list arrived (or it is first shown): keeps its state, and its terminals keep drawing at
   * their size. Other views mount when shown.
   */
  keepMounted: boolean;
  /** A deferred view is a chunk of its own, loaded when first mounted; this names what is loading meanwhile. */
  loading: string;
  /** Renders `fallback` while its chunk loads (lib/deferred.tsx). */
  Component: ComponentType<{ fallback?: ReactNode }>;
}

// Only the list is in the first view's code: the other views (with xterm.js, the charts and the timeline behind
// them) are chunks of their own, so that the first rows do not wait for code the user has not asked for.
const HostView = deferred(
  () => import('../components/host/HostView.tsx').then((m) => m.HostView),
  'the host view',
);
const EventsView = deferred(
  () => import('../components/events/EventsView.tsx').then((m) => m.EventsView),
  'the events view',
);
const SettingsView = deferred(
  () => import('../components/settings/SettingsView.tsx').then((m) => m.SettingsView),
  'the settings',
);
const TerminalsPanel = deferred(
  () => import('../components/terminal/TerminalsPanel.tsx').then((m) => m.TerminalsPanel),
  'the terminals',
);

function useTerminalsLabel(): string {
  const terminals = useExec((s) => tabIds(s).length);
  return terminals > 0 ? `Terminals (${terminals})` : 'Terminals';
}

export const VIEWS: readonly ViewDefinition[] = [
  {
    id: 'systems',
    useLabel: () => 'Systems',
    keepMounted: true,
    loading: 'Loading the systems…',
    Component: SystemsView,
  },
  {
    id: 'host',
    useLabel: () => 'Host',
    keepMounted: false,
    loading: 'Loading the host…',
    Component: HostView,
  },
  {
    id: 'events',
    useLabel: () => 'Events',
    keepMounted: false,
    loading: 'Loading the events…',
    Component: EventsView,
  },
  {
    id: 'terminals',
    useLabel: useTerminalsLabel,
    keepMounted: true,
    loading: 'Loading the terminals…',
    Component: TerminalsPanel,
  },
  {
    id: 'settings',
    useLabel: () => 'Settings',
    keepMounted: false,
    loading: 'Loading the settings…',
    Component: SettingsView,
  },
];
