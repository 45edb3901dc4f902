import type { HcsApi } from '../../src/contract/index.ts';
import { IpcTransport } from './ipc-transport.ts';
import { resolveEndpoint, takeEarlyLink } from './early-link.ts';
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

/**
 * Electron's preload API when the window has one, else the web-mode WebSocket to this page's server — the one
 * the page's first script opened when there is one. Either way no event is delivered before the script that
 * created the transport has run to its end, so listeners added right after creating it hear everything.
 */
export function createTransport(win: Window & { hcs?: unknown } = window): HcsTransport {
  if (isHcsApi(win.hcs)) return new IpcTransport(win.hcs);
  const early = takeEarlyLink();
  return early
    ? new WsTransport({ url: early.url, adopt: early.socket })
    : new WsTransport({ url: resolveEndpoint(win) });
}

/** Whether this window is the desktop app's (Electron, the preload's API) rather than a browser page. */
export function isDesktopApp(transport: HcsTransport): boolean {
  return transport instanceof IpcTransport;
}
