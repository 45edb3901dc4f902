// Where the service listens (sim/PROTOCOL.md "Endpoint") and how it claims the path: a socket file left behind by
// a dead service is removed, but a live service answering there is never displaced, and a socket or directory of
// another user is refused (sim/control/endpoint.ts has the rules). The directory of the default socket is made
// private (0700) and both sockets are created 0600, so no other user can connect to them or replace them.
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { dirname } from 'node:path';
import {
  checkSocketPath,
  currentUid,
  defaultSocketDirectory,
  describeUser,
  directoryProblem,
  EndpointRefusedError,
  MAX_SOCKET_PATH_BYTES,
  simSocketPath,
} from '../control/endpoint.ts';

export function defaultSocketPath(): string {
  return simSocketPath(process.env);
}

export function controlSocketPath(socketPath: string): string {
  return `${socketPath}.ctl`;
}

/** True if something accepts connections on the Unix socket at `path`. */
export function isLive(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    const done = (live: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(live);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Makes sure the directory of `socketPath` exists and only this user (or root) can add entries to it. A missing
 * directory is created 0700. The default directory (under $XDG_RUNTIME_DIR or the cache directory) must be this
 * user's own and is kept at 0700 even if it was found looser.
 */
export function prepareSocketDirectory(socketPath: string): void {
  if (Buffer.byteLength(controlSocketPath(socketPath)) > MAX_SOCKET_PATH_BYTES)
    throw new Error(
      `${socketPath} is too long for a Unix socket (with ".ctl", at most ${MAX_SOCKET_PATH_BYTES} bytes)`,
    );
  const dir = dirname(socketPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let isDefault = false;
  try {
    isDefault = dir === defaultSocketDirectory();
  } catch {
    // no default directory in this environment: the path was given explicitly
  }
  if (isDefault) {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== currentUid())
      throw new EndpointRefusedError(
        socketPath,
        `refusing the simulator socket ${socketPath}: its directory ${dir} is owned by ${describeUser(st.uid)}, ` +
          `not by ${describeUser(currentUid())}`,
      );
    if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  }
  const problem = directoryProblem(dir);
  if (problem)
    throw new EndpointRefusedError(socketPath, `refusing the simulator socket ${socketPath}: ${problem}`);
}

/**
 * Makes `path` free to listen on: throws if a live service answers there, if the path is something other than a
 * socket, or if it belongs to another user; removes a stale socket file of ours.
 */
export async function claimSocketPath(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new Error(`${path} exists and is not a socket; refusing to replace it`);
  checkSocketPath(path);
  if (await isLive(path)) throw new Error(`another service is already listening on ${path}`);
  unlinkSync(path);
}

/**
 * `server.listen(path)` with the socket created 0600: the umask is narrowed around the synchronous bind (a Unix
 * socket is bound inside listen() itself) so the file never exists with a looser mode, and set again afterwards
 * in case the platform binds later.
 */
export function listenPrivately(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    // process.umask cannot change the mask in a worker thread; there only the chmod below applies.
    let umask: number | null = null;
    try {
      umask = process.umask(0o177);
    } catch {
      umask = null;
    }
    try {
      server.listen(path, () => {
        server.off('error', onError);
        try {
          chmodSync(path, 0o600);
          resolve();
        } catch (e) {
          server.close();
          reject(e as Error);
        }
      });
    } finally {
      if (umask !== null) process.umask(umask);
    }
  });
}

export function removeSocketFile(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // already gone
  }
}
