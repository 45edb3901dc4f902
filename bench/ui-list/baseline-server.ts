/**
 * The baseline side of the ui-list section: builds the bare table page (page/, production Vite build into a
 * temporary directory) and serves it on 127.0.0.1 from this process, with the app's snapshot message as
 * `/snapshot.json` and a WebSocket at `/ws` that sends that snapshot on connect and then whatever the section
 * pushes, as fast as the socket drains.
 */
import react from '@vitejs/plugin-react';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocketServer, type WebSocket } from 'ws';

const pageDir = join(dirname(fileURLToPath(import.meta.url)), 'page');
/** Messages handed to the socket per batch; the next batch goes from the last one's send callback. */
const PUSH_BATCH = 500;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** A production build of the baseline page into `outDir`, as the renderer is built (React plugin, base ./). */
export async function buildBaselinePage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: pageDir,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
}

export interface BaselineServer {
  /** The page's URL without a query (add `?mode=…`). */
  url: string;
  /** The snapshot message served as /snapshot.json and sent to every new socket. */
  setSnapshot(text: string): void;
  /** Resolves once exactly `count` sockets are open, each sent the snapshot; rejects after `timeoutMs`. */
  whenSockets(count: number, timeoutMs: number): Promise<void>;
  /** Sends every message to every connected socket; resolves once all were handed to the sockets. */
  push(messages: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function sendAll(ws: WebSocket, messages: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const batch = () => {
      if (next >= messages.length || ws.readyState !== ws.OPEN) return resolve();
      const end = Math.min(messages.length, next + PUSH_BATCH);
      for (; next < end - 1; next++) ws.send(messages[next]!);
      ws.send(messages[next++]!, (error) => (error ? reject(error) : batch()));
    };
    batch();
  });
}

export async function startBaselineServer(staticDir: string): Promise<BaselineServer> {
  let snapshot = '';
  /** Open sockets that have been sent the snapshot. */
  const sockets = new Set<WebSocket>();
  let waiters: { count: number; resolve: () => void }[] = [];
  /** Wakes the waiters whose count is the number of sockets now. */
  const wake = () => {
    const ready = waiters.filter((w) => w.count === sockets.size);
    waiters = waiters.filter((w) => w.count !== sockets.size);
    for (const w of ready) w.resolve();
  };
  const wss = new WebSocketServer({ noServer: true });

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/snapshot.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(snapshot);
      return;
    }
    const file = normalize(join(staticDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(staticDir + sep)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/ws') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const gone = () => {
        if (sockets.delete(ws)) wake();
      };
      ws.on('close', gone);
      ws.on('error', gone);
      ws.send(snapshot, (error) => {
        if (error || ws.readyState !== ws.OPEN) return;
        sockets.add(ws);
        wake();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the baseline server has no port');

  return {
    url: `http://127.0.0.1:${address.port}/`,
    setSnapshot(text) {
      snapshot = text;
    },
    whenSockets(count, timeoutMs) {
      if (sockets.size === count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(`the baseline page did not reach ${count} open sockets within ${timeoutMs / 1000} s`),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async push(messages) {
      await Promise.all([...sockets].map((ws) => sendAll(ws, messages)));
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
