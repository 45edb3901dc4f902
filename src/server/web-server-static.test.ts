import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coreWithFake } from '../app/testing/harness.ts';
import { loadStaticCache, type StaticCache } from '../host/index.ts';
import { startWebServer, type WebServer, type WebServerOptions } from './web-server.ts';

// The renderer's files in web mode: source maps only when asked for (--source-maps), every file streamed from its
// descriptor with its size as Content-Length, and cheap validators (ETag, Last-Modified) that answer 304.
const TOKEN = 'static-token-0123456789';
const MAP = 'assets/index-abc123.js.map';
/** A sparse file far larger than every buffer between the server and a paused client (socket buffers included). */
const LARGE_BYTES = 64 * 1024 * 1024;
let base: string;
let staticDir: string;
const servers: WebServer[] = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'hcs-web-static-'));
  staticDir = join(base, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  writeFileSync(
    join(staticDir, 'assets', 'index-abc123.js'),
    'export {}\n//# sourceMappingURL=index-abc123.js.map\n',
  );
  writeFileSync(
    join(staticDir, MAP),
    JSON.stringify({ version: 3, sources: ['secret.ts'], mappings: 'AAAA' }),
  );
  writeFileSync(join(staticDir, 'empty.txt'), '');
  writeFileSync(join(staticDir, 'large.bin'), '');
  truncateSync(join(staticDir, 'large.bin'), LARGE_BYTES);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: Pick<WebServerOptions, 'sourceMaps' | 'staticCache'> = {}): Promise<WebServer> {
  const h = coreWithFake([]);
  const server = await startWebServer({
    core: h.core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir,
    ...options,
  });
  servers.push(server);
  return server;
}

