import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeOutputFrame, type OutputChunk } from '../src/contract/index.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  eventHandler: null as ((event: unknown, channel: unknown, payload: unknown) => void) | null,
  portHandler: null as ((event: { ports: unknown[] }) => void) | null,
  sent: [] as string[],
  invoke: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
}));
vi.mock('electron', async () => {
  const { vi } = await import('vitest');
  electron.invoke = vi.fn();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
    ipcRenderer: {
      invoke: electron.invoke,
      on: (channel: string, handler: (...args: never[]) => void) => {
        if (channel === 'hcs:event') electron.eventHandler = handler as typeof electron.eventHandler;
        if (channel === 'hcs:output-port') electron.portHandler = handler as typeof electron.portHandler;
      },
      send: (channel: string) => electron.sent.push(channel),
    },
  };
});

interface Api {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  onOutput(listener: (chunk: OutputChunk) => void): () => void;
}
/** The page end of a MessageChannel as the preload uses it. */
class FakePort {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;
  close() {
    this.closed = true;
  }
}
let api: Api;
const push = (channel: string, payload: unknown) => electron.eventHandler!({}, channel, payload);
const tick = () => new Promise((r) => setTimeout(r, 0));
const row = (id: string, state = 'Running') => ({ id, state });

beforeAll(async () => {
  await import('./preload.ts');
  api = electron.exposed.get('hcs') as Api;
});

describe('preload', () => {
  it('exposes exactly window.hcs = frozen { invoke, on, onOutput } and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['hcs']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'onOutput']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invoke resolves with the result and rejects with the ErrorInfo', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, result: [row('c1')] });
    await expect(api.invoke('systems.list', {})).resolves.toEqual([row('c1')]);
    expect(electron.invoke).toHaveBeenLastCalledWith('hcs:invoke', 'systems.list', {});
    const info = { message: 'Access is denied.', hresult: '0x80070005', events: [] };
    electron.invoke.mockResolvedValueOnce({ ok: false, error: info });
    await expect(api.invoke('systems.start', { id: 'c1' })).rejects.toEqual({
      name: 'HcsError',
      message: info.message,
      info,
    });
  });

  it('on validates the channel and delivers only that channel', () => {
    expect(() => api.on('hcs:invoke', () => {})).toThrow('unknown event channel');
    expect(() => api.on('systems.removed', 'nope' as unknown as () => void)).toThrow(TypeError);
    const removed = vi.fn();
    const off = api.on('systems.removed', removed);
    push('systems.removed', { id: 'x' });
    push('operations.changed', { operation: {} });
    push('not.a.channel', {});
    expect(removed.mock.calls).toEqual([[{ id: 'x' }]]);
    off();
    push('systems.removed', { id: 'y' });
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it('keeps no copy of the list or the status: a late subscriber hears only what comes after it', async () => {
    push('systems.snapshot', { systems: [row('a'), row('b')] });
    push('systems.changed', { system: row('a', 'Stopped') });
    push('service.changed', { status: { connected: true } });
    const snapshot = vi.fn();
    const status = vi.fn();
    api.on('systems.snapshot', snapshot);
    api.on('service.changed', status);
    await tick();
    // The page reads them itself when its store binds (renderer/store/bind.ts: systems.list, service.status).
    expect(snapshot).not.toHaveBeenCalled();
    expect(status).not.toHaveBeenCalled();
    push('systems.snapshot', { systems: [row('c')] });
    expect(snapshot).toHaveBeenCalledWith({ systems: [row('c')] });
  });
});

describe('preload exec output', () => {
  const frame = (seq: number, text: string) =>
    encodeOutputFrame({ sessionId: 's-1', stream: 'stdout', seq, data: new TextEncoder().encode(text) })
      .buffer;

  it('asks for its port at load and hands decoded frames of the current port to onOutput listeners', () => {
    expect(electron.sent).toEqual(['hcs:output-port-request']);
    expect(() => api.onOutput('nope' as unknown as () => void)).toThrow(TypeError);
    const seen: Array<[string, number, string]> = [];
    const off = api.onOutput((c) => seen.push([c.sessionId, c.seq, new TextDecoder().decode(c.data)]));
    const first = new FakePort();
    electron.portHandler!({ ports: [first] });
    first.onmessage!({ data: frame(0, 'hello') });
    first.onmessage!({ data: new Uint8Array([1, 2, 3]).buffer }); // malformed: dropped
    first.onmessage!({ data: 'not bytes' });
    // A reload's new port replaces the old one, which is closed.
    const second = new FakePort();
    electron.portHandler!({ ports: [second] });
    expect(first.closed).toBe(true);
    second.onmessage!({ data: frame(5, ' world') });
    expect(seen).toEqual([
      ['s-1', 0, 'hello'],
      ['s-1', 5, ' world'],
    ]);
    off();
    second.onmessage!({ data: frame(11, '!') });
    expect(seen).toHaveLength(2);
  });
});
