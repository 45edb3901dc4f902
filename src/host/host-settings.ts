import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostStore, SavedHost } from '../app/index.ts';
import {
  HostCertificate,
  HostId,
  MAX_HOST_NAME_LENGTH,
  TOKEN_PATTERN,
  parseHostAddress,
  type TokenStorage,
} from '../contract/index.ts';

/*
 * The remote hosts an app instance connects to, kept in one JSON file: ids, names, origins, pinned
 * certificates, and tokens — protected by a `TokenSealer`: encrypted by the operating system in the desktop
 * app (electron/token-sealer.ts: safeStorage, DPAPI on Windows), kept as they are in web mode, where the file
 * itself is the protection (only its user can read it).
 *
 * Nothing is trusted because of where it sits on disk: a pinned certificate decides whom the token is sent
 * to, so a file (or a directory) that another user could have written is refused, never read — on POSIX by
 * its owner and mode (the sim socket's rule, docs/security.md); on Windows the file lives in the user's
 * profile (or, for the unattended server, a directory the install script closes to Administrators and
 * SYSTEM), whose ACLs do that job. The file is replaced atomically (written beside it, then renamed), 0600.
 */

/** How tokens are kept at rest. */
export interface TokenSealer {
  readonly storage: TokenStorage;
  /** The token as written to the file; null when it cannot be protected (it is then not saved). */
  seal(token: string): string | null;
  /** A token as written by `seal` (throws when it cannot be read back: another user, another machine). */
  unseal(sealed: string): string;
}

/** Web mode: the file's permissions protect the token; it is written as it is. */
export const FILE_TOKENS: TokenSealer = {
  storage: 'file',
  seal: (token) => token,
  unseal: (sealed) => sealed,
};

const FORMAT_VERSION = 1;

interface FileHost {
  id: string;
  name: string;
  origin: string;
  pinned: HostCertificate | null;
  token: string | null;
}

interface SettingsFile {
  version: number;
  /** How the tokens in this file were sealed: a file sealed otherwise is read without its tokens. */
  tokens: TokenStorage;
  hosts: FileHost[];
}

/** The settings directory of this user: %APPDATA% on Windows, $XDG_CONFIG_HOME or ~/.config elsewhere. */
export function defaultHostsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'hcs-desktop', 'hosts.json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One saved host, checked field by field (the file is input like any other). */
function readHost(value: unknown, index: number): FileHost {
  const where = `host ${index + 1}`;
  if (!isRecord(value)) throw new Error(`${where} is not an object`);
  const { id, name, origin, pinned, token } = value;
  if (!HostId.safeParse(id).success) throw new Error(`${where} has no valid id`);
  if (typeof name !== 'string' || name.length > MAX_HOST_NAME_LENGTH)
    throw new Error(`${where} has no valid name`);
  if (typeof origin !== 'string') throw new Error(`${where} has no origin`);
  const address = parseHostAddress(origin);
  if (address.origin !== origin) throw new Error(`${where}'s origin is not an origin`);
  const certificate = pinned === null ? null : HostCertificate.safeParse(pinned);
  if (certificate !== null && !certificate.success)
    throw new Error(`${where}'s pinned certificate is not valid`);
  if (token !== null && typeof token !== 'string') throw new Error(`${where}'s token is not valid`);
  return { id: id as string, name, origin, pinned: certificate?.data ?? null, token };
}

/** The remote hosts of one app instance, in one file (see the top of this file). */
export class HostSettingsFile implements HostStore {
  constructor(
    readonly path: string,
    private readonly sealer: TokenSealer,
    private readonly uid: number | null = typeof process.getuid === 'function' ? process.getuid() : null,
  ) {}

  get tokenStorage(): TokenStorage {
    return this.sealer.storage;
  }

  async load(): Promise<SavedHost[]> {
    if (!(await this.checkedFile())) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.path, 'utf8'));
    } catch (e) {
      throw new Error(`${this.path} is not JSON (${(e as Error).message}); fix or remove it`);
    }
    if (!isRecord(parsed) || parsed.version !== FORMAT_VERSION || !Array.isArray(parsed.hosts)) {
      throw new Error(`${this.path} is not a hosts file of this version (version ${FORMAT_VERSION})`);
    }
    let hosts: FileHost[];
    try {
      hosts = parsed.hosts.map(readHost);
    } catch (e) {
      throw new Error(`${this.path}: ${(e as Error).message}`);
    }
    const sealedAs = parsed.tokens;
    return hosts.map((host) => ({ ...host, token: this.tokenOf(host, sealedAs) }));
  }

  async save(hosts: readonly SavedHost[]): Promise<void> {
    const file: SettingsFile = {
      version: FORMAT_VERSION,
      tokens: this.sealer.storage,
      hosts: hosts.map((h) => ({
        id: h.id,
        name: h.name,
        origin: h.origin,
        pinned: h.pinned,
        token: h.token === null ? null : this.sealer.seal(h.token),
      })),
    };
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.checkDirectory(dir);
    const temporary = join(dir, `.hosts-${randomBytes(6).toString('hex')}.tmp`);
    // Created 0600 and exclusively: no other user's file or link is written through.
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, this.path);
    } catch (e) {
      await rm(temporary, { force: true });
      throw e;
    }
  }

  private tokenOf(host: FileHost, sealedAs: unknown): string | null {
    if (host.token === null || sealedAs !== this.sealer.storage) return null;
    try {
      const token = this.sealer.unseal(host.token);
      return TOKEN_PATTERN.test(token) ? token : null;
    } catch {
      // Sealed by another user or on another machine: asked for again (the host says so).
      return null;
    }
  }

  /** Whether there is a file yet; throws when it or its directory is not only ours. */
  private async checkedFile(): Promise<boolean> {
    let stat;
    try {
      stat = await lstat(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(`cannot read ${this.path}: ${(e as Error).message}`);
    }
    if (!stat.isFile()) throw new Error(`${this.path} is not a regular file (a link or something else)`);
    await this.checkDirectory(dirname(this.path));
    if (this.uid !== null) {
      if (stat.uid !== this.uid) {
        throw new Error(
          `${this.path} belongs to uid ${stat.uid}, not to this user (uid ${this.uid}); refusing to trust it`,
        );
      }
      if ((stat.mode & 0o077) !== 0) {
        throw new Error(
          `${this.path} can be read or written by others (mode ${(stat.mode & 0o777).toString(8)}); it holds tokens: run chmod 600 on it`,
        );
      }
    }
    return true;
  }

  /** The directory must be ours (or root's) and closed to others' writes. */
  private async checkDirectory(dir: string): Promise<void> {
    if (this.uid === null) return;
    const stat = await lstat(dir);
    if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
    if (stat.uid !== this.uid && stat.uid !== 0) {
      throw new Error(
        `${dir} belongs to uid ${stat.uid}, not to this user (uid ${this.uid}); refusing to trust it`,
      );
    }
    if ((stat.mode & 0o022) !== 0) {
      throw new Error(
        `${dir} can be written by others (mode ${(stat.mode & 0o777).toString(8)}): anyone could replace the hosts file; run chmod 700 on it`,
      );
    }
  }
}
