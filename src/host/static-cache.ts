import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { closeQuietly } from '../base/index.ts';
import { isSourceMap, openStaticFile } from './static-assets.ts';

/**
 * The built renderer's small files, read once when the web server starts and answered from memory. Opening,
 * reading and closing a file take libuv's thread pool, which the HCS calls share (koffi's async calls): a page
 * that loads its thirty-odd modules while the core is busy with HCS waited for those threads. Measured in
 * `npm run bench -- startup` (docs/benchmarks.md): the modules arrived about 90 ms sooner from memory.
 * The files are found and opened exactly as a request would open them (openStaticFile: inside the root,
 * symbolic links resolved, no source maps); what does not fit the bounds is left on disk and streamed.
 */

/** A file larger than this is streamed from disk (as source maps, never cached, are). */
export const MAX_CACHED_FILE_BYTES = 2 * 1024 * 1024;
/** What the cache may hold in all: a build's scripts, styles and page are about 2 MB. */
export const MAX_CACHE_BYTES = 16 * 1024 * 1024;
const MAX_CACHED_FILES = 1000;

export interface CachedStaticFile {
  kind: 'cached';
  path: string;
  contentType: string;
  body: Buffer;
  size: number;
  mtime: Date;
  etag: string;
}

/** Cached files by the URL path a browser asks for ("/" is "/index.html"). */
export type StaticCache = ReadonlyMap<string, CachedStaticFile>;

/** The cache key of a request's path (already percent-decoded paths never match: they go to disk). */
export function staticCacheKey(urlPath: string): string {
  return urlPath === '/' ? '/index.html' : urlPath;
}

/** Reads the root's files that fit the bounds; a file that cannot be read is simply left to disk. */
export async function loadStaticCache(root: string): Promise<StaticCache> {
  const cache = new Map<string, CachedStaticFile>();
  let names: string[];
  try {
    names = (await readdir(root, { recursive: true })).sort();
  } catch {
    return cache;
  }
  let total = 0;
  for (const name of names) {
    if (cache.size >= MAX_CACHED_FILES) break;
    if (isSourceMap(name)) continue;
    const urlPath = `/${name.split(sep).join('/')}`;
    const file = await openStaticFile(root, urlPath);
    if (file.kind !== 'file') continue;
    try {
      if (file.size > MAX_CACHED_FILE_BYTES || total + file.size > MAX_CACHE_BYTES) continue;
      const body = await file.handle.readFile();
      // Changed while it was read: leave it to disk, where each request sees it whole.
      if (body.byteLength !== file.size) continue;
      total += body.byteLength;
      const { path, contentType, size, mtime, etag } = file;
      cache.set(urlPath, { kind: 'cached', path, contentType, body, size, mtime, etag });
    } catch {
      // Unreadable now: requests will try the disk and answer what it says.
    } finally {
      await closeQuietly(file.handle);
    }
  }
  return cache;
}
