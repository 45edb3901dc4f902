import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { closeQuietly } from '../base/index.ts';

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

/** An opened file, to be streamed: the caller owns `handle` and must close it. */
export interface OpenedStaticFile {
  kind: 'file';
  path: string;
  contentType: string;
  handle: FileHandle;
  /** Taken from the open descriptor (fstat), so it is the size of what will be streamed. */
  size: number;
  mtime: Date;
  /** A weak validator from size and modification time: cheap, and enough for a build's files. */
  etag: string;
}

export interface StaticOptions {
  /** Serve `*.map` files. Off by default: a source map is the whole source, megabytes per request. */
  sourceMaps?: boolean;
}

export function isSourceMap(path: string): boolean {
  return extname(path).toLowerCase() === '.map';
}

/**
 * Opens the file for a URL path, refusing anything outside the root (symbolic links included) and, unless
 * asked for, source maps (not-found, as if they were not there). Nothing is read yet.
 */
export async function openStaticFile(
  root: string,
  urlPath: string,
  options: StaticOptions = {},
): Promise<OpenedStaticFile | { kind: 'not-found' } | { kind: 'forbidden' }> {
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
  if (!options.sourceMaps && isSourceMap(real)) return { kind: 'not-found' };
  let handle: FileHandle;
  try {
    handle = await open(real, 'r');
  } catch {
    return { kind: 'not-found' };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      return { kind: 'not-found' };
    }
    return {
      kind: 'file',
      path: real,
      contentType: contentTypeFor(real),
      handle,
      size: st.size,
      mtime: st.mtime,
      etag: `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
    };
  } catch {
    await closeQuietly(handle);
    return { kind: 'not-found' };
  }
}

/**
 * Reads the whole file for a URL path (Electron's app:// answers with a body), with the same refusals as
 * openStaticFile. Source maps are served here unless told otherwise: app:// never leaves the machine and the
 * app's own developer tools read them.
 */
export async function readStaticFile(
  root: string,
  urlPath: string,
  options: StaticOptions = { sourceMaps: true },
): Promise<StaticResult> {
  const file = await openStaticFile(root, urlPath, options);
  if (file.kind !== 'file') return file;
  try {
    return {
      kind: 'file',
      path: file.path,
      body: await file.handle.readFile(),
      contentType: file.contentType,
    };
  } catch {
    return { kind: 'not-found' };
  } finally {
    await closeQuietly(file.handle);
  }
}
