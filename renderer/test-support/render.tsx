import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createAppStore, type AppStore } from '../store/app-store.ts';
import { ServicesProvider } from '../store/context.tsx';
import { FakeApi } from './fake-api.ts';

/** Renders a component with a fresh store and a FakeApi (both returned for the test to drive). */
export function renderWithServices(ui: ReactElement, options: { api?: FakeApi; store?: AppStore } = {}) {
  const api = options.api ?? new FakeApi();
  const store = options.store ?? createAppStore();
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider store={store} api={api}>
        {ui}
      </ServicesProvider>
    </FluentProvider>,
  );
  return { ...result, api, store };
}
