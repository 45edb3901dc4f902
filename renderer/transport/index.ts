import type { HcsApi } from '../../src/contract/index.ts';
import { IpcTransport } from './ipc-transport.ts';
import { resolveToken, webSocketUrl } from './token.ts';
import type { HcsTransport } from './types.ts';
import { WsTransport } from './ws-transport.ts';

export type { ConnectionState, HcsTransport } from './types.ts';
export { errorInfoOf } from './request-error.ts';

function isHcsApi(value: unknown): value is HcsApi {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HcsApi).invoke === 'function' &&
    typeof (value as HcsApi).on === 'function'
  );
}

/** Electron's preload API when the window has one, else the web-mode WebSocket to this page's server. */
export function createTransport(win: Window & { hcs?: unknown } = window): HcsTransport {
  if (isHcsApi(win.hcs)) return new IpcTransport(win.hcs);
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const token = resolveToken({
    location: win.location,
    storage,
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
  });
  return new WsTransport({ url: webSocketUrl(win.location, token) });
}

/** Whether this window is the desktop app's (Electron, the preload's API) rather than a browser page. */
export function isDesktopApp(transport: HcsTransport): boolean {
  return transport instanceof IpcTransport;
}
