import { EarlySocket } from './early-socket.ts';
import { resolveToken, webSocketUrl } from './token.ts';
import type { SocketLike } from './ws-transport.ts';

/** The web-mode link the page's first script opened: the endpoint it resolved and the socket on it. */
export interface EarlyLink {
  url: string;
  socket: EarlySocket;
}

let opened: EarlyLink | null = null;

/** The endpoint of this page's server, with the session's token (read once: it leaves the address bar). */
export function resolveEndpoint(win: Window): string {
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
  return webSocketUrl(win.location, token);
}

/**
 * Opens the web-mode WebSocket as the page's first script runs (`renderer/boot.ts`), so the handshake and
 * the snapshot travel while the app's code loads. Not in the desktop app: its preload gave the window an API
 * (`window.hcs`) before any page script, and nothing goes over a socket there.
 */
export function openEarlyLink(
  win: Window & { hcs?: unknown },
  createSocket: (url: string) => SocketLike = (url) => new WebSocket(url) as unknown as SocketLike,
): void {
  if (opened || win.hcs !== undefined) return;
  const url = resolveEndpoint(win);
  try {
    opened = { url, socket: new EarlySocket(createSocket(url)) };
  } catch {
    // Left to the transport, which reports a socket it cannot open and retries with backoff.
    opened = null;
  }
}

/** The link the first script opened, once: the transport that takes it owns it from then on. */
export function takeEarlyLink(): EarlyLink | null {
  const link = opened;
  opened = null;
  return link;
}
