import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { coreWithFake } from '../app/testing/harness.ts';
import { SocketHub } from './socket-hub.ts';
import { TurnCork } from './turn-cork.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Records the order of corks, uncorks and the messages written in between. */
class Journal {
  readonly entries: string[] = [];
  corked = 0;
  cork() {
    this.corked++;
    this.entries.push('cork');
  }
  uncork() {
    this.corked--;
    this.entries.push('uncork');
  }
}

/** Just enough of a ws WebSocket: every send is journalled with whether the socket under it was corked. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  constructor(private readonly journal: Journal) {
    super();
  }
  send(text: string | Uint8Array) {
    const message = typeof text === 'string' ? (JSON.parse(text) as { t: string; channel?: string }) : null;
    const what = message ? (message.channel ?? message.t) : 'frame';
    this.journal.entries.push(`${this.journal.corked > 0 ? 'held' : 'sent'} ${what}`);
  }
  close() {}
  terminate() {}
}

describe('TurnCork', () => {
  it('corks at the first write of a turn and uncorks once, after the turn', async () => {
    const journal = new Journal();
    const cork = new TurnCork(journal);
    cork.hold();
    cork.hold();
    cork.hold();
    expect(journal.entries).toEqual(['cork']);
    await nextTurn();
    expect(journal.entries).toEqual(['cork', 'uncork']);
    cork.hold();
    await nextTurn();
    expect(journal.entries).toEqual(['cork', 'uncork', 'cork', 'uncork']);
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
});