function get(server: WebServer, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `${path}?token=${TOKEN}`, method, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('web server: static files', () => {
  it('does not serve source maps unless asked for', async () => {
    const plain = await serve();
    expect((await get(plain, `/${MAP}`)).status).toBe(404);
    expect((await get(plain, '/assets/index-abc123.js%2emap')).status).toBe(404); // however it is spelled
    expect((await get(plain, '/assets/index-abc123.js')).status).toBe(200); // the script itself is served

    const debugging = await serve({ sourceMaps: true });
    const map = await get(debugging, `/${MAP}`);
    expect(map.status).toBe(200);
    expect(map.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(map.body.toString()).sources).toEqual(['secret.ts']);
  });

  it('gives every file its size as Content-Length, on GET and on HEAD, empty files too', async () => {
    const server = await serve();
    const index = await get(server, '/');
    expect(index.headers['content-length']).toBe(String(statSync(join(staticDir, 'index.html')).size));
    expect(index.body.toString()).toBe('<!doctype html><title>HCS Desktop</title>');
    const head = await get(server, '/large.bin', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(LARGE_BYTES));
    expect(head.body.length).toBe(0);
    const empty = await get(server, '/empty.txt');
    expect([empty.status, empty.headers['content-length'], empty.body.length]).toEqual([200, '0', 0]);
  });

  it('streams a file from disk as the client reads it, never reading it whole first', async () => {
    const server = await serve();
    const path = join(staticDir, 'large.bin');
    const tail = Buffer.alloc(1024 * 1024, 0x5a);
    const result = await new Promise<{ length: string | undefined; received: number; last: Buffer }>(
      (resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: `/large.bin?token=${TOKEN}` },
          (res) => {
            // Paused from the start: the server can get no further than what the buffers between us hold (a few MB).
            res.pause();
            // Now change the file's last megabyte on disk. A server that read the file whole when the request came
            // would send the old bytes (zeros); one that streams sends these.
            const fd = openSync(path, 'r+');
            writeSync(fd, tail, 0, tail.length, LARGE_BYTES - tail.length);
            closeSync(fd);
            let received = 0;
            let last = Buffer.alloc(0);
            res.on('data', (c: Buffer) => {
              received += c.length;
              last = Buffer.concat([last, c]).subarray(-tail.length);
            });
            res.on('end', () => resolve({ length: res.headers['content-length'], received, last }));
            res.on('error', reject);
            res.resume();
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(result.length).toBe(String(LARGE_BYTES));
    expect(result.received).toBe(LARGE_BYTES);
    expect(result.last.equals(tail)).toBe(true);
  });

  it('sends ETag and Last-Modified, and answers 304 when the client has the file', async () => {
    const server = await serve();
    const first = await get(server, '/assets/index-abc123.js');
    const etag = first.headers.etag!;
    const modified = first.headers['last-modified']!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(modified).getTime()).toBe(
      Math.floor(statSync(join(staticDir, 'assets', 'index-abc123.js')).mtimeMs / 1000) * 1000,
    );
    const byTag = await get(server, '/assets/index-abc123.js', { 'if-none-match': etag });
    expect([byTag.status, byTag.body.length, byTag.headers.etag]).toEqual([304, 0, etag]);
    const byDate = await get(server, '/assets/index-abc123.js', { 'if-modified-since': modified });
    expect(byDate.status).toBe(304);
    const stale = await get(server, '/assets/index-abc123.js', { 'if-none-match': 'W/"0-0"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toContain('export {}');
  });

  it("answers the build's small files from what it read when it started, and anything else from disk", async () => {
    writeFileSync(join(staticDir, 'assets', 'chunk-read-once.js'), 'export const version = 1;\n');
    const server = await serve({ sourceMaps: true });
    // A request waits until the server has read the page's files.
    expect((await get(server, '/assets/chunk-read-once.js')).body.toString()).toBe(
      'export const version = 1;\n',
    );
    // Changed on disk after that: the page's files are the build the server read when it started.
    writeFileSync(join(staticDir, 'assets', 'chunk-read-once.js'), 'export const version = 2; // changed\n');
    const cached = await get(server, '/assets/chunk-read-once.js');
    expect([cached.status, cached.body.toString()]).toEqual([200, 'export const version = 1;\n']);
    expect(cached.headers['content-length']).toBe(String('export const version = 1;\n'.length));
    // A file that appeared later, and source maps (never held in memory), come from disk as they are now.
    writeFileSync(join(staticDir, 'assets', 'chunk-later.js'), 'export {};\n');
    expect((await get(server, '/assets/chunk-later.js')).body.toString()).toBe('export {};\n');
    const laterMap = 'assets/chunk-later.js.map';
    writeFileSync(
      join(staticDir, laterMap),
      JSON.stringify({ version: 3, sources: ['now.ts'], mappings: 'AAAA' }),
    );
    expect(JSON.parse((await get(server, `/${laterMap}`)).body.toString()).sources).toEqual(['now.ts']);
  });

  it('serves the files read before it started when it is given them (read while HCS is first enumerated)', async () => {
    writeFileSync(join(staticDir, 'assets', 'chunk-early.js'), 'export const read = "early";\n');
    const early = loadStaticCache(staticDir);
    await early;
    // Changed after the early read and before the server starts: the server serves what was read early.
    writeFileSync(join(staticDir, 'assets', 'chunk-early.js'), 'export const read = "late";\n');
    const server = await serve({ staticCache: early });
    expect((await get(server, '/assets/chunk-early.js')).body.toString()).toBe(
      'export const read = "early";\n',
    );
  });

  it("listens before the page's files are read, and answers a request for them once they are", async () => {
    let read!: (cache: StaticCache) => void;
    const reading = new Promise<StaticCache>((resolve) => (read = resolve));
    const server = await serve({ staticCache: reading });
    const answer = get(server, '/assets/index-abc123.js');
    read(await loadStaticCache(staticDir));
    const { status, body } = await answer;
    expect([status, body.toString()]).toEqual([200, 'export {}\n//# sourceMappingURL=index-abc123.js.map\n']);
  });

  it('lets the browser keep the content-hashed assets and makes it check the page each time', async () => {
    const server = await serve();
    expect((await get(server, '/assets/index-abc123.js')).headers['cache-control']).toBe(
      'private, max-age=31536000, immutable',
    );
    expect((await get(server, '/')).headers['cache-control']).toBe('no-cache');
    expect((await get(server, '/empty.txt')).headers['cache-control']).toBe('no-cache');
  });
});
