import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './global.css';
import { App } from './App.tsx';
import { ExecProvider } from './exec/context.tsx';
import { createExecServices } from './exec/services.ts';
import { PreferencesContext, createPreferencesStore } from './preferences/preferences-store.ts';
import { bindPreferences } from './settings/bind-preferences.ts';
import { SettingsContext, bindSettings, createSettingsStore } from './settings/settings-store.ts';
import { HostStatisticsService } from './statistics/host-statistics.ts';
import { StatisticsService } from './statistics/statistics-store.ts';
import { TimelineService } from './timeline/timeline-store.ts';
import { bindShowSystem } from './views/show-system.ts';
import { createAppStore } from './store/app-store.ts';
import { bindStore } from './store/bind.ts';
import { ServicesProvider } from './store/context.tsx';
import { createTransport, isDesktopApp } from './transport/index.ts';

// One transport and one store per window, made outside React so StrictMode's double effects cannot
// open two connections.
const transport = createTransport();
const store = createAppStore();
bindStore(transport, store);
const exec = createExecServices(transport, store);
const statistics = new StatisticsService(transport);
const host = new HostStatisticsService(transport);
const timeline = new TimelineService(transport);
const preferences = createPreferencesStore();
const settings = createSettingsStore(transport.api);
bindSettings(transport, settings);
bindPreferences(settings, preferences);
bindShowSystem(transport.api, store, exec.store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ServicesProvider
      store={store}
      api={transport.api}
      statistics={statistics}
      host={host}
      timeline={timeline}
      notifier={isDesktopApp(transport) ? 'desktop-app' : 'browser'}
    >
      <ExecProvider services={exec}>
        <SettingsContext.Provider value={settings}>
          <PreferencesContext.Provider value={preferences}>
            <App />
          </PreferencesContext.Provider>
        </SettingsContext.Provider>
      </ExecProvider>
    </ServicesProvider>
  </StrictMode>,
);
