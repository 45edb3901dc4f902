import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER, VM, coreWithFake, settle } from '../app/testing/harness.ts';
import { REAL_SYSTEM_IDS } from '../contract/testing/system-ids.ts';
import { TestClient, upgradeStatus } from './testing.ts';
import { startWebServer, type WebServer } from './web-server.ts';

const TOKEN = 'test-token-0123456789';
let base: string;
let staticDir: string;
let server: WebServer;
let h: ReturnType<typeof coreWithFake>;
const clients: TestClient[] = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'hcs-web-'));
  staticDir = join(base, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(base, 'outside.txt'), 'not for you');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(async () => {
  h = coreWithFake([CONTAINER, VM]);
  await h.core.start();
  await settle();
  server = await startWebServer({ core: h.core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
  await h.core.stop();
});

/** A raw HTTP GET: the path goes out exactly as written (no URL normalisation by the client). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function connect(extra: Record<string, string> = {}) {
  const client = await TestClient.connect(
    `ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`,
    server.origin,
    extra,
  );
  clients.push(client);
  return client;
}

describe('web server: HTTP', () => {
  it('refuses the page, assets and unknown paths without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/nope', `/?token=wrong`]) {
      expect((await get(path)).status, path).toBe(401);
    }
    expect((await get('/', { cookie: 'hcs_token=wrong' })).status).toBe(401);
  });

  it('serves the page with the token, sets the cookie and the security headers', async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>HCS Desktop</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['set-cookie']).toEqual([`hcs_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://127.0.0.1:${server.port}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    );
  });

  it('serves assets to the cookie with their content type', async () => {
    const res = await get('/assets/app.js', { cookie: `other=1; hcs_token=${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toBe('export {}');
    expect((await get('/missing.css', { cookie: `hcs_token=${TOKEN}` })).status).toBe(404);
  });

  it('refuses directory traversal', async () => {
    for (const path of [
      '/../outside.txt',
      '/..%2foutside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/%2e%2e/outside.txt',
    ]) {
      const res = await get(`${path}?token=${TOKEN}`);
      expect(res.status, path).not.toBe(200);
      expect(res.body, path).not.toContain('not for you');
    }
    expect((await get(`/..%2foutside.txt?token=${TOKEN}`)).status).toBe(403);
  });

  it('answers only GET and HEAD', async () => {
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/?token=${TOKEN}`, method: 'POST' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end('x');
    });
    expect(status).toBe(405);
  });
});

describe('web server: WebSocket upgrade', () => {
  it('needs the token and our own origin', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws`;
    expect(await upgradeStatus(url, { origin: server.origin })).toBe(401);
    expect(await upgradeStatus(`${url}?token=wrong`, { origin: server.origin })).toBe(401);
    expect(await upgradeStatus(`${url}?token=${TOKEN}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${url}?token=${TOKEN}`, { origin: `http://localhost:${server.port}` })).toBe(
      403,
    );
    expect(await upgradeStatus(`${url}?token=${TOKEN}`, {})).toBe(403);
    expect(
      await upgradeStatus(`ws://127.0.0.1:${server.port}/other?token=${TOKEN}`, { origin: server.origin }),
    ).toBe(404);
    expect(await upgradeStatus(url, { origin: server.origin, cookie: `hcs_token=${TOKEN}` })).toBe('open');
  });

  it('sends the snapshot, the service status and the settings right after connecting', async () => {
    const client = await connect();
    const snapshot = await client.event('systems.snapshot');
    expect(snapshot).toMatchObject({ payload: { systems: [{ id: 'c1' }, { id: 'vm1' }] } });
    expect(await client.event('service.changed')).toMatchObject({ payload: { status: { connected: true } } });
    expect(await client.event('settings.changed')).toMatchObject({
      payload: { settings: { theme: 'system' } },
    });
    expect(client.messages.length).toBe(0);
  });
});

describe('web server: messages', () => {
  it('answers requests through the contract and the core', async () => {
    const client = await connect();
    const res = await client.request('systems.list', {});
    expect(res).toMatchObject({ t: 'res', ok: true });
    if (res.ok) expect((res.result as { id: string }[]).map((s) => s.id)).toEqual(['c1', 'vm1']);
  });

  it('rejects malformed, unknown and invalid messages and stays up', async () => {
    const client = await connect();
    client.sendRaw('not json');
    expect(await client.answerToUnreadable()).toMatchObject({
      ok: false,
      error: { message: 'the message is not JSON' },
    });
    client.sendRaw('[1,2]');
    expect(await client.answerToUnreadable()).toMatchObject({ ok: false });
    client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect(await client.answerToUnreadable()).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('binary') },
    });
    client.sendRaw(
      JSON.stringify({ t: 'req', id: 9, channel: 'systems.list', payload: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(await client.answerToUnreadable()).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('too large') },
    });

    const unknown = await client.request('systems.destroyEverything', {});
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('unknown channel') },
    });
    const invalid = await client.request('systems.start', { id: '../../etc' });
    expect(invalid).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid request for systems.start') },
    });
    const extra = await client.request('systems.list', { sneaky: true });
    expect(extra).toMatchObject({ ok: false });
    const badDoc = await client.request('systems.create', { id: 'x1', document: '{"a":' });
    expect(badDoc).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid JSON at line 1') },
    });
    expect(h.hcs.calls).not.toContain('create:x1');

    expect(await client.request('service.status', {})).toMatchObject({
      ok: true,
      result: { connected: true },
    });
  });

  it('sends a failed request as ErrorInfo', async () => {
    const client = await connect();
    h.hcs.failNext('propertiesV2', 0x80070005);
    const res = await client.request('systems.properties', { id: 'c1', version: 'v2', types: ['Memory'] });
    expect(res).toMatchObject({ ok: false, error: { hresult: '0x80070005', name: 'E_ACCESSDENIED' } });
  });

  it('fans every event out to every client', async () => {
    const a = await connect();
    const b = await connect();
    await Promise.all([a.event('service.changed'), b.event('service.changed')]);
    const res = await a.request('systems.start', { id: 'vm1' });
    expect(res.ok).toBe(true);
    const opId = res.ok ? (res.result as { opId: string }).opId : '';
    for (const client of [a, b]) {
      const done = await client.next(
        (m) =>
          m.t === 'evt' && m.channel === 'operations.changed' && JSON.stringify(m.payload).includes('"done"'),
      );
      expect(done).toMatchObject({ payload: { operation: { opId, status: 'done' } } });
    }
    expect(server.clients).toBe(2);
  });
});

describe('web server: the ids real HCS clients use (issue 8 §0)', () => {
  it('lists them and carries requests naming them to the core', async () => {
    for (const { id } of REAL_SYSTEM_IDS)
      h.hcs.addSystem({ Id: id, SystemType: 'Container', State: 'Created' });
    await h.core.pollNow();
    await settle();
    const client = await connect();
    const list = await client.request('systems.list', {});
    expect(list.ok).toBe(true);
    const listed = list.ok ? (list.result as { id: string }[]).map((s) => s.id) : [];
    for (const { id } of REAL_SYSTEM_IDS) expect(listed).toContain(id);
    for (const { id } of REAL_SYSTEM_IDS) {
      expect(await client.request('systems.start', { id }), id).toMatchObject({ ok: true });
      const props = await client.request('systems.properties', { id, version: 'v1', types: [] });
      expect(props, id).toMatchObject({ ok: true, result: { properties: { Id: id } } });
    }
    await settle();
    for (const { id } of REAL_SYSTEM_IDS) expect(h.hcs.calls, id).toContain(`start:${id}`);
  });

  it('lists a system whose id no request may carry, marked, and refuses requests naming it', async () => {
    h.hcs.addSystem({ Id: 'spoof\u202Eexe.txt', SystemType: 'Container', State: 'Running' });
    await h.core.pollNow();
    await settle();
    const client = await connect();
    const list = await client.request('systems.list', {});
    const row = list.ok
      ? (list.result as { id: string; idProblem?: string }[]).find((s) => s.id !== 'c1' && s.id !== 'vm1')
      : undefined;
    expect(row).toMatchObject({
      id: 'spoof\\u{202e}exe.txt',
      idProblem: expect.stringContaining('invisible formatting'),
    });
    const calls = h.hcs.calls.length;
    for (const id of [row!.id, 'spoof\u202Eexe.txt']) {
      const res = await client.request('systems.start', { id });
      expect(res).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('invalid request for systems.start') },
      });
    }
    expect(h.hcs.calls.slice(calls).filter((c) => c.includes('spoof'))).toEqual([]);
  });
});
