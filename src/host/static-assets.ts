import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * The built renderer's files, served by the web server and by Electron's app:// protocol alike, with the
 * same rule: a request resolves inside the root or is refused.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The file a URL path names under `root` ("/" is index.html), or null when the path is malformed, carries a
 * NUL or a backslash, or resolves outside the root (e.g. "/..%2f..%2fetc/passwd").
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const full = resolve(base, decoded === '/' ? 'index.html' : `.${decoded}`);
  return inside(base, full) && full !== base ? full : null;
}

export type StaticResult =
  | { kind: 'file'; path: string; body: Buffer; contentType: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

/** Read the file for a URL path, refusing anything outside the root, symbolic links included. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticResult> {
  const full = resolveStaticPath(root, urlPath);
  if (!full) return { kind: 'forbidden' };
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(full), realpath(root)]);
  } catch {
    return { kind: 'not-found' };
  }
  if (!inside(realRoot, real)) return { kind: 'forbidden' };
  try {
    if (!(await stat(real)).isFile()) return { kind: 'not-found' };
    return { kind: 'file', path: real, body: await readFile(real), contentType: contentTypeFor(real) };
  } catch {
    return { kind: 'not-found' };
  }
}
