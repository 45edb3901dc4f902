/**
 * The page's Content-Security-Policy. Scripts only from our origin; the WebSocket only to ourselves (ws: for
 * http, wss: for https). style-src needs 'unsafe-inline' because Fluent UI (Griffel) injects its styles at
 * runtime.
 */
export function pageCsp(origin: string): string {
  const ws = origin.replace(/^http(s?):/, 'ws$1:');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${ws}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every HTTP response of the web server. */
export function securityHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': pageCsp(origin),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The token rides on the page URL and the files change with every build: nothing is worth caching.
    'Cache-Control': 'no-store',
  };
}
