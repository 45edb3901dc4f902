import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { systemIdProblem } from './ids.ts';
import { ServiceStatus } from './model.ts';

/*
 * Many hosts: the app core connects, as a client, to the web-mode servers of other Windows hosts and shows
 * their compute systems beside its own. The page still talks only to its own main process (or its own web
 * server), through this one contract; the host is one more dimension of it.
 *
 * The host dimension lives in the keys, not in every channel: a remote host's system, operation and exec
 * session are named by a *qualified key*, `@<host id>/<its key on that host>` — e.g. `@build-3/4f2a…@vm` — and
 * the local host's by their own keys, unchanged (so the single-host path is exactly what it was). Every
 * request that names a system (`id`) or a session (`sessionId`) may name a remote one that way; the core sends
 * it to that host with the host's own key. A qualified key is never a valid local id (a system id may not
 * contain "/", and a session id is lower-case letters, digits and "-"), and a local system whose listed key has
 * a "/" (an id HCS Desktop refuses, shown escaped) never starts with "@" followed by a host id and "/"
 * (`displaySystemId` escapes a leading "@" of such a key), so the two never meet.
 *
 * Only what a host runs itself is shown: a host that is itself connected to others does not relay their
 * systems (their keys are already qualified), so hosts connected to each other never loop.
 */

/** The local host's id: never a remote host's, never written in a qualified key. */
export const LOCAL_HOST_ID = 'local';
export const MAX_HOST_ID_LENGTH = 20;
/** Lower-case letters, digits and inner "-": readable in a key, a log line and a URL, and never "local". */
export const HOST_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/;

// Two patterns, no refinement: the fast check (fast-check.ts) then vouches for the hot events that carry a host
// (systems.snapshot) without zod.
export const HostId = lazySchema(() =>
  z
    .string()
    .regex(HOST_ID_PATTERN, 'a host id is 1–20 lower-case letters, digits and inner "-"')
    .regex(new RegExp(`^(?!${LOCAL_HOST_ID}$)`), 'the local host is not a remote host'),
);

/** A remote host's key for a thing (system, operation, session) as the local core names it. */
export function qualify(host: string, key: string): string {
  return host === LOCAL_HOST_ID ? key : `@${host}/${key}`;
}

/** The host and that host's own key of a qualified key, or null for a local key. */
export function splitQualified(key: string): { host: string; key: string } | null {
  if (key.charCodeAt(0) !== 64 /* @ */) return null;
  const slash = key.indexOf('/');
  if (slash < 2) return null;
  const host = key.slice(1, slash);
  if (host === LOCAL_HOST_ID || !HOST_ID_PATTERN.test(host)) return null;
  return { host, key: key.slice(slash + 1) };
}

/** The host a key belongs to: LOCAL_HOST_ID for a local key. */
export function hostOf(key: string): string {
  return splitQualified(key)?.host ?? LOCAL_HOST_ID;
}

/** The key on its own host (the key itself for a local one): what a person reads as the system's id. */
export function localKeyOf(key: string): string {
  return splitQualified(key)?.key ?? key;
}

/**
 * Why a request may not name this system, or null: a local id must pass the id rules (ids.ts); a remote one is
 * a host id and an id that passes them.
 */
export function systemRefProblem(ref: string): string | null {
  const qualified = splitQualified(ref);
  return systemIdProblem(qualified ? qualified.key : ref);
}

