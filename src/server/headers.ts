import { pageCsp } from '../host/index.ts';

/** Headers on every HTTP response of the web server; the CSP is the page's one policy (src/host/page-csp.ts). */
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
