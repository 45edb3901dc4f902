import { afterEach, describe, expect, it } from 'vitest';
import { openEarlyLink, takeEarlyLink } from './early-link.ts';
import type { SocketLike } from './ws-transport.ts';

function fakeWindow(search: string, extra: Record<string, unknown> = {}) {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  const win = {
    location: { protocol: 'http:', host: '127.0.0.1:7380', search, pathname: '/', hash: '' },
    sessionStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    },
    history: { state: null, replaceState: (_: unknown, __: string, url: string) => replaced.push(url) },
    ...extra,
  };
  return { win: win as unknown as Window & { hcs?: unknown }, replaced };
}

function fakeSocket(): SocketLike {
  return {
    readyState: 0,
    binaryType: 'blob',
    send: () => {},
    close: () => {},
    onopen: null,
    onclose: null,
    onmessage: null,
    onerror: null,
  };
}

afterEach(() => {
  takeEarlyLink();
});

describe('the link the first script opens', () => {
  it('opens one socket on the page server with the token, which leaves the address; taken once', () => {
    const { win, replaced } = fakeWindow('?token=abc');
    const urls: string[] = [];
    const create = (url: string) => (urls.push(url), fakeSocket());
    openEarlyLink(win, create);
    openEarlyLink(win, create);
    expect(urls).toEqual(['ws://127.0.0.1:7380/ws?token=abc']);
    expect(replaced).toEqual(['/']);
    const link = takeEarlyLink();
    expect(link?.url).toBe('ws://127.0.0.1:7380/ws?token=abc');
    expect(link?.socket.binaryType).toBe('arraybuffer');
    expect(takeEarlyLink()).toBeNull();
  });

  it('opens nothing in the desktop app, whose preload gave the window its API', () => {
    const { win } = fakeWindow('', { hcs: { invoke: () => {}, on: () => {} } });
    const urls: string[] = [];
    openEarlyLink(win, (url) => (urls.push(url), fakeSocket()));
    expect(urls).toEqual([]);
    expect(takeEarlyLink()).toBeNull();
  });

  it('leaves the link to the transport when the browser refuses to open a socket', () => {
    const { win } = fakeWindow('');
    openEarlyLink(win, () => {
      throw new Error('refused');
    });
    expect(takeEarlyLink()).toBeNull();
  });
});
