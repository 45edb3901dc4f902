import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer } from 'ws';
import type { AppCoreApi } from '../app/index.ts';
import {
  loadStaticCache,
  openStaticFile,
  staticCacheKey,
  type CachedStaticFile,
  type OpenedStaticFile,
  type StaticCache,
} from '../host/index.ts';
import { authorizedBy, originAllowed, tokenCookie } from './auth.ts';
import { securityHeaders } from './headers.ts';
import {
  boundAddressProblem,
  hostHeaderAllowed,
  listenHostProblem,
  normalizeHost,
  serverOrigin,
} from './listen-address.ts';
import { MAX_BUFFERED_BYTES, SocketHub } from './socket-hub.ts';
import type { AuditLog } from './audit-log.ts';
import { tlsFingerprint, type TlsMaterial } from './tls.ts';
import { MAX_MESSAGE_BYTES } from './wire.ts';
import { closeQuietly } from '../base/index.ts';

export interface WebServerOptions {
  core: AppCoreApi;
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  maxBufferedBytes?: number;
  /** Serve https and wss with this certificate (loadTlsMaterial); without it, http and ws. */
  tls?: TlsMaterial;
  /**
   * The renderer's files, already being read into memory (loadStaticCache of `staticDir`): main.ts starts the
   * reads before the core's first enumeration so that the two overlap. Without it, they are read here.
   */
  staticCache?: Promise<StaticCache>;
  /** Serve the renderer's `*.map` files (`--source-maps`); without it they answer 404. */
  sourceMaps?: boolean;
  /** Record every state-changing request here (`--audit-log`). */
  audit?: AuditLog;
  /**
   * The core's start (`AppCore.start`: HCS's first listing, bounded in time), when the server listens before it
   * ends. The page's files are served at once; a WebSocket's upgrade is answered once it has ended, so that
   * the socket's first message is the whole list, not an empty one followed by every system as a change.
   * If the start fails, upgrades are refused with 503. Without it, the core has started already.
   */
  coreStarted?: PromiseLike<void>;
  /**
   * Resolves a host name to the address to listen on, as Node's own listen would (dns.lookup, first answer).
   * Tests inject a resolver that maps a name elsewhere.
   */
  lookup?: (hostname: string) => Promise<{ address: string }>;
}

