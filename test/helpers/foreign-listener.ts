// A Unix-socket listener run as another user (nobody), standing in for a simulator that another local user planted
// at our socket path. It answers HTTP GET /health like the real control API would, so a client that did not check
// ownership would believe it; it reports what it received, so a test can show that nothing was sent to it.
//
// Only root can start a process as another user: `foreignUserSkipReason` says why a test is skipped elsewhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** The uid and gid of `nobody` on Debian (and most Linux distributions). */
export const NOBODY = 65534;

/** Why tests that need a listener of another user cannot run here, or null when they can. */
export const foreignUserSkipReason: string | null =
  process.platform !== 'linux'
    ? 'a listener of another user needs Linux'
    : process.getuid?.() !== 0
      ? 'running a listener as another user (nobody) needs root; this run is not root'
      : null;

// Runs as nobody with cwd "/": it must need nothing but the node binary (no files of this repository).
const LISTENER = String.raw`
const net = require('node:net');
const path = process.argv[1];
let connections = 0;
let bytes = 0;
const server = net.createServer((socket) => {
  connections++;
  let received = '';
  let count = 0;
  socket.on('data', (d) => {
    count += d.length;
    bytes += d.length;
    received += d.toString('latin1');
    if (received.includes('\r\n\r\n')) {
      const body = JSON.stringify({ ok: true, pid: process.pid });
      socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ' + body.length +
        '\r\nconnection: close\r\n\r\n' + body);
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => process.stdout.write('closed ' + count + '\n'));
});
server.listen(path, () => process.stdout.write('listening ' + process.getuid() + '\n'));
process.stdin.on('data', () => process.stdout.write('report ' + connections + ' ' + bytes + '\n'));
process.stdin.on('end', () => process.exit(0));
`;

export interface ForeignListener {
  readonly path: string;
  /** Resolves with the bytes a connection had sent when it closed (one call per connection, in order). */
  nextClose(): Promise<number>;
  /** Connections accepted and bytes received so far. */
  report(): Promise<{ connections: number; bytes: number }>;
  stop(): Promise<void>;
}

/** Starts the listener as `uid` (default nobody) on `path`; its directory must let that user create the socket. */
export async function startForeignListener(path: string, uid = NOBODY): Promise<ForeignListener> {
  const child: ChildProcess = spawn(process.execPath, ['-e', LISTENER, path], {
    uid,
    gid: uid,
    cwd: '/',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  let partial = '';
  child.stdout!.on('data', (c: Buffer) => {
    partial += c.toString();
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      const w = waiters.findIndex((x) => line.startsWith(x.prefix));
      if (w >= 0) waiters.splice(w, 1)[0]!.resolve(line);
      else lines.push(line);
    }
  });
  const exited = once(child, 'exit');
  const next = (prefix: string): Promise<string> => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i >= 0) return Promise.resolve(lines.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      waiters.push({ prefix, resolve });
      void exited.then(() => reject(new Error(`the foreign listener exited; stderr:\n${stderr}`)));
    });
  };
  const ready = await next('listening ');
  if (ready !== `listening ${uid}`) throw new Error(`the foreign listener runs as the wrong user: ${ready}`);
  return {
    path,
    nextClose: async () => Number((await next('closed ')).split(' ')[1]),
    report: async () => {
      child.stdin!.write('?\n');
      const [, connections, bytes] = (await next('report ')).split(' ');
      return { connections: Number(connections), bytes: Number(bytes) };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        await exited;
      }
    },
  };
}
