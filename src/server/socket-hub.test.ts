import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { coreWithFake } from '../app/testing/harness.ts';
import { CLOSE_TOO_SLOW, SocketHub } from './socket-hub.ts';

/** Just enough of a ws WebSocket to watch what the hub does with a client that stopped reading. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  terminated = false;
  send(text: string) {
    this.sent.push(text);
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {
    this.terminated = true;
  }
}

describe('socket hub backpressure', () => {
  it('drops a client whose unsent data passes the limit and keeps serving the others', async () => {
    const { core } = coreWithFake([]);
    await core.start();
    const hub = new SocketHub(core, 1024);
    const slow = new FakeSocket();
    const fine = new FakeSocket();
    hub.add(slow as unknown as WebSocket);
    hub.add(fine as unknown as WebSocket);
    expect(hub.size).toBe(2);
    slow.bufferedAmount = 4096;
    await core.handle('settings.setPollInterval', { ms: 1000 });
    expect(slow.closedWith).toBe(CLOSE_TOO_SLOW);
    expect(hub.size).toBe(1);
    expect(fine.sent.at(-1)).toContain('"service.changed"');
    const before = slow.sent.length;
    await core.handle('settings.setPollInterval', { ms: 2000 });
    expect(slow.sent.length).toBe(before);
    hub.close();
  });
});
