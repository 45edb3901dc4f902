import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificate } from '../../test/helpers/test-certificate.ts';
import { repoRoot, testFixturePath } from './paths.ts';
import { startNodeScript, stopProcessGroup, waitForLine } from './processes.ts';

/**
 * Another "Windows host" for the many-hosts spec: a web-mode server over TLS on a loopback address of its own
 * (127.0.0.2, …), with its own simulator seeded from the test fixture and a self-signed certificate made
 * here by openssl. It can be stopped and started again on the same port (a host going away and coming back).
 */
export class RemoteHost {
  readonly token = randomBytes(12).toString('hex');
  private readonly dir = mkdtempSync(join(tmpdir(), 'hcs-e2e-remote-'));
  private child: ChildProcess | null = null;
  port = 0;
  fingerprint = '';

  constructor(
    readonly address: string,
    private readonly logFile: string,
  ) {
    makeTestCertificate({
      certPath: this.cert,
      keyPath: this.key,
      commonName: address,
      ipAddresses: [address],
    });
  }

  private get cert(): string {
    return join(this.dir, 'cert.pem');
  }
  private get key(): string {
    return join(this.dir, 'key.pem');
  }

  /** The origin (https://127.0.0.2:PORT) and the URL its web mode printed, token included. */
  get origin(): string {
    return `https://${this.address}:${this.port}`;
  }
  get url(): string {
    return `${this.origin}/?token=${this.token}`;
  }

  async start(): Promise<void> {
    const socket = join(this.dir, 'sim.sock');
    const child = startNodeScript(
      'src/server/main.ts',
      [
        ...['--host', this.address, '--port', String(this.port), '--token', this.token],
        ...['--backend', 'simulator', '--sim-socket', socket, '--sim-fixture', testFixturePath],
        ...['--tls-cert', this.cert, '--tls-key', this.key, '--hosts-file', 'none', '--poll-ms', '500'],
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, HCS_SIM_SOCKET: socket },
        logFile: this.logFile,
        require: join(repoRoot, 'src', 'server', 'threadpool.cjs'),
      },
    );
    this.child = child;
    // Both lines at once: the fingerprint line follows the URL line, maybe in the same chunk.
    const ready = waitForLine(child, /^HCS Desktop web mode: https:\/\/[^:]+:(\d+)\//, 90_000, this.address);
    const printed = waitForLine(child, /^HCS Desktop certificate SHA-256: (\S+)$/, 90_000, this.address);
    this.port = Number((await ready)[1]);
    this.fingerprint = (await printed)[1]!;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcessGroup(this.child);
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
