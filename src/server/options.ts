import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../base/index.ts';
import { TOKEN_PATTERN } from '../contract/index.ts';
import {
  BACKEND_FLAGS,
  checkPollMs,
  defaultHostsFile,
  defaultSettingsPath,
  parseFlags,
} from '../host/index.ts';
import { listenHostProblem, normalizeHost } from './listen-address.ts';

export const DEFAULT_PORT = 7380;
export const DEFAULT_HOST = '127.0.0.1';

export const USAGE = `usage: node --import tsx src/server/main.ts [--host 127.0.0.1] [--port N (0 = random; default ${DEFAULT_PORT})]
  [--token T | --token-file FILE (default: random)] [--backend simulator|vmcompute] [--hcs-api auto|v1|v2] [--sim-socket PATH] [--sim-fixture FILE]
  [--poll-ms N] [--stats-ms N (statistics interval, 250–60000; default 1000)] [--static DIR (default: dist/renderer)] [--tls-cert FILE --tls-key FILE (https and wss)]
  [--source-maps (also serve the renderer's *.map files, for debugging)]
  A --host other than loopback needs --tls-cert and --tls-key.`;

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  backend?: string;
  /** auto (default), v1 (vmcompute.dll) or v2 (computecore.dll). */
  hcsApi?: string;
  simSocket?: string;
  simFixture?: string;
  pollMs?: number;
  /** How often watched systems' statistics are sampled (the app core's default without it). */
  statsMs?: number;
  staticDir: string;
  /** PEM files (absolute); both or neither. With them the server speaks https and wss only. */
  tlsCert?: string;
  tlsKey?: string;
  /** Serve `*.map` files too (off: they are the whole source, megabytes, and only a debugger wants them). */
  sourceMaps: boolean;
  /** The user's settings file (absolute). */
  settingsFile: string;
  /** Where the remote hosts are kept (absolute); null: this server connects to no other host. */
  hostsFile: string | null;
  /** Where the audit log is appended (absolute); none without it. */
  auditLog?: string;
  /** The file the token was read from (absolute): the ready line then names it instead of printing the token. */
  tokenFile?: string;
}

const FLAGS = {
  ...BACKEND_FLAGS,
  host: 'string',
  port: 'integer',
  token: 'string',
  'token-file': 'string',
  static: 'string',
  'stats-ms': 'integer',
  'tls-cert': 'string',
  'tls-key': 'string',
  'source-maps': 'boolean',
  'settings-file': 'string',
  'hosts-file': 'string',
  'audit-log': 'string',
} as const;

/** The web server's command line; relative paths are taken from the working directory. */
export function parseServerArgs(
  argv: readonly string[],
  root: string,
  defaultHosts: string = defaultHostsFile(),
): ServerOptions {
  const flags = parseFlags(argv, FLAGS);
  const port = flags.port ?? DEFAULT_PORT;
  if (port > 65535) throw new UsageError('--port must be between 0 and 65535');
  if (flags.token !== undefined && flags['token-file'] !== undefined)
    throw new UsageError('give --token or --token-file, not both');
  const tokenFile = flags['token-file'] !== undefined ? resolve(flags['token-file']) : undefined;
  const token = tokenFile ? readTokenFile(tokenFile) : (flags.token ?? randomBytes(32).toString('hex'));
  if (!TOKEN_PATTERN.test(token)) {
    throw new UsageError('--token may contain only letters, digits, ".", "_", "~" and "-" (at most 256)');
  }
  const tlsCert = flags['tls-cert'];
  const tlsKey = flags['tls-key'];
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new UsageError(
      '--tls-cert and --tls-key go together: give both (https) or neither (http on loopback)',
    );
  }
  const tls = tlsCert !== undefined && tlsKey !== undefined;
  const statsMs = flags['stats-ms'];
  if (statsMs !== undefined && (statsMs < 250 || statsMs > 60_000))
    throw new UsageError('--stats-ms must be between 250 and 60000');
  const host = flags.host ?? DEFAULT_HOST;
  const hostsFile = flags['hosts-file'] ?? defaultHosts;
  if (hostsFile === '') throw new UsageError('--hosts-file needs a file (or none)');
  if (flags['audit-log'] === '') throw new UsageError('--audit-log needs a file');
  const problem = listenHostProblem(host, tls);
  if (problem) throw new UsageError(problem);
  return {
    host: normalizeHost(host),
    port,
    token,
    backend: flags.backend,
    hcsApi: flags['hcs-api'],
    simSocket: flags['sim-socket'],
    simFixture: flags['sim-fixture'],
    pollMs: checkPollMs(flags['poll-ms']),
    ...(statsMs !== undefined ? { statsMs } : {}),
    staticDir: flags.static ? resolve(flags.static) : join(root, 'dist', 'renderer'),
    sourceMaps: flags['source-maps'] === true,
    settingsFile: flags['settings-file'] ? resolve(flags['settings-file']) : defaultSettingsPath(),
    hostsFile: hostsFile === 'none' ? null : resolve(hostsFile),
    ...(flags['audit-log'] !== undefined ? { auditLog: resolve(flags['audit-log']) } : {}),
    ...(tls ? { tlsCert: resolve(tlsCert), tlsKey: resolve(tlsKey) } : {}),
    ...(tokenFile !== undefined ? { tokenFile } : {}),
  };
}

/**
 * The token of an unattended server (`--token-file`): the file's first line. The file is the secret, so on
 * POSIX one that others may read is refused; on Windows the install script (scripts/windows/) closes it to
 * Administrators and SYSTEM, whose ACL is what protects it. No message repeats what the file holds.
 */
function readTokenFile(
  path: string,
  uid = typeof process.getuid === 'function' ? process.getuid() : null,
): string {
  let text: string;
  try {
    if (uid !== null) {
      const stat = statSync(path);
      if ((stat.mode & 0o077) !== 0) {
        throw new UsageError(
          `--token-file ${path} can be read by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`,
        );
      }
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --token-file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const token = text.split(/\r?\n/, 1)[0]!.trim();
  if (!TOKEN_PATTERN.test(token)) {
    throw new UsageError(
      `--token-file ${path} does not hold a token (its first line must be 1–256 letters, digits, ".", "_", "~" and "-")`,
    );
  }
  return token;
}
