import type { TokenSealer } from '../src/host/index.ts';

/*
 * How the desktop app keeps remote hosts' tokens at rest: encrypted by the operating system through Electron's
 * safeStorage (DPAPI on Windows, the keychain on macOS, the secret service's key on Linux). The hosts file
 * (src/host/host-settings.ts) holds only what this returns. Where safeStorage cannot encrypt (a Linux session
 * with no secret service, where it would fall back to a hard-coded key), a token is not written at all: it
 * lives in memory and is asked for again after a restart ("memory"), rather than kept readable on disk.
 */

/** The part of Electron's `safeStorage` this uses (a parameter, so a test can give its own). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means "a key written in Chromium's source", which protects nothing. */
  getSelectedStorageBackend?(): string;
}

function encrypts(storage: SafeStorage): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (process.platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

/** Seals tokens with safeStorage; call after app 'ready' (safeStorage needs it). */
export function safeStorageSealer(storage: SafeStorage): TokenSealer {
  if (!encrypts(storage)) {
    return {
      storage: 'memory',
      seal: () => null,
      unseal: () => {
        throw new Error('tokens are not kept on this machine (no encryption at hand)');
      },
    };
  }
  return {
    storage: 'encrypted',
    seal: (token) => storage.encryptString(token).toString('base64'),
    unseal: (sealed) => storage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
