// libsimhost.so through koffi: spawning with pipes or a pty, reaping, signalling, resizing, sendmsg errors;
// and the build script's cache.
import { spawn } from 'node:child_process';
import { existsSync, read, readdirSync, readFileSync, writeSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { loadSimHost, SPAWN_PTY, SPAWN_STDERR, SPAWN_STDIN, SPAWN_STDOUT } from './native/ffi.ts';
import type { SimHost } from './native/ffi.ts';
import { descriptorEntries, descriptorsBeyond, isCloseOnExec, until } from './native/util.ts';

const ENOENT = 2;
const ECHILD = 10;
const EBADF = 9;
const ENOTDIR = 20;
const EINVAL = 22;
const ENOTTY = 25;
const SIGKILL = 9;
const SIGTERM = 15;

let host: SimHost;
const children = new Set<number>();

interface Spawned {
  pid: number;
  fds: number[];
  master: number;
}

function spawnChild(
  cmdline: string,
  flags: number,
  options: { env?: string[]; cwd?: string; rows?: number; cols?: number } = {},
): Spawned {
  const fds = new Int32Array(3);
  const master = new Int32Array(1);
  const env = options.env ? [...options.env, null] : null;
  const pid = host.simhost_spawn(
    cmdline,
    env,
    options.cwd ?? null,
    flags,
    options.rows ?? 0,
    options.cols ?? 0,
    fds,
    master,
  );
  if (pid > 0) children.add(pid);
  return { pid, fds: [...fds], master: master[0]! };
}

/** Polls simhost_reap until the child exited; returns its status (exit code or 128 + signal). */
async function reap(pid: number): Promise<number> {
  const status = new Int32Array(1);
  let result = 0;
  await until(() => (result = host.simhost_reap(pid, status)) !== 0);
  expect(result).toBe(pid);
  children.delete(pid);
  return status[0]!;
}

/** Reads a descriptor until end of file (or EIO, which is how a pty master ends). */
function readToEnd(fd: number, until_?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const buffer = Buffer.alloc(4096);
    const next = () =>
      read(fd, buffer, 0, buffer.length, null, (error, n) => {
        if (error && (error as NodeJS.ErrnoException).code !== 'EIO') return reject(error);
        if (error || n === 0) return resolve(text);
        text += buffer.toString('utf8', 0, n);
        if (until_?.test(text)) return resolve(text);
        next();
      });
    next();
  });
}

/** Children of this process that exited and were never reaped. */
function zombieChildren(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // Fields after the parenthesised command: state, ppid.
        const [state, ppid] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
        return state === 'Z' && Number(ppid) === process.pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

function closeAll(...fds: number[]): void {
  for (const fd of fds) if (fd >= 0) expect(host.simhost_close(fd)).toBe(0);
}

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  host = loadSimHost(libs.simhost);
});

afterAll(() => {
  for (const pid of children) host.simhost_kill_group(pid, SIGKILL);
});

describe('build-native', () => {
  it('does not compile again while sources, flags and compiler are unchanged', async () => {
    const again = await buildNative({ quiet: true });
    expect(again.built).toBe(false);
    expect(existsSync(again.vmcompute) && existsSync(again.simhost)).toBe(true);
  });
});

