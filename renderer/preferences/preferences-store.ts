import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CHART_WINDOW_MINUTES, type ChartWindowMinutes } from '../../src/contract/index.ts';

/** The windows a chart can show, in minutes (the core keeps an hour of samples). */
export const CHART_WINDOWS = CHART_WINDOW_MINUTES;
export type ChartWindow = ChartWindowMinutes;

/**
 * How this window shows things, as the user chose. Kept apart from the app store: the user's settings
 * (renderer/settings/bind-preferences.ts) set it when they load or change, and keep what a view changes here.
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
