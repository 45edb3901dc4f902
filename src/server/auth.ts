import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie the page gets, so the page's own requests (assets, the WebSocket) need no token in the URL. */
export const TOKEN_COOKIE = 'hcs_token';

/**
 * Constant-time comparison, so the token cannot be guessed byte by byte from response times. Both sides are
 * hashed first: timingSafeEqual needs equal lengths, and comparing lengths first would tell the length.
 */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(candidate));
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** How a request proved it knows the token, if it did. */
export function authorizedBy(req: IncomingMessage, url: URL, token: string): 'query' | 'cookie' | null {
  if (tokenMatches(token, url.searchParams.get('token'))) return 'query';
  if (tokenMatches(token, cookieValue(req.headers.cookie, TOKEN_COOKIE))) return 'cookie';
  return null;
}

/**
 * HttpOnly: page scripts never see it. SameSite=Strict: another site's page cannot make the browser send it.
 * Secure over https, so it never travels in clear text. (Cookies are not scoped by port: the token stays a
 * secret only as long as no other server on the same host name is hostile — see docs/security.md.)
 */
export function tokenCookie(token: string, secure = false): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

/**
 * A WebSocket must come from our own page: browsers always send Origin on upgrades, and another site's page
 * (or a DNS-rebinding one) has another origin.
 */
export function originAllowed(req: IncomingMessage, ownOrigin: string): boolean {
  return typeof req.headers.origin === 'string' && req.headers.origin === ownOrigin;
}
