// The service as a program: it claims its socket path (removing a stale socket file, refusing to displace a live
// service), prints its ready line, and on SIGTERM/SIGINT kills its processes and removes its socket files.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { SimControl } from '../../sim/control/client.ts';
import { WireClient } from '../../sim/control/wire-client.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
let dir: string;
const children: ChildProcess[] = [];

interface Service {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves with the ready line's socket, or with the exit code if the service gave up first. */
  outcome: Promise<{ ready: string } | { exitCode: number | null }>;
  exited: Promise<number | null>;
}

/** Runs the service on `socket`, or on its default socket (null) with `env` replacing the environment. */
function service(socket: string | null, ...extra: string[]): Service {
  return serviceWithEnv(socket, process.env, ...extra);
}

function serviceWithEnv(socket: string | null, env: NodeJS.ProcessEnv, ...extra: string[]): Service {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'sim/service/main.ts',
      ...(socket === null ? [] : ['--socket', socket]),
      '--fixture',
      'test',
      '--exit-with-stdin',
      ...extra,
    ],
    { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  children.push(child);
  let err = '';
  let out = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const outcome = new Promise<{ ready: string } | { exitCode: number | null }>((r) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^hcs-sim ready (.+)$/m.exec(out);
      if (m) r({ ready: m[1]! });
    });
    void exited.then((exitCode) => r({ exitCode }));
  });
  return { child, stderr: () => err, outcome, exited };
}

beforeAll(async () => {
  await buildNative({ quiet: true });
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('the service program', () => {
  it('refuses to start where a live service answers, and replaces a stale socket file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const socket = join(dir, 'hcs.sock');
    const first = service(socket);
    expect(await first.outcome).toEqual({ ready: socket });

    const second = service(socket);
    expect(await second.outcome).toEqual({ exitCode: 1 });
    expect(second.stderr()).toMatch(/cannot start: another service is already listening on .*hcs\.sock/);
    expect((await new SimControl(socket).health()).pid).toBe(first.child.pid);

    // A service killed outright leaves its socket files behind; the next one removes them and starts.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(socket)).toBe(true);
    const third = service(socket);
    expect(await third.outcome).toEqual({ ready: socket });
    expect((await new SimControl(socket).health()).pid).toBe(third.child.pid);
  });

  it('on SIGTERM kills its processes, removes its socket files and exits 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const socket = join(dir, 'hcs.sock');
    const s = service(socket);
    expect(await s.outcome).toEqual({ ready: socket });
    const c = await WireClient.connect(socket, 'startup-test');
    const h = (await c.op('OpenComputeSystem', 'test-container-running')).out.handle as number;
    const pid = (await c.op('CreateProcess', h, '{"CommandLine":"exec sleep 60"}')).out.pid as number;
    expect(() => process.kill(pid, 0)).not.toThrow();

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    await c.closed;
    expect(existsSync(socket)).toBe(false);
    expect(existsSync(`${socket}.ctl`)).toBe(false);
    expect(s.stderr()).toMatch(/stopping \(SIGTERM\)/);
    // The killed child has been reaped by its parent or reparented and reaped by init; either way it is gone.
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 10));
  });

  it('exits when its stdin closes, so that a dead parent takes it along', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const socket = join(dir, 'hcs.sock');
    const s = service(socket);
    expect(await s.outcome).toEqual({ ready: socket });
    s.child.stdin!.end();
    expect(await s.exited).toBe(0);
    expect(existsSync(socket)).toBe(false);
  });

  it('listens by default in a private directory of the user (0700), on sockets only the user may use (0600)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const home = join(dir, 'home');
    const {
      HCS_SIM_SOCKET: _socket,
      XDG_RUNTIME_DIR: _runtime,
      XDG_CACHE_HOME: _cache,
      ...env
    } = process.env;
    const s = serviceWithEnv(null, { ...env, HOME: home });
    const socket = join(home, '.cache', 'hcs-desktop', 'sim.sock');
    expect(await s.outcome).toEqual({ ready: socket });
    expect(statSync(join(home, '.cache', 'hcs-desktop')).mode & 0o7777).toBe(0o700);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(`${socket}.ctl`).mode & 0o777).toBe(0o600);
    expect((await new SimControl(socket).health()).pid).toBe(s.child.pid);
    s.child.stdin!.end();
    expect(await s.exited).toBe(0);

    // A default directory found open to others (made by an older version, or by hand) is closed again.
    chmodSync(join(home, '.cache', 'hcs-desktop'), 0o755);
    const again = serviceWithEnv(null, { ...env, HOME: home });
    expect(await again.outcome).toEqual({ ready: socket });
    expect(statSync(join(home, '.cache', 'hcs-desktop')).mode & 0o7777).toBe(0o700);
    again.child.stdin!.end();
    expect(await again.exited).toBe(0);
  });

  it('refuses to listen in a directory that other users can write to', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const s = service(join(open, 'hcs.sock'));
    expect(await s.outcome).toEqual({ exitCode: 1 });
    expect(s.stderr()).toContain(
      `cannot start: refusing the simulator socket ${join(open, 'hcs.sock')}: its directory ${open} is writable by other users (mode 0777) and not sticky`,
    );
  });

  it('rejects bad options with the usage text', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-sim-startup-'));
    const s = service(join(dir, 'hcs.sock'), '--completion-delay-ms', 'soon');
    expect(await s.outcome).toEqual({ exitCode: 2 });
    expect(s.stderr()).toMatch(/needs a whole number[\s\S]*usage:/);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
