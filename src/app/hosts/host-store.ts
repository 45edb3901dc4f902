import type { HostCertificate, TokenStorage } from '../../contract/index.ts';

/** One remote host as it is kept between runs. */
export interface SavedHost {
  id: string;
  name: string;
  origin: string;
  /** The certificate the user trusted; null before that (and for http on loopback). */
  pinned: HostCertificate | null;
  /** null: not kept (TokenStorage 'memory'); asked for again after a restart. */
  token: string | null;
}

/**
 * Where the remote hosts are kept (the host layer's settings file, src/host/host-settings.ts): ids, names,
 * origins and pinned certificates, and the tokens, which the store protects at rest — encrypted by the
 * operating system in the desktop app, in a file only its user can read in web mode. The core hands it and
 * gets from it tokens in clear; it never logs them and never sends them to a page.
 */
export interface HostStore {
  /** How this store keeps tokens. */
  readonly tokenStorage: TokenStorage;
  /** The saved hosts; a store that cannot be trusted or read throws an Error saying why. */
  load(): Promise<SavedHost[]>;
  save(hosts: readonly SavedHost[]): Promise<void>;
}
