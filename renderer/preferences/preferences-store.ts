import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The windows a chart can show, in minutes (the core keeps an hour of samples). */
export const CHART_WINDOWS = [5, 15, 60] as const;
export type ChartWindow = (typeof CHART_WINDOWS)[number];

/**
 * How this window shows things, as the user chose. Kept apart from the app store so a settings layer can load
 * and persist it without touching the data: today it lives for the window's life.
 */
export interface Preferences {
  /** The time span of the statistics charts. */
  chartWindowMinutes: ChartWindow;
  /** Statistics as charts (true) or as tables only. */
  charts: boolean;
  /** Web mode: show a browser notification for an unexpected exit (only after the user allowed it). */
  desktopNotifications: boolean;
  setChartWindow(minutes: ChartWindow): void;
  setCharts(on: boolean): void;
  setDesktopNotifications(on: boolean): void;
}

export type PreferencesStore = StoreApi<Preferences>;

export function createPreferencesStore(initial: Partial<Preferences> = {}): PreferencesStore {
  return createStore<Preferences>()((set) => ({
    chartWindowMinutes: 5,
    charts: true,
    desktopNotifications: false,
    ...initial,
    setChartWindow: (chartWindowMinutes) => set({ chartWindowMinutes }),
    setCharts: (charts) => set({ charts }),
    setDesktopNotifications: (desktopNotifications) => set({ desktopNotifications }),
  }));
}

/** The window's preferences; a test or a settings layer provides its own store. */
export const PreferencesContext = createContext<PreferencesStore>(createPreferencesStore());

export function usePreferences<T>(selector: (p: Preferences) => T): T {
  return useStore(useContext(PreferencesContext), selector);
}

export function usePreferencesStore(): PreferencesStore {
  return useContext(PreferencesContext);
}
