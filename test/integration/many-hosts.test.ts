// Many hosts through the real path, all on loopback: three "remote" hosts, each a simulator and a web-mode
// server over TLS with a certificate openssl makes here, and one "hub" web-mode server with a hosts file,
// driven over its WebSocket as its page would be. The hub connects to the three as a client (src/app/hosts,
// src/host/remote-dialer.ts): trust on first use, an action and exec on remote systems, one host stopped and
// restarted (only that host goes away and comes back), a changed certificate refused, a wrong token refused
// without retrying, and the remote servers' audit logs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExecSession,
  HostInfo,
  Operation,
  SystemSummary,
  WireMessage,
} from '../../src/contract/index.ts';
import { TestClient } from '../../src/server/testing.ts';
import { startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { HAVE_OPENSSL, makeTestCertificate } from '../helpers/test-certificate.ts';

const HUB_TOKEN = 'hub-token';
const RUNNING = 'test-container-running';

interface Remote {
  name: string;
  token: string;
  sim: StartedSim;
  server: ServerCli;
  port: number;
  cert: string;
  key: string;
  audit: string;
}

let dir: string;
let staticDir: string;
let hubSim: StartedSim;
let hub: ServerCli;
let page: TestClient;
const remotes: Remote[] = [];

function makeCertificate(certPath: string, keyPath: string, commonName: string): void {
  makeTestCertificate({ certPath, keyPath, commonName, ipAddresses: ['127.0.0.1'] });
}

/** The fingerprint line web mode prints beside its URL (what a person compares). */
function printedFingerprint(server: ServerCli): string {
  const m = /^HCS Desktop certificate SHA-256: (\S+)$/m.exec(server.stdout());
  if (!m) throw new Error(`no fingerprint line in:\n${server.stdout()}`);
  return m[1]!;
}

/** Resolves once the server has printed its fingerprint line (it follows the URL line, maybe in a later chunk). */
function fingerprintPrinted(server: ServerCli): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!/^HCS Desktop certificate SHA-256: \S+$/m.test(server.stdout())) return;
      server.child.stdout!.off('data', check);
      resolve();
    };
    server.child.stdout!.on('data', check);
    void server.exit.then(() => reject(new Error(`the server exited:\n${server.stderr()}`)));
    check();
  });
}

async function startRemote(remote: Omit<Remote, 'server' | 'port'>, port = 0): Promise<ServerCli> {
  const server = await startServerCli([
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--token',
    remote.token,
    '--sim-socket',
    remote.sim.socketPath,
    '--static',
    staticDir,
    '--poll-ms',
    '600000',
    '--tls-cert',
    remote.cert,
    '--tls-key',
    remote.key,
    '--hosts-file',
    'none',
    '--audit-log',
    remote.audit,
  ]);
  await fingerprintPrinted(server);
  return server;
}

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const answer = await page.request(channel, payload);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** The next `hosts.changed` of this host that satisfies `match` (already received, or to come). */
async function hostEvent(host: string, match: (h: HostInfo) => boolean): Promise<HostInfo> {
  const m = (await page.next(
    (w: WireMessage) =>
      w.t === 'evt' &&
      w.channel === 'hosts.changed' &&
      (w.payload as { host: HostInfo }).host.id === host &&
      match((w.payload as { host: HostInfo }).host),
  )) as { payload: { host: HostInfo } };
  return m.payload.host;
}

function operationDone(opId: string): Promise<WireMessage> {
  return page.next(
    (w) =>
      w.t === 'evt' &&
      w.channel === 'operations.changed' &&
      (w.payload as { operation: Operation }).operation.opId === opId &&
      (w.payload as { operation: Operation }).operation.status !== 'pending',
  );
}

/** The hosts.changed events received and not yet claimed. */
function hostChanges(): HostInfo[] {
  return page.messages.flatMap((m) =>
    m.t === 'evt' && m.channel === 'hosts.changed' ? [(m.payload as { host: HostInfo }).host] : [],
  );
}

/** Forget every message received so far (a later wait then sees only what comes next). */
function drain(): void {
  page.messages.splice(0);
}

