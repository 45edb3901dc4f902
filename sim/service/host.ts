// The koffi binding of libsimhost.so (sim/native/simhost.c). Declared once per process: koffi type names are
// global. All calls are synchronous: each is a quick non-blocking system call.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import type { DescriptorSender, ProcessHost, ReapResult, SpawnRequest, Spawned } from './process-host.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** $HCS_SIMHOST_LIBRARY, else build/native/libsimhost.so of this checkout. */
export function simhostLibraryPath(): string {
  return process.env.HCS_SIMHOST_LIBRARY || resolve(repoRoot, 'build', 'native', 'libsimhost.so');
}

interface Bindings {
  spawn: (
    cmdline: string,
    envp: (string | null)[] | null,
    cwd: string | null,
    flags: number,
    rows: number,
    cols: number,
    fds: Int32Array,
    masterFd: Int32Array,
  ) => number;
  sendmsg: (sockfd: number, buf: Buffer, len: number, fds: Int32Array | null, nfds: number) => number;
  reap: (pid: number, status: Int32Array) => number;
  resize: (masterFd: number, rows: number, cols: number) => number;
  openSlave: (masterFd: number) => number;
  pendingInput: (fd: number) => number;
  dup: (fd: number) => number;
  openStdio: (pid: number, slot: number) => number;
  close: (fd: number) => number;
  killGroup: (pid: number, sig: number) => number;
}

let bindings: Bindings | null = null;

function load(path: string): Bindings {
  if (bindings) return bindings;
  if (!existsSync(path)) {
    throw new Error(`libsimhost not found at ${path}: build it with \`npm run build:native\``);
  }
  const lib = koffi.load(path);
  bindings = {
    spawn: lib.func(
      'int32_t simhost_spawn(const char *cmdline, const char **envp, const char *cwd, int32_t flags, int32_t rows, int32_t cols, int32_t *fds, int32_t *masterFd)',
    ),
    sendmsg: lib.func(
      'int32_t simhost_sendmsg(int32_t sockfd, const uint8_t *buf, int32_t len, const int32_t *fds, int32_t nfds)',
    ),
    reap: lib.func('int32_t simhost_reap(int32_t pid, int32_t *status)'),
    resize: lib.func('int32_t simhost_resize(int32_t masterFd, int32_t rows, int32_t cols)'),
    close: lib.func('int32_t simhost_close(int32_t fd)'),
    openSlave: lib.func('int32_t simhost_open_slave(int32_t masterFd)'),
    pendingInput: lib.func('int32_t simhost_pending_input(int32_t fd)'),
    dup: lib.func('int32_t simhost_dup(int32_t fd)'),
    openStdio: lib.func('int32_t simhost_open_stdio(int32_t pid, int32_t slot)'),
    killGroup: lib.func('int32_t simhost_kill_group(int32_t pid, int32_t sig)'),
  } as unknown as Bindings;
  return bindings;
}

export class SimHost implements ProcessHost, DescriptorSender {
  private readonly b: Bindings;

  constructor(libraryPath = simhostLibraryPath()) {
    this.b = load(libraryPath);
  }

  spawn(req: SpawnRequest): Spawned | { errno: number } {
    const fds = new Int32Array([-1, -1, -1]);
    const master = new Int32Array([-1]);
    const pid = this.b.spawn(
      req.commandLine,
      [...req.env, null],
      req.cwd,
      req.flags,
      req.rows,
      req.cols,
      fds,
      master,
    );
    if (pid < 0) return { errno: pid };
    return { pid, fds: [fds[0]!, fds[1]!, fds[2]!], masterFd: master[0]! };
  }

  reap(pid: number): ReapResult {
    const status = new Int32Array(1);
    const r = this.b.reap(pid, status);
    if (r > 0) return { state: 'exited', status: status[0]! };
    if (r === 0) return { state: 'running' };
    return { state: 'error', errno: r };
  }

  killGroup(pid: number, signal: number): number {
    return this.b.killGroup(pid, signal);
  }

  resize(masterFd: number, rows: number, cols: number): number {
    return this.b.resize(masterFd, rows, cols);
  }

  openSlave(masterFd: number): number {
    return this.b.openSlave(masterFd);
  }

  pendingInput(fd: number): number {
    return this.b.pendingInput(fd);
  }

  dup(fd: number): number {
    return this.b.dup(fd);
  }

  openStdio(pid: number, slot: number): number {
    return this.b.openStdio(pid, slot);
  }

  close(fd: number): void {
    if (fd >= 0) this.b.close(fd);
  }

  sendmsg(sockfd: number, buf: Buffer, fds: number[]): number {
    return this.b.sendmsg(sockfd, buf, buf.length, fds.length ? Int32Array.from(fds) : null, fds.length);
  }
}
