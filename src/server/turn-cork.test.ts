import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { CONTAINER, coreWithFake } from '../app/testing/harness.ts';
import { SocketHub } from './socket-hub.ts';
import { TurnCork } from './turn-cork.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Records the order of corks, uncorks and the messages written in between; what is written while corked stays
 * buffered (as in a socket) until the last uncork.
 */
class Journal {
  readonly entries: string[] = [];
  corked = 0;
  buffered = 0;
  cork() {
    this.corked++;
    this.entries.push('cork');
  }
  uncork() {
    this.corked--;
    this.entries.push('uncork');
    if (this.corked === 0) this.buffered = 0;
  }
}

/** Just enough of a ws WebSocket: every send is journalled with whether the socket under it was corked. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  closedWith: number | null = null;
  constructor(private readonly journal: Journal) {
    super();
  }
  /** What the socket holds unsent: a real socket's corked writes count here too. */
  get bufferedAmount() {
    return this.journal.buffered;
  }
  send(text: string | Uint8Array) {
    if (this.journal.corked > 0) this.journal.buffered += text.length;
    const message = typeof text === 'string' ? (JSON.parse(text) as { t: string; channel?: string }) : null;
    const what = message ? (message.channel ?? message.t) : 'frame';
    this.journal.entries.push(`${this.journal.corked > 0 ? 'held' : 'sent'} ${what}`);
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {}
}

describe('TurnCork', () => {
  it('corks at the first write of a turn and uncorks once, after the turn', async () => {
    const journal = new Journal();
    const cork = new TurnCork(journal);
    cork.hold(1);
    cork.hold(1);
    cork.hold(1);
    expect(journal.entries).toEqual(['cork']);
    await nextTurn();
    expect(journal.entries).toEqual(['cork', 'uncork']);
    cork.hold(1);
    await nextTurn();
    expect(journal.entries).toEqual(['cork', 'uncork', 'cork', 'uncork']);
  });

  it('sends what a turn holds once it passes the flush size, and holds the rest', async () => {
    const journal = new Journal();
    const cork = new TurnCork(journal, 100);
    cork.hold(60);
    cork.hold(30);
    expect(journal.entries).toEqual(['cork']);
    cork.hold(30);
    expect(journal.entries).toEqual(['cork', 'uncork', 'cork']);
    cork.hold(60);
    expect(journal.entries).toEqual(['cork', 'uncork', 'cork']);
    await nextTurn();
    expect(journal.entries).toEqual(['cork', 'uncork', 'cork', 'uncork']);
    expect(journal.corked).toBe(0);
  });
});

describe('socket hub writes', () => {
  it('sends everything a turn produces for a client in one write, at the end of that turn', async () => {
    const { core } = coreWithFake([]);
    await core.start();
    const hub = new SocketHub(core);
    const journal = new Journal();
    const ws = new FakeSocket(journal);
    hub.add(ws as unknown as WebSocket, 'test', journal);
    await nextTurn();
    journal.entries.length = 0;
    // One request: its event and its answer are written in the same turn.
    ws.emit(
      'message',
      Buffer.from(
        JSON.stringify({ t: 'req', id: 1, channel: 'settings.setPollInterval', payload: { ms: 1500 } }),
      ),
      false,
    );
    await nextTurn();
    await nextTurn();
    expect(journal.entries[0]).toBe('cork');
    expect(journal.entries.at(-1)).toBe('uncork');
    const written = journal.entries.slice(1, -1);
    expect(written).toContain('held service.changed');
    expect(written).toContain('held res');
    expect(written.every((entry) => entry.startsWith('held'))).toBe(true);
    expect(journal.corked).toBe(0);
    hub.close();
  });

  it('sends a large snapshot on before the next message is weighed against the limit', async () => {
    const systems = Array.from({ length: 3_000 }, (_, i) => ({ ...CONTAINER, Id: `big-snapshot-${i}` }));
    const { core } = coreWithFake(systems);
    await core.start();
    const hub = new SocketHub(core, 100 * 1024);
    const journal = new Journal();
    const ws = new FakeSocket(journal);
    // The snapshot of 3,000 systems is several times the limit; the events after it in the same turn must not
    // find it still held and take the client for a slow one.
    hub.add(ws as unknown as WebSocket, 'test', journal);
    expect(journal.entries[1]).toBe('held systems.snapshot');
    expect(ws.closedWith).toBeNull();
    expect(journal.entries).toContain('held service.changed');
    await nextTurn();
    expect(hub.size).toBe(1);
    hub.close();
  });

  it('never takes a large turn for a slow client: what the turn holds stays under the limit', async () => {
    const { core } = coreWithFake([]);
    await core.start();
    const limit = 200 * 1024;
    const hub = new SocketHub(core, limit);
    const journal = new Journal();
    const ws = new FakeSocket(journal);
    hub.add(ws as unknown as WebSocket, 'test', journal);
    await nextTurn();
    // 3,000 requests in one turn, about 3 × the limit of answers in all. The hub answers them a few
    // milliseconds a turn (request-turns.ts), so this waits, turn by turn, until every answer is written.
    const padding = 'x'.repeat(200);
    for (let id = 1; id <= 3_000; id++) {
      const request = { t: 'req', id, channel: `no.such.channel.${padding}`, payload: {} };
      ws.emit('message', Buffer.from(JSON.stringify(request)), false);
    }
    const answered = () => journal.entries.filter((entry) => entry === 'held res').length;
    for (let turn = 0; turn < 100_000 && answered() < 3_000 && ws.closedWith === null; turn++) {
      await nextTurn();
    }
    await nextTurn();
    expect(ws.closedWith).toBeNull();
    expect(answered()).toBe(3_000);
    expect(hub.size).toBe(1);
    hub.close();
  });
});
