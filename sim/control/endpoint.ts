// Where the simulator listens and whether what listens there may be trusted (sim/PROTOCOL.md "Endpoint"). The
// TypeScript home of these rules; sim/native/endpoint.c applies the same ones in the client library.
//
// Why: a socket in a directory that others can write to can be created by another local user first, who would
// then receive every HCS call (exec command lines, environment values, typed input, documents) and could feed a
// fake state back. So the default socket lives in a directory of this user's that only they may enter, and
// before anything is sent to an existing socket its directory, the socket file (lstat) and the listening process
// (the kernel's peer credentials) must all be this user's.
import { lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import { peerCredentials } from './peer-credentials.ts';

/** The directory made for the socket inside $XDG_RUNTIME_DIR or the user's cache directory. */
export const SOCKET_DIRECTORY_NAME = 'hcs-desktop';
export const SOCKET_FILE_NAME = 'sim.sock';
/** sun_path holds 108 bytes on Linux, including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

/** The effective uid whose files and processes are trusted. */
export function currentUid(): number {
  return typeof process.geteuid === 'function' ? process.geteuid() : 0;
}

/** $XDG_RUNTIME_DIR when it is an absolute path to a directory of this user that nobody else may enter. */
function privateRuntimeDir(env: NodeJS.ProcessEnv): string | null {
  const dir = env.XDG_RUNTIME_DIR;
  if (!dir || !isAbsolute(dir)) return null;
  try {
    const st = lstatSync(dir);
    return st.isDirectory() && st.uid === currentUid() && (st.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The per-user directory of the default socket: $XDG_RUNTIME_DIR/hcs-desktop when $XDG_RUNTIME_DIR is private to
 * this user, else ${XDG_CACHE_HOME:-$HOME/.cache}/hcs-desktop. The service creates it with mode 0700.
 */
export function defaultSocketDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = privateRuntimeDir(env);
  if (runtime) return join(runtime, SOCKET_DIRECTORY_NAME);
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME))
    return join(env.XDG_CACHE_HOME, SOCKET_DIRECTORY_NAME);
  if (env.HOME && isAbsolute(env.HOME)) return join(env.HOME, '.cache', SOCKET_DIRECTORY_NAME);
  throw new Error('no place for the simulator socket: set HCS_SIM_SOCKET, XDG_RUNTIME_DIR or HOME');
}

/** The service socket: $HCS_SIM_SOCKET, else the default directory's sim.sock. */
export function simSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HCS_SIM_SOCKET || join(defaultSocketDirectory(env), SOCKET_FILE_NAME);
}

/** The socket, its directory or the process listening there belongs to someone else: nothing is sent there. */
export class EndpointRefusedError extends Error {
  override name = 'EndpointRefusedError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** "uid 65534 (nobody)", or "uid 1234" when /etc/passwd has no name for it. */
export function describeUser(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id === String(uid)) return `uid ${uid} (${name})`;
    }
  } catch {
    // no user database to read: the number alone
  }
  return `uid ${uid}`;
}

function refuse(path: string, reason: string): EndpointRefusedError {
  return new EndpointRefusedError(path, `refusing the simulator socket ${path}: ${reason}`);
}

/**
 * Whether the directory `dir` (symlinks resolved, then lstat) is one where only this user or root can add or
 * replace entries: owned by this user or root, and not writable by group or others unless sticky (as /tmp is).
 * Returns the reason it is not, or null.
 */
export function directoryProblem(dir: string): string | null {
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(dir);
    st = lstatSync(real);
  } catch (e) {
    return `cannot examine its directory ${dir}: ${(e as Error).message}`;
  }
  if (!st.isDirectory()) return `${real} is not a directory`;
  const me = currentUid();
  if (st.uid !== me && st.uid !== 0)
    return `its directory ${real} is owned by ${describeUser(st.uid)}, not by ${describeUser(me)}${me === 0 ? '' : ' or by root'}`;
  if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) {
    const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
    return `its directory ${real} is writable by other users (mode ${mode}) and not sticky`;
  }
  return null;
}

/**
 * The file-system half of the check (sim/native/endpoint.c's sim_endpoint_check_path): 'absent' when nothing is
 * at `path`, 'trusted' when the socket and its directory are this user's; throws EndpointRefusedError otherwise.
 */
export function checkSocketPath(path: string): 'absent' | 'trusted' {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw refuse(path, `cannot examine it: ${(e as Error).message}`);
  }
  if (!st.isSocket())
    throw refuse(path, `it is not a socket${st.isSymbolicLink() ? ' but a symbolic link' : ''}`);
  const me = currentUid();
  if (st.uid !== me) throw refuse(path, `it is owned by ${describeUser(st.uid)}, not by ${describeUser(me)}`);
  const problem = directoryProblem(dirname(path));
  if (problem) throw refuse(path, problem);
  return 'trusted';
}

/** The process half: the listener at the other end of `socket` must run as this user. */
export function checkPeer(socket: Socket, path: string): void {
  let uid: number;
  try {
    uid = peerCredentials(socket).uid;
  } catch (e) {
    throw refuse(path, `cannot learn who listens there: ${(e as Error).message}`);
  }
  const me = currentUid();
  if (uid !== me)
    throw refuse(
      path,
      `the process listening there runs as ${describeUser(uid)}, not as ${describeUser(me)}`,
    );
}

/**
 * Connects to the Unix socket at `path` after checking it, and checks the listener before resolving: nothing is
 * written to a socket that fails. Rejects with EndpointRefusedError when refused, with the connect error (ENOENT,
 * ECONNREFUSED, …) when nothing listens.
 */
export function connectVerified(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    try {
      checkSocketPath(path);
    } catch (e) {
      reject(e as Error);
      return;
    }
    const socket = connect(path);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      try {
        checkPeer(socket, path);
      } catch (e) {
        socket.destroy();
        reject(e as Error);
        return;
      }
      resolve(socket);
    });
  });
}
