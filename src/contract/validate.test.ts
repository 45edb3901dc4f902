import { describe, expect, it } from 'vitest';
import { checkJsonText, ContractError, parseEvent, parseRequest, SystemId } from './index.ts';

describe('parseRequest', () => {
  it('accepts a valid request and returns its typed payload', () => {
    expect(parseRequest('systems.start', { id: 'abc-1' }).payload).toEqual({ id: 'abc-1' });
  });

  it('rejects unknown channels, even ones whose toString throws', () => {
    expect(() => parseRequest('systems.explode', {})).toThrow(ContractError);
    const hostile = { toString: 'x' };
    expect(() => parseRequest(hostile, {})).toThrow(/unknown channel/);
    expect(() => parseRequest(Object.create(null), {})).toThrow(ContractError);
  });

  it('rejects unknown fields, wrong types and bad ids with the field named', () => {
    expect(() => parseRequest('systems.start', { id: 'a', extra: 1 })).toThrow(/Unrecognized key/i);
    expect(() => parseRequest('systems.start', { id: 42 })).toThrow(/id:/);
    expect(() => parseRequest('systems.start', { id: '../etc/passwd' })).toThrow(/id: .*"\/" or "\\"/);
  });

  it('rejects documents that are not JSON objects, naming line and column', () => {
    expect(() => parseRequest('systems.create', { id: 'x', document: '{\n  "a": ,\n}' })).toThrow(
      /invalid JSON at line 2, column 8/,
    );
    expect(() => parseRequest('systems.create', { id: 'x', document: '[1]' })).toThrow(
      /must be a JSON object/,
    );
  });
});

describe('SystemId', () => {
  it.each(['{5A3C1F2E-0000-4B6B-9C1A-2B3C4D5E6F70}', 'a'.repeat(64), 'wsl_vm.1'])('accepts %s', (id) => {
    expect(SystemId.safeParse(id).success).toBe(true);
  });
  it.each(['', 'a/b', 'a\\b', 'a\u0000b', 'x'.repeat(257)])('rejects %j', (id) => {
    expect(SystemId.safeParse(id).success).toBe(false);
  });
  // Refused before issue 8 because of their characters, which are no danger to native code: a space, a
  // leading dash, a letter outside ASCII. HCS accepts them, so the app must show and act on such systems
  // (ids.test.ts has the ids real clients use and what is refused).
  it.each(['a b', '-lead', 'é'])('accepts %j', (id) => {
    expect(SystemId.safeParse(id).success).toBe(true);
  });
});

describe('checkJsonText', () => {
  it('says the document is empty', () => {
    const r = checkJsonText('  ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.reason).toBe('the document is empty');
  });
  it('parses valid text', () => {
    expect(checkJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('hostile documents', () => {
  it('answers a broken document nested deeper than the stack with a clear problem, not a crash', () => {
    const deep = '['.repeat(200_000) + '}';
    const r = checkJsonText(deep);
    expect(r.ok).toBe(false);
    expect(() => parseRequest('systems.create', { id: 'x', document: deep })).toThrow(ContractError);
  });
});

describe('parseEvent', () => {
  it('rejects unknown events and invalid payloads', () => {
    expect(() => parseEvent('systems.removed', { id: 'a' })).not.toThrow();
    expect(() => parseEvent('nope', {})).toThrow(ContractError);
    expect(() => parseEvent('systems.removed', {})).toThrow(/invalid event/);
  });
});
