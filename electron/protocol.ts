import { protocol } from 'electron';
import {
  loadStaticCache,
  pageCsp,
  readStaticFile,
  staticCacheKey,
  type StaticCache,
} from '../src/host/index.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

/** The CSP of every app:// response: the page's one policy, without a WebSocket (the UI talks over IPC). */
export const APP_CSP = pageCsp();

const BASE_HEADERS = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/** Must run before the app is ready: app:// behaves like https (standard, secure, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * One app:// request: a file of the built renderer, never anything outside it. With `cache` (the build's small
 * files read once, src/host/static-cache.ts), those are answered from memory: reading each from disk takes
 * libuv's thread pool, which the HCS calls of this same process share.
 */
export async function serveAppRequest(
  url: string,
  method: string,
  rendererDir: string,
  cache?: Promise<StaticCache>,
): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return plain(400, 'Bad request');
  }
  if (parsed.host !== APP_HOST) return plain(404, 'Not found');
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  const cached = cache ? (await cache).get(staticCacheKey(parsed.pathname)) : undefined;
  const file = cached ?? (await readStaticFile(rendererDir, parsed.pathname));
  if (file.kind === 'forbidden') return plain(403, 'Forbidden');
  if (file.kind === 'not-found') return plain(404, 'Not found');
  return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: { ...BASE_HEADERS, 'Content-Type': file.contentType },
  });
}

export function handleAppProtocol(rendererDir: string): void {
  // Should reading the build fail altogether, every request still goes to disk as before.
  const cache = loadStaticCache(rendererDir).catch((): StaticCache => new Map());
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, request.method, rendererDir, cache));
}