beforeAll(async () => {
  if (!HAVE_OPENSSL) return;
  dir = mkdtempSync(join(tmpdir(), 'hcs-many-hosts-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  const config = join(dir, 'config');
  mkdirSync(config, { mode: 0o700 });
  // The first builds the native libraries if they are stale; the others then find them built.
  const firstSim = await startSim({ fixture: 'test' });
  const sims = [firstSim, ...(await Promise.all([1, 2, 3].map(() => startSim({ fixture: 'test' }))))];
  hubSim = sims[3]!;
  for (const [i, sim] of sims.slice(0, 3).entries()) {
    const name = `remote-${i + 1}`;
    const base = { name, token: `token-of-${name}`, sim, audit: join(dir, `${name}.audit.jsonl`) };
    const cert = join(dir, `${name}.crt`);
    const key = join(dir, `${name}.key`);
    makeCertificate(cert, key, name);
    const server = await startRemote({ ...base, cert, key });
    remotes.push({ ...base, cert, key, server, port: server.port });
  }
  hub = await startServerCli([
    '--port',
    '0',
    '--token',
    HUB_TOKEN,
    '--sim-socket',
    hubSim.socketPath,
    '--static',
    staticDir,
    '--poll-ms',
    '600000',
    '--hosts-file',
    join(config, 'hosts.json'),
  ]);
  page = await TestClient.connect(`ws://127.0.0.1:${hub.port}/ws?token=${HUB_TOKEN}`, hub.origin);
}, 120_000);

afterAll(async () => {
  await page?.close();
  await hub?.stop();
  await Promise.all(remotes.map((r) => r.server.stop()));
  await Promise.all([hubSim, ...remotes.map((r) => r.sim)].map((s) => s?.stop()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAVE_OPENSSL)('three hosts on loopback, one window (skipped without openssl)', () => {
  const ids: string[] = [];

  it('adds each host by its printed URL, shows the printed fingerprint, and connects once trusted', async () => {
    for (const remote of remotes) {
      const url = `${remote.server.origin}/?token=${remote.token}`;
      const added = await call<HostInfo>('hosts.add', { url, name: remote.name });
      expect(added.origin).toBe(remote.server.origin);
      expect(JSON.stringify(added)).not.toContain(remote.token);
      ids.push(added.id);
      const untrusted = await hostEvent(added.id, (h) => h.state === 'untrusted');
      expect(untrusted.presented?.fingerprint).toBe(printedFingerprint(remote.server));
      expect(untrusted.presented?.subject).toContain(remote.name);
      await call('hosts.trust', { host: added.id, fingerprint: untrusted.presented!.fingerprint });
      const connected = await hostEvent(added.id, (h) => h.state === 'connected');
      expect(connected.pinned?.fingerprint).toBe(printedFingerprint(remote.server));
    }
    expect(new Set(ids).size).toBe(3);

    // All listed together: the hub's own systems by their ids, each remote's under its qualified key.
    const systems = await call<SystemSummary[]>('systems.list', {});
    const keys = systems.map((s) => s.id);
    expect(keys).toContain(RUNNING);
    for (const id of ids) expect(keys).toContain(`@${id}/${RUNNING}`);
    expect(systems).toHaveLength(4 * systems.filter((s) => !s.id.startsWith('@')).length);

    // The hosts file holds no token in clear beyond the file's own protection: 0600, in a 0700 directory.
    const saved = JSON.parse(readFileSync(join(dir, 'config', 'hosts.json'), 'utf8')) as {
      hosts: Array<{ id: string; pinned: { fingerprint: string } }>;
    };
    expect(saved.hosts.map((h) => h.id)).toEqual(ids);
  });

  it('runs an action on each host and records it in that host’s audit log', async () => {
    const started = await Promise.all(
      ids.map((id) => call<{ opId: string }>('systems.pause', { id: `@${id}/${RUNNING}` })),
    );
    for (const { opId } of started) {
      const done = (await operationDone(opId)) as { payload: { operation: Operation } };
      expect(done.payload.operation.status).toBe('done');
    }
    for (const [i, id] of ids.entries()) {
      expect(started[i]!.opId.startsWith(`@${id}/`)).toBe(true);
      const lines = readFileSync(remotes[i]!.audit, 'utf8').trim().split('\n');
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries).toContainEqual(
        expect.objectContaining({
          action: 'systems.pause',
          system: RUNNING,
          client: expect.stringContaining('127.0.0.1'),
          result: 'accepted',
        }),
      );
    }
    // Back as they were, for the tests after this one.
    await Promise.all(
      ids.map(async (id) => {
        const { opId } = await call<{ opId: string }>('systems.resume', { id: `@${id}/${RUNNING}` });
        await operationDone(opId);
      }),
    );
  });

  it('runs a process on a remote system and carries its output', async () => {
    let output = '';
    page.onFrame = (chunk) => (output += Buffer.from(chunk.data).toString('utf8'));
    const { session } = await call<{ session: ExecSession }>('exec.start', {
      id: `@${ids[1]}/${RUNNING}`,
      commandLine: 'read line; echo "remote got $line"',
      tty: false,
      cols: 80,
      rows: 25,
    });
    expect(session.sessionId.startsWith(`@${ids[1]}/`)).toBe(true);
    expect(session.systemId).toBe(`@${ids[1]}/${RUNNING}`);
    await call('exec.attach', { sessionId: session.sessionId });
    const exited = page.next(
      (w) =>
        w.t === 'evt' &&
        w.channel === 'exec.changed' &&
        (w.payload as { session: ExecSession }).session.sessionId === session.sessionId &&
        (w.payload as { session: ExecSession }).session.state === 'exited',
    );
    await call('exec.input', { sessionId: session.sessionId, data: 'ping\n' });
    await exited;
    expect(output).toBe('remote got ping\n');
    page.onFrame = null;
  });

  it('one host stopped: only it is unreachable, its systems kept; restarted: back by itself', async () => {
    drain();
    const [, second] = remotes;
    const id = ids[1]!;
    await second!.server.stop();
    const away = await hostEvent(id, (h) => h.state === 'unreachable');
    expect(away.retryAt).not.toBeNull();
    const during = await call<HostInfo[]>('hosts.list', {});
    expect(during.filter((h) => h.state === 'connected').map((h) => h.id)).toEqual([ids[0], ids[2]]);
    const kept = await call<SystemSummary[]>('systems.list', {});
    expect(kept.map((s) => s.id)).toContain(`@${id}/${RUNNING}`);
    // Asking the host that is away fails at once, saying why; the others answer.
    const refused = await page.request('systems.pause', { id: `@${id}/${RUNNING}` });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('not sent');
    const fine = await page.request('systems.createDocument', { id: `@${ids[0]}/${RUNNING}` });
    expect(fine.ok).toBe(true);

    second!.server = await startRemote(second!, second!.port);
    await hostEvent(id, (h) => h.state === 'connected');
    // Only that host went away: no other host left "connected" meanwhile.
    const others = hostChanges().filter((h) => h.id !== id && h.state !== 'connected');
    expect(others).toEqual([]);
  }, 90_000);

  it('refuses a changed certificate, naming the old and new fingerprints, and sends nothing', async () => {
    drain();
    const third = remotes[2]!;
    const id = ids[2]!;
    const before = printedFingerprint(third.server);
    await third.server.stop();
    await hostEvent(id, (h) => h.state === 'unreachable');
    makeCertificate(third.cert, third.key, 'impostor');
    const auditBefore = readFileSync(third.audit, 'utf8');
    third.server = await startRemote(third, third.port);
    const after = printedFingerprint(third.server);
    expect(after).not.toBe(before);
    const refused = await hostEvent(id, (h) => h.state === 'refused');
    expect(refused.refusal).toBe('certificate-changed');
    expect(refused.reason).toContain(before);
    expect(refused.reason).toContain(after);
    expect(refused.pinned?.fingerprint).toBe(before);
    expect(refused.presented?.fingerprint).toBe(after);
    expect(refused.retryAt).toBeNull();
    // Nothing reached the server's application: no request of the hub was audited.
    expect(readFileSync(third.audit, 'utf8')).toBe(auditBefore);
  }, 90_000);

  it('refuses a wrong token once, without retrying, and connects with the right one', async () => {
    drain();
    const first = remotes[0]!;
    const id = ids[0]!;
    await call('hosts.setToken', { host: id, token: 'not-the-token' });
    const refused = await hostEvent(id, (h) => h.state === 'refused');
    expect(refused.refusal).toBe('token');
    expect(refused.retryAt).toBeNull();
    expect(refused.reason).not.toContain('not-the-token');
    // No retry on its own: a reconnect the person asks for is the next attempt, and is refused the same way.
    drain();
    await call('hosts.reconnect', { host: id });
    const again = await hostEvent(id, (h) => h.state === 'refused');
    expect(again.refusal).toBe('token');
    const states = hostChanges()
      .filter((h) => h.id === id)
      .map((h) => h.state);
    expect(states.filter((s) => s === 'unreachable')).toEqual([]);
    await call('hosts.setToken', { host: id, token: first.token });
    await hostEvent(id, (h) => h.state === 'connected');
  }, 90_000);

  it('removes a host: its systems leave the list, the others stay', async () => {
    const id = ids[2]!;
    await call('hosts.remove', { host: id });
    const systems = await call<SystemSummary[]>('systems.list', {});
    expect(systems.some((s) => s.id.startsWith(`@${id}/`))).toBe(false);
    expect(systems.some((s) => s.id.startsWith(`@${ids[0]}/`))).toBe(true);
    const hosts = await call<HostInfo[]>('hosts.list', {});
    expect(hosts.map((h) => h.id)).toEqual([ids[0], ids[1]]);
  });
});
