import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedHost } from '../app/index.ts';
import { FILE_TOKENS, HostSettingsFile, defaultHostsFile, type TokenSealer } from './host-settings.ts';

const POSIX = process.platform !== 'win32';
const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const HOST: SavedHost = {
  id: 'build-3',
  name: 'build 3',
  origin: 'https://build-3.example:7380',
  pinned: {
    fingerprint: FINGERPRINT,
    subject: 'CN=build-3',
    issuer: 'CN=build-3',
    validFrom: 'Jan  1 00:00:00 2025 GMT',
    validTo: 'Jan  1 00:00:00 2035 GMT',
    altNames: 'DNS:build-3.example',
  },
  token: 'the-token',
};

/** A sealer that really changes the text, like safeStorage. */
const REVERSING: TokenSealer = {
  storage: 'encrypted',
  seal: (t) => `sealed:${[...t].reverse().join('')}`,
  unseal: (s) => {
    if (!s.startsWith('sealed:')) throw new Error('not sealed here');
    return [...s.slice(7)].reverse().join('');
  },
};

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-hosts-file-'));
  path = join(dir, 'hcs-desktop', 'hosts.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the hosts file', () => {
  it('has no hosts before the first save, then keeps them, 0600 in a 0700 directory', async () => {
    const file = new HostSettingsFile(path, FILE_TOKENS);
    expect(await file.load()).toEqual([]);
    await file.save([HOST]);
    expect(await file.load()).toEqual([HOST]);
    if (POSIX) {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'hcs-desktop')).mode & 0o777).toBe(0o700);
    }
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1, tokens: 'file' });
  });

  it('keeps tokens sealed, and asks again for those it cannot unseal', async () => {
    await new HostSettingsFile(path, REVERSING).save([
      HOST,
      { ...HOST, id: 'b', origin: 'https://b:1', token: null },
    ]);
    expect(readFileSync(path, 'utf8')).not.toContain('the-token');
    expect((await new HostSettingsFile(path, REVERSING).load()).map((h) => h.token)).toEqual([
      'the-token',
      null,
    ]);
    // Written by another kind of store (web mode's file tokens): read without them.
    expect((await new HostSettingsFile(path, FILE_TOKENS).load()).map((h) => h.token)).toEqual([null, null]);
  });

  it.skipIf(!POSIX)('refuses a file or directory others could have written, saying what to do', async () => {
    const file = new HostSettingsFile(path, FILE_TOKENS);
    await file.save([HOST]);
    chmodSync(path, 0o644);
    await expect(file.load()).rejects.toThrow(/mode 644.*chmod 600/);
    chmodSync(path, 0o600);
    chmodSync(join(dir, 'hcs-desktop'), 0o777);
    await expect(file.load()).rejects.toThrow(/can be written by others.*chmod 700/);
    chmodSync(join(dir, 'hcs-desktop'), 0o700);
    // Another user's file (as if chown'ed): refused by owner.
    const other = new HostSettingsFile(path, FILE_TOKENS, (process.getuid?.() ?? 0) + 1);
    await expect(other.load()).rejects.toThrow(/belongs to uid/);
  });

  it('refuses what is not a hosts file, naming the file and the problem', async () => {
    mkdirSync(join(dir, 'hcs-desktop'), { mode: 0o700 });
    const write = (text: string) => writeFileSync(path, text, { mode: 0o600 });
    const file = new HostSettingsFile(path, FILE_TOKENS);
    write('{');
    await expect(file.load()).rejects.toThrow(/is not JSON/);
    write('{"version":2,"hosts":[]}');
    await expect(file.load()).rejects.toThrow(/not a hosts file of this version/);
    write(JSON.stringify({ version: 1, tokens: 'file', hosts: [{ ...HOST, id: 'Not Valid' }] }));
    await expect(file.load()).rejects.toThrow(/host 1 has no valid id/);
    write(JSON.stringify({ version: 1, tokens: 'file', hosts: [{ ...HOST, origin: 'http://10.0.0.1:1' }] }));
    await expect(file.load()).rejects.toThrow(/needs https/);
    write(JSON.stringify({ version: 1, tokens: 'file', hosts: [{ ...HOST, pinned: { fingerprint: 'x' } }] }));
    await expect(file.load()).rejects.toThrow(/pinned certificate is not valid/);
  });

  it("lives in the user's settings directory by default", () => {
    expect(defaultHostsFile({ XDG_CONFIG_HOME: '/h/u/.cfg' })).toBe(
      process.platform === 'win32' ? expect.any(String) : '/h/u/.cfg/hcs-desktop/hosts.json',
    );
  });
});
