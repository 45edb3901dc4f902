import { describe, expect, it } from 'vitest';
import {
  MAX_SYSTEM_ID_LENGTH,
  SystemId,
  SystemKey,
  SystemSummary,
  displaySystemId,
  parseRequest,
  requestChannels,
  systemIdProblem,
  type RequestChannel,
} from './index.ts';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from './testing/system-ids.ts';

/** A valid payload naming `id` for every request channel that takes a system id. */
function payloadsNaming(id: string): [RequestChannel, unknown][] {
  const byId: Partial<Record<RequestChannel, unknown>> = {
    'systems.create': { id, document: '{"SchemaVersion":{"Major":2,"Minor":1}}' },
    'systems.start': { id },
    'systems.shutdown': { id },
    'systems.terminate': { id },
    'systems.pause': { id },
    'systems.resume': { id },
    'systems.save': { id, options: '{}' },
    'systems.modify': { id, request: '{}' },
    'systems.close': { id },
    'systems.clearError': { id },
    'systems.crash': { id },
    'systems.waitExit': { id },
    'systems.createDocument': { id },
    'systems.properties': { id, version: 'v2', types: ['Statistics'] },
    'systems.processes': { id },
    'statistics.watch': { id },
    'statistics.unwatch': { id },
    'exec.start': { id, commandLine: 'cmd /c ver', tty: false, cols: 80, rows: 25 },
    'processes.attach': { id, pid: 4 },
    'processes.kill': { id, pid: 4 },
    'processes.properties': { id, pid: 4 },
  };
  return Object.entries(byId) as [RequestChannel, unknown][];
}

describe('system ids: whatever HCS clients use passes', () => {
  it.each(REAL_SYSTEM_IDS)('$who: $id', ({ id }) => {
    expect(systemIdProblem(id)).toBeNull();
    expect(SystemId.safeParse(id).success).toBe(true);
    expect(displaySystemId(id)).toBe(id);
    for (const [channel, payload] of payloadsNaming(id)) {
      expect(() => parseRequest(channel, payload), channel).not.toThrow();
    }
  });

  it('covers every request channel that names a system', () => {
    const naming = payloadsNaming('x').map(([c]) => c);
    for (const channel of requestChannels) {
      if (naming.includes(channel)) continue;
      // Any other channel must not take an id (a new one that does belongs in payloadsNaming).
      expect(() => parseRequest(channel, { id: 'x' }), channel).toThrow();
    }
  });
});

describe('system ids: what could harm native code or mislead a reader is refused, with the reason', () => {
  it.each(REFUSED_SYSTEM_IDS.map((r) => [JSON.stringify(r.id).slice(0, 40), r]))('%s', (_name, r) => {
    expect(systemIdProblem(r.id)).toMatch(r.reason);
    const parsed = SystemId.safeParse(r.id);
    expect(parsed.success).toBe(false);
    for (const [channel, payload] of payloadsNaming(r.id)) {
      expect(() => parseRequest(channel, payload), channel).toThrow(r.reason);
    }
  });

  it('allows exactly the longest id', () => {
    expect(systemIdProblem('x'.repeat(MAX_SYSTEM_ID_LENGTH))).toBeNull();
  });
});

describe('displaySystemId: a refused id can still be listed and shown', () => {
  it('escapes what cannot be shown, and the escaped form is never an id a request may carry', () => {
    expect(displaySystemId('a\u0000b')).toBe('a\\u{0}b');
    expect(displaySystemId('txt.exe\u202Egpj')).toBe('txt.exe\\u{202e}gpj');
    expect(displaySystemId('half\uD800')).toBe('half\\u{d800}');
    expect(displaySystemId('a/b')).toBe('a/b');
    for (const { id } of REFUSED_SYSTEM_IDS) {
      const shown = displaySystemId(id);
      expect(SystemId.safeParse(shown).success, JSON.stringify(id)).toBe(false);
      expect(SystemKey.safeParse(shown).success, JSON.stringify(id)).toBe(true);
    }
  });

  it('never shows two different ids the same way', () => {
    const ids = [
      ...REFUSED_SYSTEM_IDS.map((r) => r.id),
      'a\\u{0}b',
      `${'y'.repeat(600)}1`,
      `${'y'.repeat(600)}2`,
      '\\(empty id)',
    ];
    const shown = ids.map(displaySystemId);
    expect(new Set(shown).size).toBe(ids.length);
    expect(shown[ids.length - 3]).toMatch(/… \(601 characters, #[0-9a-f]{8}\)$/);
  });

  it('a summary may carry the displayed form and the reason', () => {
    const summary = {
      id: displaySystemId('bad\u0007bell'),
      idProblem: systemIdProblem('bad\u0007bell')!,
      name: '',
      type: 'Container',
      owner: '',
      os: 'windows',
      state: 'Running',
      runtimeId: '',
      pending: null,
      lastError: null,
      exitType: null,
    };
    expect(SystemSummary.parse(summary)).toEqual(summary);
  });
});
