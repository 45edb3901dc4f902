import { describe, expect, it } from 'vitest';
import { safeStorageSealer, type SafeStorage } from './token-sealer.ts';

/** A stand-in for safeStorage that really transforms the text, so a token kept as it is would show. */
function xorStorage(backend = 'dpapi'): SafeStorage {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => flip(Buffer.from(text, 'utf8')),
    decryptString: (encrypted) => flip(encrypted).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

describe("remote hosts' tokens at rest in the desktop app", () => {
  it('are encrypted by safeStorage and read back', () => {
    const sealer = safeStorageSealer(xorStorage());
    expect(sealer.storage).toBe('encrypted');
    const sealed = sealer.seal('s3cret-token');
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain('s3cret');
    expect(sealer.unseal(sealed!)).toBe('s3cret-token');
  });

  it('are not written at all when the OS cannot encrypt them', () => {
    const off: SafeStorage = { ...xorStorage(), isEncryptionAvailable: () => false };
    const sealer = safeStorageSealer(off);
    expect(sealer.storage).toBe('memory');
    expect(sealer.seal('s3cret-token')).toBeNull();
    expect(() => sealer.unseal('anything')).toThrow(/not kept/);
  });

  it.runIf(process.platform === 'linux')("are not written under Linux's hard-coded fallback key", () => {
    expect(safeStorageSealer(xorStorage('basic_text')).storage).toBe('memory');
    expect(safeStorageSealer(xorStorage('gnome_libsecret')).storage).toBe('encrypted');
  });
});
