// Web mode over TLS, as a process: https and wss with a certificate made at test time by openssl, the Secure
// cookie and the wss: CSP, a non-loopback host allowed only with TLS, and clear errors for bad files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { runServerCliToExit, startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const TOKEN = 'tls-integration-token';
const OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const HAVE_OPENSSL = OPENSSL.status === 0;

/** A non-loopback IPv4 address of this machine, if it has one (to listen beyond loopback). */
const EXTERNAL_IPV4 = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let dir: string;
let staticDir: string;
let certPath: string;
let keyPath: string;
let cert: Buffer;
let sim: StartedSim;
const servers: ServerCli[] = [];

function makeCertificate(): void {
  const san = ['IP:127.0.0.1', ...(EXTERNAL_IPV4 ? [`IP:${EXTERNAL_IPV4}`] : [])].join(',');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      `subjectAltName=${san}`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.stderr}`);
  cert = readFileSync(certPath);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-tls-it-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  certPath = join(dir, 'cert.pem');
  keyPath = join(dir, 'key.pem');
  if (HAVE_OPENSSL) makeCertificate();
  sim = await startSim({ fixture: 'test' });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(host: string): Promise<ServerCli> {
  const server = await startServerCli([
    '--host',
    host,
    '--port',
    '0',
    '--token',
    TOKEN,
    '--sim-socket',
    sim.socketPath,
    '--static',
    staticDir,
    '--poll-ms',
    '600000',
    '--tls-cert',
    certPath,
    '--tls-key',
    keyPath,
  ]);
  servers.push(server);
  return server;
}

function httpsGet(server: ServerCli, path: string, host: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      const req = request({ host, port: server.port, path, ca: cert }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a wss connection trusting only our certificate; resolves with the first message or the refusal. */
function wss(url: string, origin: string): Promise<{ first: string } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca: cert, headers: { origin } });
    ws.once('message', (data) => {
      resolve({ first: String(data) });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

describe.skipIf(!HAVE_OPENSSL)(
  'web mode over TLS (openssl makes the certificate; skipped when openssl is not installed)',
  () => {
    it('serves https and wss only, with a Secure cookie and a wss: CSP', async () => {
      const server = await start('127.0.0.1');
      expect(server.secure).toBe(true);
      expect(server.origin).toBe(`https://127.0.0.1:${server.port}`);

      const page = await httpsGet(server, `/?token=${TOKEN}`, '127.0.0.1');
      expect(page.status).toBe(200);
      expect(page.headers['set-cookie']).toEqual([
        `hcs_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/; Secure`,
      ]);
      expect(page.headers['content-security-policy']).toContain(
        `connect-src 'self' wss://127.0.0.1:${server.port}`,
      );
      expect(String(page.headers['content-security-policy'])).not.toContain('ws://');
      expect((await httpsGet(server, '/', '127.0.0.1')).status).toBe(401);

      const open = await wss(`wss://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
      expect(open).toMatchObject({ first: expect.stringContaining('"systems.snapshot"') });
      expect(
        await wss(`wss://127.0.0.1:${server.port}/ws?token=${TOKEN}`, `http://127.0.0.1:${server.port}`),
      ).toEqual({
        status: 403,
      });

      // Plain http to the TLS port gets no page: the handshake fails and the connection closes.
      const plain = await fetch(`http://127.0.0.1:${server.port}/?token=${TOKEN}`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect(plain).not.toBe(200);
      expect(server.stderr()).not.toContain(TOKEN);
    });

    it.skipIf(!EXTERNAL_IPV4)(
      'listens on a non-loopback address with TLS (skipped when the machine has no non-loopback IPv4)',
      async () => {
        const server = await start(EXTERNAL_IPV4!);
        expect(server.origin).toBe(`https://${EXTERNAL_IPV4}:${server.port}`);
        expect((await httpsGet(server, `/?token=${TOKEN}`, EXTERNAL_IPV4!)).status).toBe(200);
        const open = await wss(`wss://${EXTERNAL_IPV4}:${server.port}/ws?token=${TOKEN}`, server.origin);
        expect(open).toMatchObject({ first: expect.stringContaining('"systems.snapshot"') });
      },
    );

    it('refuses a key that does not belong to the certificate, before starting anything', async () => {
      const otherKey = join(dir, 'other-key.pem');
      const r = spawnSync('openssl', [
        'genpkey',
        '-algorithm',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-out',
        otherKey,
      ]);
      expect(r.status).toBe(0);
      const socket = join(dir, 'never.sock');
      const run = await runServerCliToExit([
        '--port',
        '0',
        '--sim-socket',
        socket,
        '--tls-cert',
        certPath,
        '--tls-key',
        otherKey,
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `the TLS certificate ${certPath} and private key ${otherKey} cannot be used together`,
      );
      expect(run.stderr).not.toContain('starting the HCS simulator');
    });
  },
);

describe('web mode refuses an unsafe or broken TLS setup', () => {
  it('refuses a non-loopback host without TLS (status 2, the reason and the usage)', async () => {
    const run = await runServerCliToExit(['--host', '192.0.2.77', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--host 192.0.2.77 is reachable from other machines');
    expect(run.stderr).toContain('usage:');
  });

  it('says which TLS file is missing', async () => {
    const missing = join(dir, 'missing-cert.pem');
    const run = await runServerCliToExit([
      '--port',
      '0',
      '--sim-socket',
      join(dir, 'never.sock'),
      '--tls-cert',
      missing,
      '--tls-key',
      join(dir, 'missing-key.pem'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `hcs-desktop: cannot read the TLS certificate ${missing} (--tls-cert): the file does not exist`,
    );
  });
});
