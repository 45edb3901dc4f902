// The web-mode server CLI (src/server/main.ts) as a process, with the real koffi binding and simulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatorAnswers } from '../../src/host/index.ts';
import { TestClient, upgradeStatus } from '../../src/server/testing.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const root = resolve(import.meta.dirname, '..', '..');
const TOKEN = 'integration-token';
const READY_LINE = /^HCS Desktop web mode: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)$/;

interface RunningServer {
  child: ChildProcess;
  origin: string;
  port: number;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
}

let dir: string;
let staticDir: string;
let sim: StartedSim;
const servers: RunningServer[] = [];
const clients: TestClient[] = [];

/** Start the CLI and wait for its one ready line. */
function startServer(args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolveReady, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0] ?? '';
      const m = READY_LINE.exec(line);
      if (m && out.includes('\n')) {
        const server = {
          child,
          origin: m[1]!,
          port: Number(m[2]),
          stdout: () => out,
          stderr: () => err,
          exit,
        };
        servers.push(server);
        resolveReady(server);
      }
    });
    void exit.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${err}`)));
  });
}

async function connect(server: RunningServer): Promise<TestClient> {
  const client = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
  clients.push(client);
  return client;
}

async function stopServer(server: RunningServer): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exit;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-server-it-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  sim = await startSim({ fixture: 'test' });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map(stopServer));
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('web server on the simulator', () => {
  it('prints one ready line, serves the page to the token only, and fans events out to every client', async () => {
    const server = await startServer([
      '--port',
      '0',
      '--token',
      TOKEN,
      '--sim-socket',
      sim.socketPath,
      '--static',
      staticDir,
      '--poll-ms',
      '250',
    ]);
    expect(server.stdout().trimEnd().split('\n')).toHaveLength(1);

    expect((await fetch(`${server.origin}/`)).status).toBe(401);
    const page = await fetch(`${server.origin}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toContain('HttpOnly');
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ws://127.0.0.1:${server.port}`,
    );
    expect(
      await upgradeStatus(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, {
        origin: 'http://evil.example',
      }),
    ).toBe(403);

    const a = await connect(server);
    const b = await connect(server);
    const snapshot = await a.event('systems.snapshot');
    const ids = (snapshot.t === 'evt' ? (snapshot.payload as { systems: { id: string }[] }).systems : []).map(
      (s) => s.id,
    );
    expect(ids).toEqual(
      expect.arrayContaining(['test-container-running', 'test-container-created', 'test-vm-running']),
    );
    await Promise.all([a.event('service.changed'), b.event('service.changed')]);

    a.sendRaw('{not json');
    expect(await a.answerToUnreadable()).toMatchObject({ ok: false });
    expect(await a.request('systems.start', { id: 'no such/id' })).toMatchObject({ ok: false });

    const res = await a.request('systems.start', { id: 'test-container-created' });
    expect(res.ok).toBe(true);
    for (const client of [a, b]) {
      await client.next(
        (m) =>
          m.t === 'evt' &&
          m.channel === 'systems.changed' &&
          (m.payload as { system: { id: string; state: string } }).system.id === 'test-container-created' &&
          (m.payload as { system: { state: string } }).system.state === 'Running',
      );
    }
    expect(await b.request('service.status', {})).toMatchObject({
      ok: true,
      result: { connected: true, backend: 'simulator' },
    });
    expect(await stopServer(server)).toBe(0);
  });

  it('starts the simulator itself when none answers, and stops it on exit', async () => {
    const socket = join(dir, 'own.sock');
    const server = await startServer([
      '--port',
      '0',
      '--token',
      TOKEN,
      '--sim-socket',
      socket,
      '--sim-fixture',
      'sim/fixtures/test.json',
      '--static',
      staticDir,
    ]);
    expect(server.stderr()).toContain('starting the HCS simulator');
    expect(await simulatorAnswers(socket)).toBe(true);
    const client = await connect(server);
    const snapshot = await client.event('systems.snapshot');
    expect(JSON.stringify(snapshot)).toContain('test-vm-paused');
    expect(await stopServer(server)).toBe(0);
    expect(await simulatorAnswers(socket)).toBe(false);
    expect(existsSync(socket)).toBe(false);
  });

  it('refuses a bad command line with status 2 and the usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', 'x'], {
      cwd: root,
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port must be a whole number');
    expect(err).toContain('usage:');
  });
});
