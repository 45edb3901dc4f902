import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ExecState, ExecStore } from './exec-store.ts';
import type { OutputRouter } from './output-router.ts';
import type { SurfaceFactory } from './surface.ts';

export interface ExecServices {
  store: ExecStore;
  router: OutputRouter;
  /** Makes the terminal of a session (xterm.js; a fake in component tests). */
  createSurface: SurfaceFactory;
  /** Where the Exec dialog keeps recent commands (localStorage; null when unavailable). */
  history: Pick<Storage, 'getItem' | 'setItem'> | null;
}

const ExecContext = createContext<ExecServices | null>(null);

/** Gives the exec views their store, the output router and the terminal factory. */
export function ExecProvider({ services, children }: { services: ExecServices; children: ReactNode }) {
  return <ExecContext.Provider value={services}>{children}</ExecContext.Provider>;
}

export function useExecServices(): ExecServices {
  const services = useContext(ExecContext);
  if (!services) throw new Error('ExecProvider is missing above this component');
  return services;
}

/** Select from the exec store; re-renders only when the selected value changes (Object.is). */
export function useExec<T>(selector: (s: ExecState) => T): T {
  return useStore(useExecServices().store, selector);
}
