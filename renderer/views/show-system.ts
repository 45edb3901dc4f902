import type { HcsApi } from '../../src/contract/index.ts';
import type { ExecStore } from '../exec/exec-store.ts';
import type { AppStore } from '../store/app-store.ts';

/** Bring a system into view: the Systems view, its details open (a notification was clicked, a link followed). */
export function showSystem(store: AppStore, exec: ExecStore, id: string): void {
  exec.getState().setView('systems');
  store.getState().openDetails(id);
}

/** The desktop app asks to show a system (its desktop notification was clicked): `app.showSystem`. */
export function bindShowSystem(api: HcsApi, store: AppStore, exec: ExecStore): () => void {
  return api.on('app.showSystem', ({ id }) => showSystem(store, exec, id));
}
