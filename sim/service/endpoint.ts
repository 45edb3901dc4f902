// Where the service listens (sim/PROTOCOL.md "Endpoint") and how it claims the path: a socket file left behind by
// a dead service is removed, but a live service answering there is never displaced.
import { lstatSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export function defaultSocketPath(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return process.env.HCS_SIM_SOCKET || join('/tmp', `hcs-sim-${uid}.sock`);
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
 * Makes `path` free to listen on: throws if a live service answers there or if the path is something other than
 * a socket; removes a stale socket file.
 */
export async function claimSocketPath(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new Error(`${path} exists and is not a socket; refusing to replace it`);
  if (await isLive(path)) throw new Error(`another service is already listening on ${path}`);
  unlinkSync(path);
}

export function removeSocketFile(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // already gone
  }
}
