// Web mode over TLS, as a process: https and wss with a certificate made at test time by openssl, the Secure
// cookie and the wss: CSP, a non-loopback host allowed only with TLS, and clear errors for bad files.
// Traffic goes only to 127.0.0.1, or to an address inside a network namespace this file makes (never to this
// machine's own interfaces: see test/helpers/netns.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NETNS_ADDRESS, netnsUnavailableReason, runInNetns } from '../helpers/netns.ts';
import { runServerCliToExit, startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { HAVE_OPENSSL, makeTestCertificate } from '../helpers/test-certificate.ts';
import { httpsGet as httpsGetFrom, wssFirstMessage } from '../helpers/tls-client.ts';

const TOKEN = 'tls-integration-token';

const NO_NETNS = netnsUnavailableReason();
const repoRoot = resolve(import.meta.dirname, '..', '..');

let dir: string;
let staticDir: string;
let certPath: string;
let keyPath: string;
let cert: Buffer;
let sim: StartedSim;
const servers: ServerCli[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-tls-it-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  certPath = join(dir, 'cert.pem');
  keyPath = join(dir, 'key.pem');
  if (HAVE_OPENSSL) {
    makeTestCertificate({
      certPath,
      keyPath,
      commonName: '127.0.0.1',
      ipAddresses: ['127.0.0.1', NETNS_ADDRESS],
    });
    cert = readFileSync(certPath);
  }
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
  return httpsGetFrom(host, server.port, path, cert);
}

function wss(url: string, origin: string) {
  return wssFirstMessage(url, origin, cert);
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

    // The property: web mode listens on an address other machines could reach only with TLS. Shown on a
    // TEST-NET address inside a namespace made for the test, so no packet reaches a real interface.
    it.skipIf(NO_NETNS !== null)(
      `listens on a non-loopback address with TLS and refuses it without (in a private network namespace${
        NO_NETNS ? `; skipped: ${NO_NETNS}` : ''
      })`,
      async () => {
        const input = {
          address: NETNS_ADDRESS,
          certPath,
          keyPath,
          simSocket: sim.socketPath,
          staticDir,
          token: TOKEN,
        };
        const run = await runInNetns(
          process.execPath,
          ['--import', 'tsx', 'test/helpers/netns-tls-probe.ts', JSON.stringify(input)],
          { cwd: repoRoot },
        );
        expect(run.code, run.stderr).toBe(0);
        const seen = JSON.parse(run.stdout) as {
          withoutTls: { code: number; stderr: string };
          withTls: { origin: string; pageStatus: number; socket: { first?: string; status?: number } };
        };
        expect(seen.withoutTls.code).toBe(2);
        expect(seen.withoutTls.stderr).toContain(`--host ${NETNS_ADDRESS} is reachable from other machines`);
        const origin = new URL(seen.withTls.origin);
        expect([origin.protocol, origin.hostname]).toEqual(['https:', NETNS_ADDRESS]);
        expect(seen.withTls.pageStatus).toBe(200);
        expect(seen.withTls.socket).toMatchObject({ first: expect.stringContaining('"systems.snapshot"') });
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