/** How every request names a system: a local id (ids.ts) or a remote system's qualified key. */
export const SystemRef = lazySchema(() =>
  z.string().superRefine((ref, ctx) => {
    const problem = systemRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

// ---- Adding a host ------------------------------------------------------------------------------------------

/**
 * Web mode's token (src/server/auth.ts): it travels in URLs and a cookie, so it keeps to characters that need
 * no escaping in either.
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,256}$/;
export const HostToken = lazySchema(() =>
  z.string().regex(TOKEN_PATTERN, 'a token is 1–256 letters, digits, ".", "_", "~" and "-"'),
);

export const MAX_HOST_URL_LENGTH = 2048;
export const MAX_HOST_NAME_LENGTH = 100;

/** 127.0.0.0/8 and ::1 written as addresses (a name may resolve anywhere, so names never count). */
export function isLoopbackLiteral(hostname: string): boolean {
  const h = hostname.startsWith('[') ? hostname.slice(1, -1).toLowerCase() : hostname;
  if (/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(h))
    return h.split('.').every((part) => Number(part) < 256);
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** A host's web-mode server: its origin (`https://build-3:7380`) and, when the URL carried one, its token. */
export interface HostAddress {
  origin: string;
  hostname: string;
  port: number;
  secure: boolean;
  token: string | null;
}

/**
 * The URL a host's web mode prints (`https://build-3:7380/?token=…`), or a host and port, as an address the
 * core can connect to; throws an Error saying what is wrong (never repeating the token). Clear text (http)
 * is accepted for a loopback address only: anywhere else the token would cross the network readable.
 */
export function parseHostAddress(input: string): HostAddress {
  const text = input.trim();
  if (text.length === 0) throw new Error('give the URL the host printed, or its address and port');
  if (text.length > MAX_HOST_URL_LENGTH)
    throw new Error(`a URL has at most ${MAX_HOST_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error('that is not a URL (expected https://host:port/?token=…)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`a host's web mode is https:// (or http:// on this machine), not ${url.protocol}//`);
  }
  if (url.username || url.password) throw new Error('the URL must not carry a user name or password');
  if (!url.hostname) throw new Error('the URL names no host');
  const secure = url.protocol === 'https:';
  if (!secure && !isLoopbackLiteral(url.hostname)) {
    throw new Error(
      `http:// is accepted only for a loopback address (127.0.0.1, [::1]); ${url.hostname} needs https:// (start its web mode with --tls-cert and --tls-key)`,
    );
  }
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  const token = url.searchParams.get('token');
  if (token !== null && !TOKEN_PATTERN.test(token)) {
    throw new Error('the token in the URL is not one web mode makes (letters, digits, ".", "_", "~", "-")');
  }
  return { origin: url.origin, hostname: url.hostname, port, secure, token };
}

/** A valid host id made from a host name: `Build-3.corp.example` → `build-3`, `127.0.0.2` → `127-0-0-2`. */
export function hostIdFrom(hostname: string, taken: ReadonlySet<string>): string {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const first = /^\d+(\.\d+){3}$/.test(bare) || bare.includes(':') ? bare : (bare.split('.')[0] ?? bare);
  let base = first
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_HOST_ID_LENGTH - 3)
    .replace(/-+$/g, '');
  if (base === '' || base === LOCAL_HOST_ID) base = 'host';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// ---- A host as the UI sees it -------------------------------------------------------------------------------

/**
 * connecting: dialling, or connected and waiting for the host's first list;
 * connected: its systems are live;
 * unreachable: the network or the host is away (`reason`), retried with backoff (`retryAt`);
 * untrusted: its certificate is not pinned yet (`presented`): nothing is sent until the user trusts it;
 * refused: it cannot go on without the user (`refusal`, `reason`): a changed certificate, a wrong token…;
 *   never retried by itself.
 */
export const HostState = lazySchema(() =>
  z.enum(['connecting', 'connected', 'unreachable', 'untrusted', 'refused']),
);
export type HostState = z.infer<typeof HostState>;

/**
 * Why a host is refused. certificate-changed: it presented another certificate than the pinned one (as SSH
 * refuses a changed host key); token: it answered 401 to our token; forbidden: it refused the connection
 * otherwise (403, 421: the address or origin it expects is another); protocol: it does not speak this
 * contract (not HCS Desktop, or another version); no-token: the token is not at hand (not saved).
 */
export const HostRefusal = lazySchema(() =>
  z.enum(['certificate-changed', 'token', 'forbidden', 'protocol', 'no-token']),
);
export type HostRefusal = z.infer<typeof HostRefusal>;

/** SHA-256 of the certificate's DER, as `openssl x509 -fingerprint -sha256` prints it. */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
export const Fingerprint = lazySchema(() =>
  z.string().regex(FINGERPRINT_PATTERN, 'a SHA-256 fingerprint (AA:BB:…, 32 bytes)'),
);

/** A server certificate, for the person deciding whether to trust it. */
export const HostCertificate = lazySchema(() =>
  z
    .object({
      fingerprint: Fingerprint,
      subject: z.string().max(1024),
      issuer: z.string().max(1024),
      /** As OpenSSL prints them ("Jan  1 00:00:00 2030 GMT"). */
      validFrom: z.string().max(64),
      validTo: z.string().max(64),
      /** subjectAltName ("DNS:build-3, IP Address:10.0.0.3"). */
      altNames: z.string().max(4096),
    })
    .strict(),
);
export type HostCertificate = z.infer<typeof HostCertificate>;

/** How a host's token is kept at rest (never sent to the page). */
export const TokenStorage = lazySchema(() =>
  z.enum([
    /** Encrypted by the operating system (Electron's safeStorage: DPAPI on Windows, the keychain on macOS…). */
    'encrypted',
    /** In the server's settings file, which only its user can read. */
    'file',
    /** Not saved (no encryption at hand): asked for again after a restart. */
    'memory',
  ]),
);
export type TokenStorage = z.infer<typeof TokenStorage>;

export const HostInfo = lazySchema(() =>
  z
    .object({
      id: HostId,
      name: z.string().max(MAX_HOST_NAME_LENGTH),
      /** `https://build-3:7380`: never with the token. */
      origin: z.string().max(MAX_HOST_URL_LENGTH),
      state: HostState,
      refusal: HostRefusal.nullable(),
      /** A sentence: why it is unreachable, refused or untrusted, and what to do. */
      reason: z.string().nullable(),
      /** The pinned certificate (null before the first trust, and for http:// on loopback). */
      pinned: HostCertificate.nullable(),
      /** A certificate it presented that is not the pinned one: to trust (untrusted) or to look at (changed). */
      presented: HostCertificate.nullable(),
      /** When the next connection attempt is due (ms since the epoch), while unreachable. */
      retryAt: z.number().nullable(),
      /** When it entered this state. */
      since: z.number(),
      /** Its HCS service's status, as the host last reported it. */
      service: ServiceStatus.nullable(),
      tokenStorage: TokenStorage,
    })
    .strict(),
);
export type HostInfo = z.infer<typeof HostInfo>;

/** Host requests name the host `host` (every request's `id` is a compute system's). */
const ByHost = lazySchema(() => z.object({ host: HostId }).strict());
const HostName = lazySchema(() => z.string().trim().max(MAX_HOST_NAME_LENGTH).optional());
const HostUrl = lazySchema(() =>
  z
    .string()
    .max(MAX_HOST_URL_LENGTH)
    .superRefine((text, ctx) => {
      try {
        const address = parseHostAddress(text);
        if (address.token === null) ctx.addIssue({ code: 'custom', message: 'the URL carries no ?token=' });
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
);
const HostAddressText = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(255)
    .superRefine((text, ctx) => {
      if (/[/?#@\s]/.test(text)) {
        ctx.addIssue({ code: 'custom', message: 'an address is a host name or IP address, nothing more' });
      }
    }),
);

export const hostRequests = {
  /** The remote hosts (the local host is `service.status`). */
  'hosts.list': {
    request: lazySchema(() => z.object({}).strict()),
    response: lazySchema(() => z.array(HostInfo)),
  },
  /**
   * Add a host: the URL its web mode printed, or its address, port and token (https unless loopback). The
   * first connection only fetches its certificate: the host is `untrusted` until `hosts.trust`.
   */
  'hosts.add': {
    request: lazySchema(() =>
      z.union([
        z.object({ url: HostUrl, name: HostName }).strict(),
        z
          .object({
            address: HostAddressText,
            port: z.number().int().min(1).max(65535),
            token: HostToken,
            secure: z.boolean(),
            name: HostName,
          })
          .strict(),
      ]),
    ),
    response: HostInfo,
  },
  /**
   * Pin the certificate the host presented (`presented.fingerprint`, repeated here so that what is pinned is
   * what the person saw) and connect. Refused if the host presents another one by now.
   */
  'hosts.trust': {
    request: lazySchema(() => z.object({ host: HostId, fingerprint: Fingerprint }).strict()),
    response: HostInfo,
  },
  /** A new token for a host that refused the old one (or whose token was not saved); connects again. */
  'hosts.setToken': {
    request: lazySchema(() => z.object({ host: HostId, token: HostToken }).strict()),
    response: HostInfo,
  },
  /** Connect now (a refused or unreachable host), instead of at the next retry. */
  'hosts.reconnect': { request: ByHost, response: HostInfo },
  /** Disconnect and forget the host: its token, its pinned certificate, its systems in this app. */
  'hosts.remove': { request: ByHost, response: lazySchema(() => z.object({}).strict()) },
} as const;

export const hostEvents = {
  'hosts.changed': lazySchema(() => z.object({ host: HostInfo }).strict()),
  'hosts.removed': lazySchema(() => z.object({ host: HostId }).strict()),
} as const;
