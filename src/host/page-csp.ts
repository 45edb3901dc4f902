/**
 * The UI page's Content-Security-Policy: one policy for both transports (Electron's app:// protocol and the
 * web server's responses) and for the <meta> tag the build puts in the page itself (vite.config.ts). The
 * transports differ in one source only: web mode's page opens a WebSocket to its own server, Electron's talks
 * to the main process over IPC and connects nowhere.
 *
 * Scripts come only from the page's own origin (no inline script, no eval). style-src needs 'unsafe-inline'
 * because Fluent UI (Griffel) and CodeMirror insert <style> elements at run time.
 */
const DIRECTIVES: ReadonlyArray<readonly [directive: string, ...sources: string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['connect-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** Directives a browser ignores in a <meta> tag (CSP Level 3, "directives not supported in meta"). */
const HEADER_ONLY = new Set(['frame-ancestors']);

/**
 * The policy as a header value. `webSocketOrigin`: web mode's own origin (`http://host:port`), where the page's
 * WebSocket connects (ws: for http, wss: for https); none for Electron.
 */
export function pageCsp(webSocketOrigin?: string): string {
  return DIRECTIVES.map(([directive, ...sources]) => {
    if (directive === 'connect-src' && webSocketOrigin !== undefined)
      sources = [...sources, webSocketOrigin.replace(/^http(s?):/, 'ws$1:')];
    return [directive, ...sources].join(' ');
  }).join('; ');
}

/** The policy for the built page's <meta> tag: the header's, without what a <meta> tag cannot carry. */
export function pageCspMetaTag(): string {
  return DIRECTIVES.filter(([directive]) => !HEADER_ONLY.has(directive))
    .map((d) => d.join(' '))
    .join('; ');
}
