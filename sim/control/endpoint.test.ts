import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSocketPath,
  connectVerified,
  currentUid,
  defaultSocketDirectory,
  describeUser,
  EndpointRefusedError,
  simSocketPath,
} from './endpoint.ts';
import { peerCredentials } from './peer-credentials.ts';

let dir: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-endpoint-unit-'));
});

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function listen(path: string): Promise<Server> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

describe('the default socket path', () => {
  it('is $HCS_SIM_SOCKET when set', () => {
    expect(simSocketPath({ HCS_SIM_SOCKET: '/x/y.sock', HOME: '/h/u' })).toBe('/x/y.sock');
  });

  it('is in $XDG_RUNTIME_DIR/hcs-desktop when that directory is private to this user', () => {
    const runtime = join(dir, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    expect(simSocketPath({ XDG_RUNTIME_DIR: runtime, HOME: '/h/u' })).toBe(
      join(runtime, 'hcs-desktop', 'sim.sock'),
    );
  });

  it('falls back to the cache directory when $XDG_RUNTIME_DIR is missing, relative or open to others', () => {
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    const home = '/h/u';
    expect(defaultSocketDirectory({ HOME: home })).toBe('/h/u/.cache/hcs-desktop');
    expect(defaultSocketDirectory({ XDG_RUNTIME_DIR: 'run', HOME: home })).toBe('/h/u/.cache/hcs-desktop');
    expect(defaultSocketDirectory({ XDG_RUNTIME_DIR: open, HOME: home })).toBe('/h/u/.cache/hcs-desktop');
    expect(defaultSocketDirectory({ XDG_RUNTIME_DIR: join(dir, 'none'), HOME: home })).toBe(
      '/h/u/.cache/hcs-desktop',
    );
    expect(defaultSocketDirectory({ XDG_CACHE_HOME: '/c', HOME: home })).toBe('/c/hcs-desktop');
  });

  it('is never a shared, predictable name in /tmp', () => {
    expect(() => defaultSocketDirectory({})).toThrow('set HCS_SIM_SOCKET, XDG_RUNTIME_DIR or HOME');
  });
});

describe('the ownership checks', () => {
  it('trusts a socket of ours in a directory of ours, and reports an absent one', async () => {
    const path = join(dir, 'ok.sock');
    expect(checkSocketPath(path)).toBe('absent');
    await listen(path);
    expect(checkSocketPath(path)).toBe('trusted');
    const socket = await connectVerified(path);
    expect(peerCredentials(socket)).toEqual({ uid: currentUid(), pid: process.pid });
    socket.destroy();
  });

  it('refuses a directory others can write to unless it is sticky', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    const path = join(shared, 'sim.sock');
    await listen(path);
    chmodSync(shared, 0o777);
    expect(() => checkSocketPath(path)).toThrow(
      `refusing the simulator socket ${path}: its directory ${shared} is writable by other users (mode 0777) and not sticky`,
    );
    await expect(connectVerified(path)).rejects.toBeInstanceOf(EndpointRefusedError);
    chmodSync(shared, 0o1777); // like /tmp: others cannot remove or rename our entry
    expect(checkSocketPath(path)).toBe('trusted');
  });

  it('refuses a symbolic link and a file that is not a socket', async () => {
    const real = join(dir, 'real.sock');
    await listen(real);
    const link = join(dir, 'link.sock');
    symlinkSync(real, link);
    expect(() => checkSocketPath(link)).toThrow(
      `refusing the simulator socket ${link}: it is not a socket but a symbolic link`,
    );
    const file = join(dir, 'file.sock');
    writeFileSync(file, '');
    expect(() => checkSocketPath(file)).toThrow(`refusing the simulator socket ${file}: it is not a socket`);
  });

  it('names users by uid and name', () => {
    expect(describeUser(0)).toBe('uid 0 (root)');
    expect(describeUser(2_000_000_123)).toBe('uid 2000000123');
  });
});
