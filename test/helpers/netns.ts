// Runs a command inside a network namespace of its own (`unshare -rn`: a new user and network namespace, no
// privilege needed where the kernel allows unprivileged user namespaces). The namespace has only its own
// loopback device, brought up and given one extra, non-loopback address: traffic to that address never leaves
// the namespace, and the namespace ends with the command. This lets a test listen on and connect to an address
// that is not 127.0.0.0/8 without sending anything to this machine's real interfaces.
import { spawn, spawnSync } from 'node:child_process';

/**
 * A TEST-NET-1 address (RFC 5737, reserved for documentation, never routed). Inside the namespace it sits on
 * the namespace's own `lo`: Linux delivers traffic to any local address through the loopback path, and a
 * `dummy` device (the other usual choice) needs a kernel module that a user namespace cannot load.
 */
export const NETNS_ADDRESS = '192.0.2.1';

const SETUP = `ip link set lo up && ip addr add ${NETNS_ADDRESS}/32 dev lo && exec "$@"`;

/** Null when namespaces work here, else why not (the reason a test gives when it skips). */
export function netnsUnavailableReason(): string | null {
  const probe = spawnSync('unshare', ['-rn', 'sh', '-c', SETUP, 'sh', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare cannot run here (${probe.error.message})`;
  if (probe.status !== 0) {
    const why = probe.stderr.trim() || `exit status ${probe.status}`;
    return `this machine does not allow a private network namespace (unshare -rn; ip addr): ${why}`;
  }
  return null;
}

/** Runs `command args…` inside a fresh namespace with NETNS_ADDRESS; resolves with its exit code and output. */
export function runInNetns(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('unshare', ['-rn', 'sh', '-c', SETUP, 'sh', command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
