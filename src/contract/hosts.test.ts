import { describe, expect, it } from 'vitest';
import {
  LOCAL_HOST_ID,
  SystemKey,
  SystemRef,
  displaySystemId,
  hostIdFrom,
  hostOf,
  isLoopbackLiteral,
  localKeyOf,
  parseHostAddress,
  parseRequest,
  qualify,
  splitQualified,
} from './index.ts';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from './testing/system-ids.ts';

describe("qualified keys: a remote host's system, operation or session", () => {
  it('wraps and unwraps every real id, and leaves local keys as they are', () => {
    for (const { id } of REAL_SYSTEM_IDS) {
      const key = qualify('build-3', id);
      expect(key).toBe(`@build-3/${id}`);
      expect(splitQualified(key)).toEqual({ host: 'build-3', key: id });
      expect(hostOf(key)).toBe('build-3');
      expect(localKeyOf(key)).toBe(id);
      expect(SystemRef.safeParse(key).success).toBe(true);
      expect(qualify(LOCAL_HOST_ID, id)).toBe(id);
      expect(hostOf(id)).toBe(LOCAL_HOST_ID);
      expect(splitQualified(id)).toBeNull();
    }
  });

  it("refuses a remote key whose id part is refused, with the id rule's reason", () => {
    for (const { id, reason } of REFUSED_SYSTEM_IDS) {
      if (id === '') continue;
      const parsed = SystemRef.safeParse(qualify('h1', id));
      expect(parsed.success, JSON.stringify(id)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(reason);
    }
    // Not a host id: the whole key is an id, and "/" is refused in one.
    for (const key of ['@/x', '@Upper/x', '@local/x', '@-x/y', 'a/b', '@a b/c']) {
      expect(splitQualified(key), key).toBeNull();
      expect(SystemRef.safeParse(key).success, key).toBe(false);
    }
  });

  it('never confuses a local id HCS Desktop refuses with a remote key', () => {
    const shown = displaySystemId('@build-3/c1');
    expect(shown.startsWith('@')).toBe(false);
    expect(splitQualified(shown)).toBeNull();
    expect(SystemKey.safeParse(qualify('h'.repeat(20), displaySystemId('x'.repeat(600)))).success).toBe(true);
  });

  it("names a remote session in a request, within an output frame's 64 bytes", () => {
    const sessionId = `@${'h'.repeat(20)}/${'0'.repeat(40)}`;
    expect(() => parseRequest('exec.kill', { sessionId })).not.toThrow();
    expect(() => parseRequest('exec.kill', { sessionId: `@h/${'0'.repeat(41)}` })).toThrow();
  });
});

describe('adding a host', () => {
  it('reads the URL web mode prints', () => {
    expect(parseHostAddress('https://build-3.corp.example:7380/?token=abc.DEF_1~-')).toEqual({
      origin: 'https://build-3.corp.example:7380',
      hostname: 'build-3.corp.example',
      port: 7380,
      secure: true,
      token: 'abc.DEF_1~-',
    });
    expect(parseHostAddress('  10.0.0.7:8443 ')).toMatchObject({
      origin: 'https://10.0.0.7:8443',
      token: null,
    });
    expect(parseHostAddress('http://127.0.0.2:7380/?token=t')).toMatchObject({ secure: false, port: 7380 });
    expect(parseHostAddress('http://[::1]:7380/?token=t')).toMatchObject({ origin: 'http://[::1]:7380' });
  });

  it('refuses clear text beyond loopback, other schemes, credentials, odd tokens, never echoing a token', () => {
    expect(() => parseHostAddress('http://10.0.0.7:7380/?token=secret')).toThrow(/needs https/);
    expect(() => parseHostAddress('http://localhost:7380/?token=secret')).toThrow(/needs https/);
    expect(() => parseHostAddress('ftp://h:1/')).toThrow(/not ftp/);
    expect(() => parseHostAddress('https://u:p@h:1/')).toThrow(/user name/);
    expect(() => parseHostAddress('https://h:1/?token=a%20b')).toThrow(/token/);
    expect(() => parseHostAddress('')).toThrow(/give the URL/);
    for (const bad of ['http://10.0.0.7:7380/?token=secret', 'https://h:1/?token=se%20cret']) {
      try {
        parseHostAddress(bad);
      } catch (e) {
        expect((e as Error).message).not.toContain('secret');
        expect((e as Error).message).not.toContain('cret');
      }
    }
    expect(isLoopbackLiteral('127.255.0.1')).toBe(true);
    expect(isLoopbackLiteral('127.256.0.1')).toBe(false);
    expect(isLoopbackLiteral('[::1]')).toBe(true);
  });

  it('makes readable, unique host ids', () => {
    expect(hostIdFrom('Build-3.corp.example', new Set())).toBe('build-3');
    expect(hostIdFrom('127.0.0.2', new Set())).toBe('127-0-0-2');
    expect(hostIdFrom('[::1]', new Set())).toBe('1');
    expect(hostIdFrom('build-3', new Set(['build-3', 'build-3-2']))).toBe('build-3-3');
    expect(hostIdFrom('local', new Set())).toBe('host');
    expect(hostIdFrom('a-very-long-host-name-indeed.example', new Set())).toMatch(/^[a-z0-9-]{1,17}$/);
  });

  it('hosts.add takes a URL with a token, or an address, port and token', () => {
    expect(() => parseRequest('hosts.add', { url: 'https://h:1/?token=t' })).not.toThrow();
    expect(() => parseRequest('hosts.add', { url: 'https://h:1/' })).toThrow(/no \?token=/);
    expect(() =>
      parseRequest('hosts.add', { address: 'h', port: 1, token: 't', secure: true, name: 'build' }),
    ).not.toThrow();
    expect(() => parseRequest('hosts.add', { address: 'h/x', port: 1, token: 't', secure: true })).toThrow();
    expect(() => parseRequest('hosts.trust', { host: 'local', fingerprint: 'AA' })).toThrow();
  });
});
