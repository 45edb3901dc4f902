import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, resolveToken, webSocketUrl } from './token.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('resolveToken', () => {
  it('takes the token from the URL, remembers it and removes it from the address', () => {
    const storage = memoryStorage();
    let replaced = '';
    const token = resolveToken({
      location: { search: '?token=abc&x=1', pathname: '/index.html', hash: '#h' },
      storage,
      replaceUrl: (url) => (replaced = url),
    });
    expect(token).toBe('abc');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toBe('/index.html?x=1#h');
  });

  it('falls back to the remembered token, then to none (the cookie)', () => {
    const location = { search: '', pathname: '/', hash: '' };
    expect(resolveToken({ location, storage: memoryStorage({ [TOKEN_STORAGE_KEY]: 'saved' }) })).toBe(
      'saved',
    );
    expect(resolveToken({ location, storage: memoryStorage() })).toBeNull();
    expect(resolveToken({ location, storage: null })).toBeNull();
  });
});

describe('webSocketUrl', () => {
  it('uses the page host, the matching scheme and an encoded token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:7380' }, 'a b')).toBe(
      'ws://127.0.0.1:7380/ws?token=a%20b',
    );
    expect(webSocketUrl({ protocol: 'https:', host: 'h' }, null)).toBe('wss://h/ws');
  });
});
