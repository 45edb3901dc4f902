import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTAINER, coreWithFake, settle } from '../app/testing/harness.ts';
import { upgradeStatus } from './testing.ts';
import { startWebServer, type WebServer } from './web-server.ts';

// The defences around the token (web-server.test.ts covers the token and Origin themselves): the Host header
// (DNS rebinding), the order of the checks, and that the token never reaches a log line.
const TOKEN = 'hardening-token-0123456789';
let staticDir: string;
let server: WebServer;
let h: ReturnType<typeof coreWithFake>;

beforeAll(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'hcs-web-hard-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
});
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
beforeEach(async () => {
  h = coreWithFake([CONTAINER]);
  await h.core.start();
  await settle();
  server = await startWebServer({ core: h.core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
  await h.core.stop();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** A request written byte for byte (HTTP/1.0 may omit Host, which no HTTP client library lets us do). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('web server: Host header (DNS rebinding)', () => {
  it('answers only requests that name it, even with the right token', async () => {
    const own = `127.0.0.1:${server.port}`;
    expect((await get(`/?token=${TOKEN}`, { host: own })).status).toBe(200);
    for (const host of [
      `evil.example:${server.port}`,
      `localhost:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:1`,
    ]) {
      const res = await get(`/?token=${TOKEN}`, { host });
      expect(res.status, host).toBe(421);
      expect(res.headers['set-cookie'], host).toBeUndefined();
      expect(res.body).not.toContain('<title>');
    }
    const noHost = await raw(`GET /?token=${TOKEN} HTTP/1.0\r\n\r\n`);
    expect(noHost).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('checks Host before the token, so a rebound page learns nothing', async () => {
    const res = await get('/', { host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a WebSocket upgrade that names another host', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`;
    expect(await upgradeStatus(url, { origin: server.origin })).toBe('open');
    expect(await upgradeStatus(url, { origin: server.origin, host: `evil.example:${server.port}` })).toBe(
      421,
    );
    expect(
      await upgradeStatus(url, {
        origin: `http://evil.example:${server.port}`,
        host: `evil.example:${server.port}`,
      }),
    ).toBe(421);
  });

  it('refuses an upgrade without Origin and one from a page of another port or scheme', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`;
    expect(await upgradeStatus(url, {})).toBe(403);
    for (const origin of [
      `http://127.0.0.1:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
      'null',
    ]) {
      expect(await upgradeStatus(url, { origin }), origin).toBe(403);
    }
  });
});

describe('web server: the token stays out of logs', () => {
  it('logs nothing that carries the token when requests fail or are refused', async () => {
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    await get(`/?token=${TOKEN}`);
    await get(`/missing?token=${TOKEN}`);
    await get(`/..%2f..%2fetc%2fpasswd?token=${TOKEN}`);
    await get(`/?token=${TOKEN}`, { host: 'evil.example' });
    await get('/', { cookie: `hcs_token=${TOKEN}x` });
    await upgradeStatus(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { origin: 'http://evil.example' });
    await raw(`GARBAGE /?token=${TOKEN}\r\n\r\n`);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});

describe('web server: where it listens', () => {
  it('refuses a non-loopback or wildcard host without TLS, whoever calls it', async () => {
    const core = coreWithFake([]).core;
    await expect(
      startWebServer({ core, host: '192.0.2.2', port: 0, token: TOKEN, staticDir }),
    ).rejects.toThrow('reachable from other machines');
    await expect(startWebServer({ core, host: '0.0.0.0', port: 0, token: TOKEN, staticDir })).rejects.toThrow(
      'every interface',
    );
  });

  it('refuses a *.localhost name that resolves to an address other than loopback, and closes the listener', async () => {
    const core = coreWithFake([]).core;
    const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listeners();
    const asked: string[] = [];
    // A resolver that maps the name off loopback; 0.0.0.0 is bound for an instant and no traffic is sent.
    const lookup = async (name: string) => {
      asked.push(name);
      return { address: '0.0.0.0' };
    };
    await expect(
      startWebServer({ core, host: 'app.localhost', port: 0, token: TOKEN, staticDir, lookup }),
    ).rejects.toThrow(
      '--host app.localhost resolved to 0.0.0.0, which is not a loopback address: without TLS the token and every request would cross the network in clear text',
    );
    expect(asked).toEqual(['app.localhost']);
    // The listener's handle is released in the event loop's close phase: wait for that state (the test's
    // timeout bounds it; a listener left open never gets there).
    while (listeners() > before) await new Promise((r) => setImmediate(r));
    expect(listeners()).toBe(before);
  });

  it('serves a *.localhost name that resolves to loopback, under that name', async () => {
    const h2 = coreWithFake([]);
    const named = await startWebServer({
      core: h2.core,
      host: 'app.localhost',
      port: 0,
      token: TOKEN,
      staticDir,
      lookup: async () => ({ address: '127.0.0.1' }),
    });
    try {
      expect(named.origin).toBe(`http://app.localhost:${named.port}`);
      const answer = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: named.port,
            path: `/?token=${TOKEN}`,
            headers: { host: `app.localhost:${named.port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer).toBe(200);
    } finally {
      await named.close();
    }
  });
});
