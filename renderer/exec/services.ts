import type { HcsTransport } from '../transport/index.ts';
import type { AppStore } from '../store/app-store.ts';
import { bindExec } from './bind-exec.ts';
import type { ExecServices } from './context.tsx';
import { createExecStore } from './exec-store.ts';
import { OutputRouter } from './output-router.ts';
import { browserStorage } from './storage.ts';
import { createLazyXtermSurface } from './xterm-loader.ts';

/**
 * The exec half of a window: its sessions store (fed from the transport), the output router and xterm.js
 * terminals. Made once per window, outside React, like the transport.
 */
export function createExecServices(transport: HcsTransport, appStore: AppStore): ExecServices {
  const store = createExecStore(browserStorage('session'));
  bindExec(transport, store, (error) =>
    appStore.getState().notify({
      intent: 'warning',
      title: 'Could not load the process sessions',
      body: error.message,
      error,
    }),
  );
  return {
    store,
    router: new OutputRouter(transport.api),
    createSurface: createLazyXtermSurface,
    history: browserStorage('local'),
  };
}
