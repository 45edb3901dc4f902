import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeOutputFrame } from '../../src/contract/index.ts';
import { RequestError } from './request-error.ts';
import type { ConnectionState } from './types.ts';
import { FakeSocket } from '../test-support/fake-socket.ts';
import { WsTransport } from './ws-transport.ts';

const system = {
  id: 'sys-1',
  name: 'sys-1',
  type: 'container',
  owner: 'o',
  os: 'windows',
  state: 'Running',
  runtimeId: 'r',
  pending: null,
  lastError: null,
  exitType: null,
};

describe('WsTransport', () => {
  let sockets: FakeSocket[];
  let reports: string[];
  let states: ConnectionState[];
  let transport: WsTransport;

  const latest = () => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    reports = [];
    states = [];
    transport = new WsTransport({
      url: 'ws://host/ws?token=t',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 },
      requestTimeoutMs: 5000,
      report: (m) => reports.push(m),
    });
    transport.onConnection((s) => states.push(s));
  });

  afterEach(() => {
    transport.close();
    vi.useRealTimers();
  });

  it('connects to the given URL and reports open', () => {
    expect(transport.connection()).toBe('connecting');
    expect(latest().url).toBe('ws://host/ws?token=t');
    latest().open();
    expect(transport.connection()).toBe('open');
    expect(states).toEqual(['open']);
  });

  it('sends numbered requests and resolves with the validated result', async () => {
    latest().open();
    const a = transport.api.invoke('systems.start', { id: 'sys-1' });
    const b = transport.api.invoke('systems.list', {});
    expect(latest().sent).toEqual([
      { t: 'req', id: 1, channel: 'systems.start', payload: { id: 'sys-1' } },
      { t: 'req', id: 2, channel: 'systems.list', payload: {} },
    ]);
    latest().receive({ t: 'res', id: 2, ok: true, result: [system] });
    latest().receive({ t: 'res', id: 1, ok: true, result: { opId: 'op-1' } });
    await expect(a).resolves.toEqual({ opId: 'op-1' });
    await expect(b).resolves.toEqual([system]);
  });

  it('rejects a response that does not match the contract', async () => {
    latest().open();
    const p = transport.api.invoke('systems.start', { id: 'sys-1' });
    latest().receive({ t: 'res', id: 1, ok: true, result: { wrong: true } });
    await expect(p).rejects.toThrow(/invalid response for systems.start/);
  });

  it('rejects with the ErrorInfo the server sent', async () => {
    latest().open();
    const p = transport.api.invoke('systems.start', { id: 'sys-1' });
    const error = {
      message: 'Access is denied.',
      hresult: '0x80070005',
      name: 'E_ACCESSDENIED',
      events: [{ Message: 'denied' }],
    };
    latest().receive({ t: 'res', id: 1, ok: false, error });
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestError);
    expect((e as RequestError).info).toEqual(error);
  });

  it('delivers valid events and drops invalid ones with a report', () => {
    latest().open();
    const seen: unknown[] = [];
    transport.api.on('systems.changed', (p) => seen.push(p.system.id));
    latest().receive({ t: 'evt', channel: 'systems.changed', payload: { system } });
    latest().receive({
      t: 'evt',
      channel: 'systems.changed',
      payload: { system: { ...system, state: 'Bogus' } },
    });
    latest().receive({ t: 'evt', channel: 'no.such.event', payload: {} });
    latest().receive('not json');
    expect(seen).toEqual(['sys-1']);
    expect(reports).toHaveLength(3);
  });

  it('decodes binary output frames for onOutput and drops malformed ones', () => {
    latest().open();
    expect(latest().binaryType).toBe('arraybuffer');
    const chunks: Array<{ sessionId: string; stream: string; seq: number; text: string }> = [];
    transport.api.onOutput((c) =>
      chunks.push({
        sessionId: c.sessionId,
        stream: c.stream,
        seq: c.seq,
        text: new TextDecoder().decode(c.data),
      }),
    );
    const frame = encodeOutputFrame({
      sessionId: 'sess-1',
      stream: 'stdout',
      seq: 42,
      data: new TextEncoder().encode('hi'),
    });
    latest().receive(frame.buffer);
    latest().receive(new Uint8Array([9, 9, 9]).buffer);
    expect(chunks).toEqual([{ sessionId: 'sess-1', stream: 'stdout', seq: 42, text: 'hi' }]);
    expect(reports).toHaveLength(1);
  });

  it('refuses requests while not connected', async () => {
    await expect(transport.api.invoke('systems.list', {})).rejects.toThrow(/Not connected/);
    expect(latest().sent).toEqual([]);
  });

  it('rejects requests in flight when the link drops, then reconnects with growing delays', async () => {
    latest().open();
    const p = transport.api.invoke('systems.list', {});
    latest().drop();
    await expect(p).rejects.toThrow(/lost before the answer/);
    expect(transport.connection()).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    // A successful open resets the backoff.
    latest().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(4);
  });

  it('times out a request that gets no answer', async () => {
    latest().open();
    const p = transport.api.invoke('systems.list', {});
    vi.advanceTimersByTime(5000);
    await expect(p).rejects.toThrow(/No answer to systems.list within 5 s/);
  });

  it('stops reconnecting once closed', () => {
    latest().drop();
    transport.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
