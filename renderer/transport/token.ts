/** Where the web-mode token lives once read from the page URL: survives a reload of this tab only. */
export const TOKEN_STORAGE_KEY = 'hcs_token';

export interface TokenSources {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Rewrites the address without reloading (history.replaceState), so the token leaves the URL bar. */
  replaceUrl?: (url: string) => void;
}

/**
 * The token from `?token=` (remembered in sessionStorage and removed from the address), else the
 * remembered one, else null (the server's HttpOnly cookie may still authorise the connection).
 */
export function resolveToken({ location, storage, replaceUrl }: TokenSources): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled (privacy settings); the cookie still carries the session.
    }
    if (replaceUrl) {
      params.delete('token');
      const query = params.toString();
      replaceUrl(`${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The WebSocket endpoint of the page's own server. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
