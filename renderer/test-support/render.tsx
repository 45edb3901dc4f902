import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ExecProvider, type ExecServices } from '../exec/context.tsx';
import { createExecStore } from '../exec/exec-store.ts';
import { OutputRouter } from '../exec/output-router.ts';
import { SettingsContext, createSettingsStore, type SettingsStore } from '../settings/settings-store.ts';
import { HostStatisticsService } from '../statistics/host-statistics.ts';
import { StatisticsService } from '../statistics/statistics-store.ts';
import { TimelineService } from '../timeline/timeline-store.ts';
import { createAppStore, type AppStore } from '../store/app-store.ts';
import { ServicesProvider } from '../store/context.tsx';
import { FakeApi } from './fake-api.ts';
import { fakeSurfaces } from './fake-surface.ts';
import { fakeTransport } from './fake-transport.ts';

/** Exec services over a FakeApi: a fresh store, fake terminals, an in-memory history. */
export function fakeExecServices(api: FakeApi, history: Pick<Storage, 'getItem' | 'setItem'> | null = null) {
  const surfaces = fakeSurfaces();
  const services: ExecServices = {
    store: createExecStore(),
    router: new OutputRouter(api),
    createSurface: surfaces.factory,
    history,
  };
  return { services, surfaces: surfaces.made };
}

/**
 * Renders a component with a fresh store, a FakeApi, fake exec services and a statistics service over the
 * FakeApi (all returned for the test to drive).
 */
export function renderWithServices(
  ui: ReactElement,
  options: {
    api?: FakeApi;
    store?: AppStore;
    exec?: ExecServices;
    notifier?: 'desktop-app' | 'browser';
    settings?: SettingsStore;
  } = {},
) {
  const api = options.api ?? new FakeApi();
  const store = options.store ?? createAppStore();
  const exec = options.exec ?? fakeExecServices(api).services;
  const transport = fakeTransport(api).transport;
  const statistics = new StatisticsService(transport);
  const host = new HostStatisticsService(transport);
  const timeline = new TimelineService(transport);
  const settings = options.settings ?? createSettingsStore(api);
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider
        store={store}
        api={api}
        statistics={statistics}
        host={host}
        timeline={timeline}
        notifier={options.notifier ?? 'browser'}
      >
        <SettingsContext.Provider value={settings}>
          <ExecProvider services={exec}>{ui}</ExecProvider>
        </SettingsContext.Provider>
      </ServicesProvider>
    </FluentProvider>,
  );
  return { ...result, api, store, exec, statistics, host, timeline, settings };
}