describe('simhost_spawn with pipes', () => {
  it('connects the requested pipes, passes the environment and the working directory', async () => {
    const child = spawnChild(
      'read line; echo "got:$line:$GREETING:$(pwd)"; echo oops >&2; exit 3',
      SPAWN_STDIN | SPAWN_STDOUT | SPAWN_STDERR,
      { env: ['GREETING=héllo', 'PATH=/usr/bin:/bin'], cwd: tmpdir() },
    );
    expect(child.pid).toBeGreaterThan(0);
    expect(child.master).toBe(-1);
    for (const fd of child.fds) {
      expect(fd).toBeGreaterThan(2);
      expect(isCloseOnExec(fd)).toBe(true);
    }
    const stdin = new net.Socket({ fd: child.fds[0]!, readable: false, writable: true });
    stdin.end('world ✓\n');
    const [out, err] = await Promise.all([readToEnd(child.fds[1]!), readToEnd(child.fds[2]!)]);
    expect(out).toBe(`got:world ✓:héllo:${tmpdir()}\n`);
    expect(err).toBe('oops\n');
    expect(await reap(child.pid)).toBe(3);
    closeAll(child.fds[1]!, child.fds[2]!);
  });

  it('gives the child /dev/null for stdio not requested, a session of its own, default signals and no stray descriptors', async () => {
    const script = [
      'readlink /proc/$$/fd/0 /proc/$$/fd/2',
      'echo sid=$(cut -d" " -f6 /proc/$$/stat) pid=$$',
      'grep -E "^Sig(Ign|Blk):" /proc/self/status', // grep's own masks, inherited from the shell
      'ls /proc/self/fd | tr "\\n" " "',
    ].join('; ');
    const child = spawnChild(script, SPAWN_STDOUT);
    expect(child.fds[0]).toBe(-1);
    expect(child.fds[2]).toBe(-1);
    const out = await readToEnd(child.fds[1]!);
    expect(await reap(child.pid)).toBe(0);
    closeAll(child.fds[1]!);
    const lines = out.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['/dev/null', '/dev/null']);
    const [, sid, pid] = /^sid=(\d+) pid=(\d+)$/.exec(lines[2]!)!;
    expect(sid).toBe(pid);
    expect(lines.slice(3, 5)).toEqual(['SigBlk:\t0000000000000000', 'SigIgn:\t0000000000000000']);
    // ls's own 0, 1, 2 and the directory it reads; nothing inherited from this (descriptor-rich) process.
    expect(lines[5]!.trim().split(' ')).toEqual(['0', '1', '2', '3']);
  });

  it('reports a bad working directory as -errno without leaving a child or descriptors behind', async () => {
    const before = descriptorEntries();
    const missing = spawnChild('true', SPAWN_STDOUT, { cwd: '/nonexistent/dir' });
    expect(missing.pid).toBe(-ENOENT);
    expect(missing.fds).toEqual([-1, -1, -1]);
    const notDir = spawnChild('true', SPAWN_STDIN | SPAWN_STDOUT | SPAWN_STDERR, { cwd: '/etc/passwd' });
    expect(notDir.pid).toBe(-ENOTDIR);
    expect(await descriptorsBeyond(before)).toEqual([]);
    expect(zombieChildren()).toEqual([]); // the failed child was reaped by simhost_spawn
  });

  it('refuses unknown flags and a NULL command line', () => {
    expect(spawnChild('true', 16).pid).toBe(-EINVAL);
    const fds = new Int32Array([7, 7, 7]);
    const master = new Int32Array([7]);
    expect(host.simhost_spawn(null as unknown as string, null, null, 0, 0, 0, fds, master)).toBe(-EINVAL);
    expect([...fds, master[0]]).toEqual([-1, -1, -1, -1]);
  });
});

describe('simhost_spawn with a pty', () => {
  it('makes the pty the controlling terminal, sized rows x cols, and resizes it', async () => {
    const child = spawnChild('tty; stty size; read line; stty size', SPAWN_PTY, { rows: 33, cols: 101 });
    expect(child.pid).toBeGreaterThan(0);
    const [input, output, none] = child.fds;
    expect(none).toBe(-1);
    expect(new Set([input, output, child.master]).size).toBe(3); // three dups of the master
    for (const fd of [input!, output!, child.master]) expect(isCloseOnExec(fd)).toBe(true);

    const first = await readToEnd(output!, /\d+ \d+\r\n/);
    expect(first).toMatch(/^\/dev\/pts\/\d+\r\n33 101\r\n$/);
    expect(host.simhost_resize(child.master, 40, 120)).toBe(0);
    const rest = readToEnd(output!);
    expect(writeSync(input!, 'go\n')).toBe(3);
    expect(await rest).toBe('go\r\n40 120\r\n'); // the echo of the line, then the new size
    expect(await reap(child.pid)).toBe(0);
    closeAll(input!, output!, child.master);
  });

  it('rejects bad sizes and descriptors that are not terminals', () => {
    expect(host.simhost_resize(0, 0, 80)).toBe(-EINVAL);
    expect(host.simhost_resize(0, 24, 70000)).toBe(-EINVAL);
    const child = spawnChild('true', SPAWN_STDOUT);
    expect(host.simhost_resize(child.fds[1]!, 24, 80)).toBe(-ENOTTY);
    closeAll(child.fds[1]!);
    return reap(child.pid);
  });
});

