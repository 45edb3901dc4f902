import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER, VM, coreWithFake } from '../app/testing/harness.ts';
import { TestClient, upgradeStatus } from './testing.ts';
import { startWebServer, type WebServer } from './web-server.ts';

const TOKEN = 'test-token-0123456789';
let staticDir: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'hcs-web-start-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  mkdirSync(join(staticDir, 'assets'));
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The core's start as the server sees it: held until `release()`, and `waiting` resolves once the server waits
 * on it (an upgrade has arrived and is held).
 */
function heldStart(start: () => Promise<void>) {
  let release!: () => void;
  let waited!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve)).then(start);
  const waiting = new Promise<void>((resolve) => (waited = resolve));
  const coreStarted: PromiseLike<void> = {
    then: (onStarted, onFailed) => {
      waited();
      return released.then(onStarted, onFailed);
    },
  };
  return { coreStarted, release, waiting };
}

async function serve(core: ReturnType<typeof coreWithFake>['core'], coreStarted: PromiseLike<void>) {
  const server = await startWebServer({
    core,
    coreStarted,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir,
  });
  cleanups.push(() => server.close());
  return server;
}

function getStatus(server: WebServer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web server: listening while the core starts', () => {
  it('serves the page at once, and answers the WebSocket once HCS is listed, with the whole list first', async () => {
    const h = coreWithFake([CONTAINER, VM]);
    cleanups.push(() => h.core.stop());
    const start = heldStart(() => h.core.start());
    const server = await serve(h.core, start.coreStarted);

    expect(await getStatus(server, `/?token=${TOKEN}`)).toBe(200);
    const connecting = TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
    await start.waiting;
    expect(server.clients).toBe(0);

    start.release();
    const client = await connecting;
    cleanups.push(() => client.close());
    const first = await client.next(() => true);
    expect(first).toMatchObject({
      t: 'evt',
      channel: 'systems.snapshot',
      payload: { systems: [{ id: 'c1' }, { id: 'vm1' }] },
    });
  });

  it('refuses the WebSocket with 503 when the core could not start', async () => {
    const h = coreWithFake([CONTAINER]);
    cleanups.push(() => h.core.stop());
    const failed = Promise.reject(new Error('the core could not start'));
    failed.catch(() => undefined);
    const server = await serve(h.core, failed);
    expect(
      await upgradeStatus(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { origin: server.origin }),
    ).toBe(503);
    expect(server.clients).toBe(0);
  });

  it('drops an upgrade still waiting for the core when the server closes', async () => {
    const h = coreWithFake([CONTAINER]);
    cleanups.push(() => h.core.stop());
    const start = heldStart(() => h.core.start());
    const server = await serve(h.core, start.coreStarted);
    const connecting = TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
    await start.waiting;
    await server.close();
    start.release();
    await expect(connecting).rejects.toThrow();
    expect(server.clients).toBe(0);
  });
});
