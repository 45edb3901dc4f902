// smoke:windows's checks of a server serving a host unattended (issue: many hosts, §3), forced here against a
// real web-mode server on loopback with TLS (a certificate openssl makes for this test), its token in a file
// and an audit log, in front of a fresh simulator — the same dialer the app core uses for other hosts.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../scripts/packaging/smoke-report.ts';
import { startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { HAVE_OPENSSL, makeTestCertificate } from '../helpers/test-certificate.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: string;
let sim: StartedSim;
let server: ServerCli;
let tokenFile: string;
let auditLog: string;
let fingerprint: string;
let runs = 0;

/** Resolves with the fingerprint web mode prints beside its URL (maybe in a later chunk than the URL). */
function printedFingerprint(cli: ServerCli): Promise<string> {
  return new Promise((resolvePrinted, reject) => {
    const check = () => {
      const m = /^HCS Desktop certificate SHA-256: (\S+)$/m.exec(cli.stdout());
      if (!m) return;
      cli.child.stdout!.off('data', check);
      resolvePrinted(m[1]!);
    };
    cli.child.stdout!.on('data', check);
    void cli.exit.then(() => reject(new Error(`the server exited:\n${cli.stderr()}`)));
    check();
  });
}

async function smoke(
  ...args: string[]
): Promise<{ code: number | null; output: string; results: CheckResult[] }> {
  const out = join(dir, `smoke-${++runs}.json`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/smoke-windows.ts', '--force', '--api', 'v1', '--out', out, ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: sim.socketPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const results = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as { results: CheckResult[] }).results
    : [];
  return { code, output, results };
}

function unattended(results: CheckResult[]): Record<string, Pick<CheckResult, 'status' | 'detail'>> {
  return Object.fromEntries(
    results
      .filter((r) => r.check.startsWith('unattended: '))
      .map((r) => [r.check, { status: r.status, detail: r.detail }]),
  );
}

beforeAll(async () => {
  if (!HAVE_OPENSSL) return;
  dir = mkdtempSync(join(tmpdir(), 'hcs-smoke-unattended-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  makeTestCertificate({ certPath: cert, keyPath: key, commonName: 'unattended', ipAddresses: ['127.0.0.1'] });
  tokenFile = join(dir, 'token.txt');
  writeFileSync(tokenFile, 'unattended-token-1234\n', { mode: 0o600 });
  auditLog = join(dir, 'audit.jsonl');
  sim = await startSim({ fixture: 'test' });
  server = await startServerCli([
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--token-file',
    tokenFile,
    '--sim-socket',
    sim.socketPath,
    '--static',
    staticDir,
    '--poll-ms',
    '600000',
    '--tls-cert',
    cert,
    '--tls-key',
    key,
    '--hosts-file',
    'none',
    '--audit-log',
    auditLog,
  ]);
  fingerprint = await printedFingerprint(server);
});

afterAll(async () => {
  await server?.stop();
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAVE_OPENSSL)('smoke:windows --unattended (skipped without openssl)', () => {
  it('passes against a well-kept unattended server: secrets closed, certificate as printed, tokens checked', async () => {
    const run = await smoke(
      '--unattended',
      `${server.origin}/`,
      '--token-file',
      tokenFile,
      '--fingerprint',
      fingerprint,
      '--audit-log',
      auditLog,
    );
    expect(run.code, run.output).toBe(0);
    expect(unattended(run.results)).toEqual({
      'unattended: token file': { status: 'pass', detail: 'mode 600' },
      'unattended: audit log': { status: 'pass', detail: 'mode 600' },
      'unattended: certificate': { status: 'pass', detail: `SHA-256 ${fingerprint}, as printed` },
      'unattended: a wrong token is refused': { status: 'pass', detail: 'HTTP 401' },
      'unattended: systems.list with the token': { status: 'pass', detail: '5 systems listed' },
    });
    // The token never reaches the report.
    expect(readFileSync(join(dir, `smoke-${runs}.json`), 'utf8')).not.toContain('unattended-token-1234');
  });

  it('fails a token file others may read, and a certificate that is not the one printed', async () => {
    const other = `${'AB:'.repeat(31)}AB`;
    chmodSync(tokenFile, 0o644);
    try {
      const run = await smoke(
        '--unattended',
        server.origin,
        '--token-file',
        tokenFile,
        '--fingerprint',
        other,
      );
      expect(run.code, run.output).toBe(1);
      const checks = unattended(run.results);
      expect(checks['unattended: token file']).toEqual({
        status: 'fail',
        detail: 'mode 644: group or others may read it',
      });
      expect(checks['unattended: certificate']).toEqual({
        status: 'fail',
        detail: `presented ${fingerprint}, expected ${other}`,
      });
      expect(checks['unattended: audit log']).toEqual({ status: 'skip', detail: 'no --audit-log given' });
      expect(checks['unattended: systems.list with the token']?.status).toBe('pass');
    } finally {
      chmodSync(tokenFile, 0o600);
    }
  });

  it('refuses --token-file without --unattended, and --unattended without a token file, as usage errors', async () => {
    expect((await smoke('--token-file', tokenFile)).code).toBe(2);
    expect((await smoke('--unattended', server.origin)).code).toBe(2);
  });
});