describe('simhost_reap and simhost_kill_group', () => {
  it('reports exit codes, 0 while running, and 128 + signal for a signalled group', async () => {
    const exit7 = spawnChild('exit 7', 0).pid;
    await until(() => zombieChildren().includes(exit7)); // exited, not yet reaped
    expect(await reap(exit7)).toBe(7);
    expect(zombieChildren()).not.toContain(exit7);

    const child = spawnChild('sleep 30 & echo $!; wait', SPAWN_STDOUT);
    const sleeper = Number((await readToEnd(child.fds[1]!, /\n/)).trim());
    expect(host.simhost_reap(child.pid, new Int32Array(1))).toBe(0);
    expect(host.simhost_kill_group(child.pid, SIGTERM)).toBe(0);
    expect(await reap(child.pid)).toBe(128 + SIGTERM);
    // The whole group got it: the background sleep is gone too (or a zombie awaiting its new parent).
    await until(() => {
      try {
        return readFileSync(`/proc/${sleeper}/stat`, 'utf8').split(' ')[2] === 'Z';
      } catch {
        return true;
      }
    });
    closeAll(child.fds[1]!);

    const killed = spawnChild('sleep 30', 0);
    expect(host.simhost_kill_group(killed.pid, SIGKILL)).toBe(0);
    expect(await reap(killed.pid)).toBe(128 + SIGKILL);
    expect(host.simhost_reap(killed.pid, new Int32Array(1))).toBe(-ECHILD);
  });

  it('falls back to the process when it leads no group, and refuses pids that name more than one', async () => {
    const plain = spawn('sleep', ['30'], { stdio: 'ignore' }); // in this process's group, not its own
    const exited = new Promise((resolve) => plain.on('exit', (_code, signal) => resolve(signal)));
    expect(host.simhost_kill_group(plain.pid!, SIGTERM)).toBe(0);
    expect(await exited).toBe('SIGTERM');
    expect(host.simhost_kill_group(0, 0)).toBe(-EINVAL);
    expect(host.simhost_kill_group(1, 0)).toBe(-EINVAL);
    expect(host.simhost_kill_group(-5, 0)).toBe(-EINVAL);
    expect(host.simhost_reap(0, new Int32Array(1))).toBe(-EINVAL);
  });
});

describe('simhost_sendmsg and simhost_close', () => {
  it('sends bytes on a stream socket and reports errors as -errno', async () => {
    const path = `${tmpdir()}/simhost-send-${process.pid}.sock`;
    const received = new Promise<string>((resolve) => {
      const server = net.createServer((socket) => {
        socket.setEncoding('utf8');
        socket.once('data', (data: string) => {
          resolve(data);
          socket.destroy();
          server.close();
        });
      });
      server.listen(path);
    });
    const client = net.connect(path);
    await new Promise((resolve) => client.once('connect', resolve));
    const fd = (client as unknown as { _handle: { fd: number } })._handle.fd;
    const payload = Buffer.from('frame bytes');
    expect(host.simhost_sendmsg(fd, payload, payload.length, null, 0)).toBe(payload.length);
    expect(await received).toBe('frame bytes');
    expect(host.simhost_sendmsg(fd, payload, 0, null, 0)).toBe(-EINVAL); // descriptors need a byte to ride on
    expect(host.simhost_sendmsg(fd, payload, 1, [0], 254)).toBe(-EINVAL);
    expect(host.simhost_sendmsg(-1, payload, 1, null, 0)).toBe(-EBADF);
    client.destroy();
    expect(host.simhost_close(-1)).toBe(-EBADF);
  });
});
