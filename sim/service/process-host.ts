// What the service needs from the host OS that Node cannot do itself (libsimhost.so, see host.ts). An interface so
// that the engine's logic can be unit-tested with a fake host, without native code.

export const SpawnFlag = { StdinPipe: 1, StdoutPipe: 2, StderrPipe: 4, Pty: 8 } as const;

export interface SpawnRequest {
  commandLine: string;
  /** The complete environment, "K=V" entries. */
  env: string[];
  /** null: inherit the service's. */
  cwd: string | null;
  flags: number;
  rows: number;
  cols: number;
}

export interface Spawned {
  pid: number;
  /** Parent ends of stdin, stdout, stderr; -1 for none. With a pty, [0] and [1] are dups of the master. */
  fds: [number, number, number];
  /** A dup of the pty master kept for resizing; -1 without a pty. */
  masterFd: number;
}

export type ReapResult =
  { state: 'running' } | { state: 'exited'; status: number } | { state: 'error'; errno: number };

export interface ProcessHost {
  /** The child, or the negative errno of the failure. */
  spawn(req: SpawnRequest): Spawned | { errno: number };
  reap(pid: number): ReapResult;
  /** 0 or a negative errno. */
  killGroup(pid: number, signal: number): number;
  resize(masterFd: number, rows: number, cols: number): number;
  /**
   * Opens the terminal side of a pty for the service to hold while the process runs (the fd, or a negative
   * errno). Optional: a host without it gives consoles whose last output can be lost at exit.
   */
  openSlave?(masterFd: number): number;
  /**
   * Bytes a read of `fd` would return now (for a pty master: output its reader has not read yet), or a
   * negative errno. Optional: without it a console's terminal side is closed a fixed delay after the exit.
   */
  pendingInput?(fd: number): number;
  /** A close-on-exec duplicate of `fd`, or a negative errno. */
  dup?(fd: number): number;
  /** The pipe that is stdin/stdout/stderr (slot 0/1/2) of `pid`, opened anew, or a negative errno. */
  openStdio?(pid: number, slot: number): number;
  close(fd: number): void;
}

export interface DescriptorSender {
  /** Bytes sent (possibly fewer than buf.length), or a negative errno (-EAGAIN: try again later). */
  sendmsg(sockfd: number, buf: Buffer, fds: number[]): number;
  close(fd: number): void;
}

export const EAGAIN = 11;