export interface WebServer {
  /** http(s)://HOST:PORT, the only origin whose pages may open the WebSocket; its host is the only Host. */
  readonly origin: string;
  /** The page URL with its token. */
  readonly pageUrl: string;
  /** SHA-256 of the TLS certificate (what a remote client pins, src/contract/hosts.ts); null over http. */
  readonly fingerprint: string | null;
  readonly port: number;
  readonly clients: number;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';

/** `10.0.0.5:51234`, `[::1]:51234`: the peer of the connection (never a header a client could write). */
function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return `${isIP(address) === 6 ? `[${address}]` : address}:${req.socket.remotePort ?? 0}`;
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 421 | 503, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`,
  );
  socket.destroy();
}

/** Whether the client's copy is current: If-None-Match (weak comparison) first, else If-Modified-Since. */
function notModified(req: IncomingMessage, file: OpenedStaticFile | CachedStaticFile): boolean {
  const tags = req.headers['if-none-match'];
  if (typeof tags === 'string') {
    const weak = (t: string) => t.trim().replace(/^W\//, '');
    return tags.trim() === '*' || tags.split(',').some((t) => weak(t) === weak(file.etag));
  }
  const since = req.headers['if-modified-since'];
  if (typeof since !== 'string') return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Math.floor(file.mtime.getTime() / 1000) <= Math.floor(time / 1000);
}

/**
 * How long a browser may keep a file: the build names everything under /assets/ by a hash of its content (vite),
 * so a name never changes its bytes; the page itself (index.html, which names them) is checked each time.
 * `private`: only the user's browser keeps them, behind the token, never a shared cache.
 */
function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Web mode: the built renderer and one WebSocket. Every request must name this server in its Host header
 * (DNS rebinding) and carry the token (query or cookie); the WebSocket upgrade must also come from our own
 * Origin. The order of the checks is the order below: Host, then method, then token.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // The command line refuses these already; the server refuses them for any other caller too.
  const problem = listenHostProblem(options.host, options.tls !== undefined);
  if (problem) throw new Error(problem);
  const hub = new SocketHub(
    options.core,
    options.maxBufferedBytes ?? MAX_BUFFERED_BYTES,
    options.audit ?? null,
  );
  // Payloads up to 4× the request limit are read so that they get an error answer; beyond, ws closes with 1009.
  // No compression: a small compressed message must not inflate into a large one in our memory.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES * 4,
    perMessageDeflate: false,
  });
  const secure = options.tls !== undefined;
  let origin = '';
  /**
   * Upgrades waiting for the core's start, and whether close() was called: close() drops them (the HTTP server no
   * longer tracks a socket once it is handed to 'upgrade', so its own close would wait for them forever).
   */
  const waiting = new Set<Duplex>();
  let closed = false;
  // Not awaited here: the server listens while the files are read (and HCS is first listed); a request that
  // comes before they are read waits for them.
  const cache = options.staticCache ?? loadStaticCache(options.staticDir);

  const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...securityHeaders(origin),
      'Content-Type': 'text/plain; charset=utf-8',
      ...extra,
    });
    res.end(text);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostHeaderAllowed(req.headers.host, origin)) {
      return plain(res, 421, `HCS Desktop answers only requests addressed to ${new URL(origin).host}.`);
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return plain(res, 400, 'Bad request');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const by = authorizedBy(req, url, options.token);
    if (!by) return plain(res, 401, 'HCS Desktop: open the URL the server printed (it carries the token).');
    if (url.pathname === WS_PATH) return plain(res, 426, 'Upgrade required', { Upgrade: 'websocket' });
    const file =
      (await cache).get(staticCacheKey(url.pathname)) ??
      (await openStaticFile(options.staticDir, url.pathname, { sourceMaps: options.sourceMaps }));
    const cookie: Record<string, string> =
      by === 'query' ? { 'Set-Cookie': tokenCookie(options.token, secure) } : {};
    if (file.kind === 'forbidden') return plain(res, 403, 'Forbidden');
    if (file.kind === 'not-found') return plain(res, 404, 'Not found', cookie);
    await sendFile(req, res, url.pathname, file, cookie);
  };

  /**
   * A file from memory (static-cache.ts) or streamed from its open descriptor (never read whole: a source map is
   * megabytes), with its size as Content-Length and cheap validators; a matching If-None-Match or
   * If-Modified-Since answers 304. Content-hashed build files (`/assets/`) may be kept by the browser: a page
   * opened again then loads its scripts from its cache, compiled code included.
   */
  const sendFile = async (
    req: IncomingMessage,
    res: ServerResponse,
    urlPath: string,
    file: OpenedStaticFile | CachedStaticFile,
    cookie: Record<string, string>,
  ) => {
    try {
      const validators = {
        ETag: file.etag,
        'Last-Modified': file.mtime.toUTCString(),
        'Cache-Control': cacheControlFor(urlPath),
      };
      if (notModified(req, file)) {
        res.writeHead(304, { ...securityHeaders(origin), ...cookie, ...validators });
        res.end();
        return;
      }
      res.writeHead(200, {
        ...securityHeaders(origin),
        ...cookie,
        ...validators,
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
      });
      if (req.method === 'HEAD' || file.size === 0) {
        res.end();
        return;
      }
      if (file.kind === 'cached') {
        res.end(file.body);
        return;
      }
      // Exactly the bytes announced: a file that grows meanwhile is cut at its size when opened.
      const stream = file.handle.createReadStream({ start: 0, end: file.size - 1, autoClose: false });
      await pipeline(stream, res).catch(() => {
        // The client went away, or the file shrank under us (the response is then cut short): only this
        // response is concerned, and the socket is destroyed with it.
        res.destroy();
      });
    } finally {
      if (file.kind === 'file') await closeQuietly(file.handle);
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((e: unknown) => {
      // The error, never the request: its URL may carry the token.
      console.error('hcs-desktop: request failed:', e);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, handler)
    : createServer(handler);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!hostHeaderAllowed(req.headers.host, origin))
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request');
    }
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!authorizedBy(req, url, options.token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req, origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    const client = clientAddress(req);
    const upgrade = () => {
      waiting.delete(socket);
      // The client may have gone, or the server closed, while the core was starting.
      if (socket.destroyed || closed) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => hub.add(ws, client, socket));
    };
    if (!options.coreStarted) return upgrade();
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    options.coreStarted.then(upgrade, () => {
      waiting.delete(socket);
      refuseUpgrade(socket, 503, 'Service Unavailable');
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  // A failed TLS handshake (a plain-http client, an untrusted certificate) only concerns that connection.
  server.on('tlsClientError', (_e: Error, socket: Duplex) => socket.destroy());

  const host = normalizeHost(options.host);
  let bound: AddressInfo;
  try {
    // A name is resolved here, as listen() would, so that the address bound is the one checked below.
    const bindTo = isIP(host) ? host : (await (options.lookup ?? dnsLookup)(host)).address;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, bindTo, () => {
        server.off('error', reject);
        resolve();
      });
    });
    bound = server.address() as AddressInfo;
    const boundProblem = boundAddressProblem(host, bound.address, secure);
    if (boundProblem) {
      // Closed in the same turn of the event loop as the listen callback: no connection was accepted.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw new Error(boundProblem);
    }
  } catch (e) {
    hub.close();
    wss.close();
    throw e;
  }
  const port = bound.port;
  origin = serverOrigin(host, port, secure);

  return {
    origin,
    pageUrl: `${origin}/?token=${options.token}`,
    fingerprint: options.tls ? tlsFingerprint(options.tls) : null,
    port,
    get clients() {
      return hub.size;
    },
    close: async () => {
      closed = true;
      for (const socket of waiting) socket.destroy();
      waiting.clear();
      hub.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
