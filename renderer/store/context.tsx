import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HcsApi } from '../../src/contract/index.ts';
import type { HostStatisticsService } from '../statistics/host-statistics.ts';
import type { StatisticsService } from '../statistics/statistics-store.ts';
import type { TimelineService } from '../timeline/timeline-store.ts';
import type { AppState, AppStore } from './app-store.ts';

interface Services {
  store: AppStore;
  api: HcsApi;
  /** The window's statistics watches (renderer/statistics). */
  statistics: StatisticsService;
  /** The running systems' figures and the host's totals (the list's columns, the host view). */
  host: HostStatisticsService;
  /** The events timeline of every system. */
  timeline: TimelineService;
  /**
   * Who raises desktop notifications: the desktop app's main process (Electron's Notification), or this page
   * through the browser's Notification API once the user allowed it (web mode).
   */
  notifier: 'desktop-app' | 'browser';
}

const ServicesContext = createContext<Services | null>(null);

/** Gives every component the store and the API (the one transport-free seam the UI depends on). */
export function ServicesProvider({ children, ...services }: Services & { children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing above this component');
  return services;
}

/** Select from the store; the component re-renders only when the selected value changes (Object.is). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}

export function useAppStore(): AppStore {
  return useServices().store;
}

export function useApi(): HcsApi {
  return useServices().api;
}

export function useStatisticsService(): StatisticsService {
  return useServices().statistics;
}

export function useHostStatistics(): HostStatisticsService {
  return useServices().host;
}

export function useTimelineService(): TimelineService {
  return useServices().timeline;
}

export function useNotifier(): Services['notifier'] {
  return useServices().notifier;
}
