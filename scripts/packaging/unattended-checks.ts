/**
 * smoke:windows's checks of a web-mode server serving a host unattended (docs/unattended.md): its token file and
 * audit log readable only by administrators, its certificate the one the installer printed, a wrong token
 * refused, and the systems listed over the contract with the right token — through the same dialer the app
 * core uses to reach other hosts (src/host/remote-dialer.ts), so what passes here is what a hub will see.
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { remoteDialer } from '../../src/host/index.ts';
import type { HostCertificate } from '../../src/contract/index.ts';
import { parseIcaclsPrincipals, type SmokeRun } from './smoke-report.ts';

export interface UnattendedOptions {
  /** The URL the server printed (`https://host:port/`); its token, if any, is ignored: the file holds it. */
  url: string;
  tokenFile: string;
  /** The SHA-256 fingerprint the installer printed (AA:BB:…); without it the presented one is only shown. */
  fingerprint: string | null;
  auditLog: string | null;
}

/** Well-known SIDs and names of the only principals an unattended server's secrets may be readable by. */
const ADMINISTRATIVE = new Set([
  'BUILTIN\\ADMINISTRATORS',
  'NT AUTHORITY\\SYSTEM',
  '*S-1-5-32-544',
  '*S-1-5-18',
]);

/** Readable only by administrators (Windows: the file's ACL) or only by its owner (POSIX: mode). */
async function closedToOthers(path: string): Promise<{ status: 'pass' | 'fail'; detail: string }> {
  if (process.platform === 'win32') {
    const r = spawnSync('icacls', [path], { encoding: 'utf8', windowsHide: true, timeout: 15_000 });
    if (r.status !== 0) throw new Error(`icacls ${path}: ${r.error?.message ?? r.stdout.trim()}`);
    const principals = parseIcaclsPrincipals(r.stdout, path);
    const others = principals.filter((p) => !ADMINISTRATIVE.has(p.toUpperCase()));
    return others.length === 0
      ? { status: 'pass', detail: `only ${principals.join(', ')}` }
      : {
          status: 'fail',
          detail: `also readable by ${others.join(', ')} (run install-unattended.ps1 again)`,
        };
  }
  const mode = (await stat(path)).mode & 0o777;
  const octal = mode.toString(8).padStart(3, '0');
  return mode & 0o077
    ? { status: 'fail', detail: `mode ${octal}: group or others may read it` }
    : { status: 'pass', detail: `mode ${octal}` };
}

/** Opens the contract's WebSocket with `token`, remembering the certificate the server presented. */
async function dial(origin: string, token: string, onMessage: (text: string) => void) {
  let presented: HostCertificate | null = null;
  const result = await remoteDialer.dial({
    origin,
    token,
    accept: (certificate) => {
      presented = certificate;
      return true;
    },
    handlers: { message: (data) => typeof data === 'string' && onMessage(data), closed: () => undefined },
    timeoutMs: 15_000,
  });
  return { result, presented: presented as HostCertificate | null };
}

export async function unattendedChecks(opts: UnattendedOptions, smokeRun: SmokeRun): Promise<void> {
  const url = new URL(opts.url);
  const origin = url.origin;

  await smokeRun.check('unattended: token file', async () => {
    const closed = await closedToOthers(opts.tokenFile);
    return { ...closed, data: { path: opts.tokenFile } };
  });
  if (opts.auditLog) {
    const auditLog = opts.auditLog;
    await smokeRun.check('unattended: audit log', async () => {
      const closed = await closedToOthers(auditLog);
      return { ...closed, data: { path: auditLog } };
    });
  } else {
    smokeRun.skip('unattended: audit log', 'no --audit-log given');
  }

  await smokeRun.check('unattended: certificate', async () => {
    if (url.protocol !== 'https:')
      throw new Error(`${origin} is not https: an unattended server listens with TLS`);
    const { result, presented } = await dial(origin, `smoke-${randomBytes(8).toString('hex')}`, () => {});
    if (result.kind === 'open') result.socket.close();
    if (result.kind === 'failed') throw new Error(`could not reach ${origin}: ${result.message}`);
    if (!presented) throw new Error(`${origin} presented no certificate`);
    const fingerprint = presented.fingerprint;
    if (opts.fingerprint === null)
      return {
        status: 'info',
        detail: `SHA-256 ${fingerprint} (no --fingerprint to compare)`,
        data: presented,
      };
    const same = fingerprint === opts.fingerprint.toUpperCase();
    return {
      status: same ? 'pass' : 'fail',
      detail: same
        ? `SHA-256 ${fingerprint}, as printed`
        : `presented ${fingerprint}, expected ${opts.fingerprint}`,
      data: presented,
    };
  });

  await smokeRun.check('unattended: a wrong token is refused', async () => {
    const { result } = await dial(origin, `smoke-${randomBytes(8).toString('hex')}`, () => {});
    if (result.kind === 'open') {
      result.socket.close();
      return { status: 'fail', detail: 'a made-up token was accepted' };
    }
    if (result.kind !== 'http') throw new Error(`no answer to judge: ${JSON.stringify(result)}`);
    return {
      status: result.status === 401 ? 'pass' : 'fail',
      detail: `HTTP ${result.status}${result.status === 401 ? '' : ' (expected 401)'}`,
    };
  });

  await smokeRun.check('unattended: systems.list with the token', async () => {
    const token = (await readFile(opts.tokenFile, 'utf8')).trim();
    let answered: (text: string) => void = () => {};
    const answer = new Promise<string>((resolve) => (answered = resolve));
    const { result } = await dial(origin, token, (text) => {
      const message = JSON.parse(text) as { t?: string; id?: number };
      if (message.t === 'res' && message.id === 1) answered(text);
    });
    if (result.kind !== 'open')
      throw new Error(`the server did not accept the token file's token: ${JSON.stringify(result)}`);
    try {
      result.socket.send(JSON.stringify({ t: 'req', id: 1, channel: 'systems.list', payload: {} }));
      const response = JSON.parse(await answer) as
        { ok: true; result: unknown[] } | { ok: false; error: { message: string } };
      if (!response.ok) throw new Error(`systems.list failed: ${response.error.message}`);
      return {
        detail: `${response.result.length} systems listed`,
        data: { systems: response.result.length },
      };
    } finally {
      result.socket.close();
    }
  });
}
