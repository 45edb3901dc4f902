import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorizedBy, cookieValue, originAllowed, tokenCookie, tokenMatches } from './auth.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('token', () => {
  it('matches only the exact token, whatever the candidate length', () => {
    expect(tokenMatches('abc123', 'abc123')).toBe(true);
    for (const candidate of ['abc12', 'abc1234', 'ABC123', '', 'abc123\u0000', null, undefined]) {
      expect(tokenMatches('abc123', candidate), String(candidate)).toBe(false);
    }
  });

  it('is read from the query or the cookie, never from elsewhere', () => {
    const url = (q: string) => new URL(`http://127.0.0.1:1/${q}`);
    expect(authorizedBy(request({}), url('?token=t0k'), 't0k')).toBe('query');
    expect(authorizedBy(request({ cookie: 'a=1; hcs_token=t0k' }), url(''), 't0k')).toBe('cookie');
    expect(
      authorizedBy(request({ authorization: 'Bearer t0k', 'x-token': 't0k' }), url(''), 't0k'),
    ).toBeNull();
    expect(authorizedBy(request({ cookie: 'xhcs_token=t0k' }), url('?tok=t0k'), 't0k')).toBeNull();
    expect(cookieValue('a=1;  hcs_token = v ; b=2', 'hcs_token')).toBe('v');
  });

  it('sets an HttpOnly, SameSite=Strict cookie, Secure over https', () => {
    expect(tokenCookie('t')).toBe('hcs_token=t; HttpOnly; SameSite=Strict; Path=/');
    expect(tokenCookie('t', true)).toBe('hcs_token=t; HttpOnly; SameSite=Strict; Path=/; Secure');
  });

  it('allows only our own origin, and refuses a missing one', () => {
    const own = 'http://127.0.0.1:7380';
    expect(originAllowed(request({ origin: own }), own)).toBe(true);
    for (const origin of [
      'http://localhost:7380',
      'https://127.0.0.1:7380',
      'null',
      'http://127.0.0.1:7380/',
    ]) {
      expect(originAllowed(request({ origin }), own), origin).toBe(false);
    }
    expect(originAllowed(request({}), own)).toBe(false);
  });
});
