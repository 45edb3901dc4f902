import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarlySocket } from './early-socket.ts';
import { FakeSocket as RawSocket } from '../test-support/fake-socket.ts';
import { summary } from '../test-support/fixtures.ts';
import { WsTransport } from './ws-transport.ts';

const system = summary('sys-1', { state: 'Running' });
const snapshot = { t: 'evt', channel: 'systems.snapshot', payload: { systems: [system] } };

describe('EarlySocket', () => {
  it('asks for binary frames as ArrayBuffers before any can arrive', () => {
    const raw = new RawSocket();
    new EarlySocket(raw);
    expect(raw.binaryType).toBe('arraybuffer');
  });

  it('holds what arrives until started, then delivers it in order and every later event as it comes', () => {
    const raw = new RawSocket();
    const early = new EarlySocket(raw);
    const seen: string[] = [];
    early.onopen = () => seen.push('open');
    early.onmessage = (ev) => seen.push(`message ${String(ev.data)}`);
    early.onclose = () => seen.push('close');
    raw.open();
    raw.receive(1);
    raw.receive(2);
    expect(seen).toEqual([]);
    expect(early.readyState).toBe(1);
    early.start();
    expect(seen).toEqual(['open', 'message 1', 'message 2']);
    raw.receive(3);
    raw.drop();
    expect(seen).toEqual(['open', 'message 1', 'message 2', 'message 3', 'close']);
  });

  it('drops what it holds when closed before it was started', () => {
    const raw = new RawSocket();
    const early = new EarlySocket(raw);
    const seen: unknown[] = [];
    early.onmessage = (ev) => seen.push(ev.data);
    raw.open();
    raw.receive(1);
    early.close(1000, 'window closed');
    early.start();
    expect(seen).toEqual([]);
    expect(raw.closedWith).toEqual([1000, 'window closed']);
  });
});

describe('WsTransport adopting the socket the first script opened', () => {
  let raw: RawSocket;
  let early: EarlySocket;
  let created: string[];
  let transport: WsTransport;

  beforeEach(() => {
    // Timers only: the transport hands over what the socket held in a microtask, which the tests await.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    raw = new RawSocket();
    early = new EarlySocket(raw);
    created = [];
  });

  afterEach(() => {
    transport.close();
    vi.useRealTimers();
  });

  const adopt = () =>
    new WsTransport({
      url: 'ws://host/ws?token=t',
      adopt: early,
      createSocket: (url) => {
        created.push(url);
        return new RawSocket();
      },
      backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 },
      report: () => {},
    });

  it('opens no second socket and gives listeners added after it the open and the snapshot that came before', async () => {
    raw.open();
    raw.receive(snapshot);
    transport = adopt();
    const states: string[] = [];
    const lists: string[][] = [];
    transport.onConnection((s) => states.push(s));
    transport.api.on('systems.snapshot', ({ systems }) => lists.push(systems.map((s) => s.id)));
    // Nothing while the script that built the transport runs; all of it right after (a microtask).
    expect(states).toEqual([]);
    expect(transport.connection()).toBe('connecting');
    await Promise.resolve();
    expect(states).toEqual(['open']);
    expect(lists).toEqual([['sys-1']]);
    expect(created).toEqual([]);
    const answer = transport.api.invoke('service.status', {});
    expect(raw.sent).toEqual([{ t: 'req', id: 1, channel: 'service.status', payload: {} }]);
    void answer.catch(() => {});
  });

  it('still opening when taken, it reports open when the browser does', async () => {
    transport = adopt();
    await Promise.resolve();
    expect(transport.connection()).toBe('connecting');
    raw.open();
    expect(transport.connection()).toBe('open');
  });

  it('closed before it was taken, it is replaced by a fresh socket after the backoff', async () => {
    raw.drop();
    transport = adopt();
    await Promise.resolve();
    expect(transport.connection()).toBe('reconnecting');
    vi.advanceTimersByTime(100);
    expect(created).toEqual(['ws://host/ws?token=t']);
  });
});
