import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_SETTINGS,
  type ErrorInfo,
  type HcsApi,
  type Settings,
  type SettingsPatch,
  type SettingsState,
} from '../../src/contract/index.ts';
import { errorInfoOf, type HcsTransport } from '../transport/index.ts';

/**
 * The user's settings as this window knows them: what the main side last said (`settings.get` when the link
 * opens, then every `settings.changed`, which every window receives), and the last change that failed. Until
 * the first answer the defaults stand in (`loaded` false), so nothing waits on the settings to draw.
 */
export interface SettingsView {
  state: SettingsState | null;
  /** The settings in effect (the defaults until the main side answered). */
  settings: Settings;
  loaded: boolean;
  /** The last change the main side refused (e.g. the file could not be written); cleared by the next change. */
  error: ErrorInfo | null;
  /** Sends a change; resolves once the main side saved it (the store then holds it) or refused it. */
  update(patch: SettingsPatch): Promise<boolean>;
  reset(): Promise<boolean>;
  apply(state: SettingsState): void;
}

export type SettingsStore = StoreApi<SettingsView>;

export function createSettingsStore(api: HcsApi | null): SettingsStore {
  return createStore<SettingsView>()((set) => {
    const send = async (request: () => Promise<SettingsState>): Promise<boolean> => {
      try {
        const state = await request();
        set({ state, settings: state.settings, loaded: true, error: null });
        return true;
      } catch (e) {
        set({ error: errorInfoOf(e) });
        return false;
      }
    };
    return {
      state: null,
      settings: DEFAULT_SETTINGS,
      loaded: false,
      error: null,
      update: (patch) => (api ? send(() => api.invoke('settings.update', patch)) : Promise.resolve(false)),
      reset: () => (api ? send(() => api.invoke('settings.reset', {})) : Promise.resolve(false)),
      apply: (state) => set({ state, settings: state.settings, loaded: true }),
    };
  });
}

/** Follows the main side's settings: read when the link opens, then every change any window makes. */
export function bindSettings(transport: HcsTransport, store: SettingsStore): () => void {
  const { api } = transport;
  const load = () =>
    api.invoke('settings.get', {}).then(
      (state) => store.getState().apply(state),
      (e: unknown) => store.setState({ error: errorInfoOf(e) }),
    );
  const unsubscribes = [
    api.on('settings.changed', (state) => store.getState().apply(state)),
    transport.onConnection((state) => {
      if (state === 'open') void load();
    }),
  ];
  if (transport.connection() === 'open') void load();
  return () => unsubscribes.forEach((u) => u());
}

/** The window's settings; a test provides its own store. */
export const SettingsContext = createContext<SettingsStore>(createSettingsStore(null));

export function useSettings<T>(selector: (s: SettingsView) => T): T {
  return useStore(useContext(SettingsContext), selector);
}

export function useSettingsStore(): SettingsStore {
  return useContext(SettingsContext);
}
