/**
 * What the soak reads of its processes from Linux's /proc: open file descriptors, and the established TCP
 * connections a process accepted on a port (the web server's WebSockets). Each answers null when the process
 * is gone or /proc cannot tell.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The targets of a process's open descriptors (`socket:[123]`, `/dev/null`, `pipe:[456]`, …). */
function descriptors(pid: number): string[] | null {
  try {
    const dir = `/proc/${pid}/fd`;
    return readdirSync(dir).map((fd) => {
      try {
        return readlinkSync(`${dir}/${fd}`);
      } catch {
        return ''; // closed between the listing and the read
      }
    });
  } catch {
    return null;
  }
}

export function fdCountOf(pid: number): number | null {
  return descriptors(pid)?.length ?? null;
}

/** TCP state 01 in /proc/net/tcp{,6}. */
const ESTABLISHED = '01';

/**
 * Rows of /proc/<pid>/net/tcp and tcp6 that are established, local port `port` (so accepted by a listener on
 * it, not dialled from it), whose socket is one of `inodes`.
 */
export function countAccepted(tables: readonly string[], port: number, inodes: ReadonlySet<string>): number {
  let n = 0;
  for (const table of tables) {
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = Number.parseInt(cols[1]!.split(':').at(-1)!, 16);
      if (cols[3] === ESTABLISHED && localPort === port && inodes.has(cols[9]!)) n++;
    }
  }
  return n;
}

/** Established connections that process `pid` accepted on `port` and still holds open. */
export function acceptedConnectionsOf(pid: number, port: number): number | null {
  const fds = descriptors(pid);
  if (fds === null) return null;
  const inodes = new Set(
    fds.map((target) => /^socket:\[(\d+)\]$/.exec(target)?.[1]).filter((i): i is string => i !== undefined),
  );
  const tables: string[] = [];
  for (const name of ['tcp', 'tcp6']) {
    try {
      tables.push(readFileSync(`/proc/${pid}/net/${name}`, 'utf8'));
    } catch {
      // no IPv6 table on this machine
    }
  }
  return countAccepted(tables, port, inodes);
}
