import { describe, expect, it } from 'vitest';
import { FakeApi } from '../test-support/fake-api.ts';
import { summary } from '../test-support/fixtures.ts';
import { IpcTransport } from './ipc-transport.ts';
import { RequestError } from './request-error.ts';

describe('IpcTransport', () => {
  it('is always open and passes requests through', async () => {
    const bridge = new FakeApi({ 'systems.start': () => ({ opId: 'op-9' }) });
    const t = new IpcTransport(bridge);
    expect(t.connection()).toBe('open');
    await expect(t.api.invoke('systems.start', { id: 'a' })).resolves.toEqual({ opId: 'op-9' });
  });

  it('turns a rejection carrying info into a RequestError with that info', async () => {
    const info = { message: 'denied', hresult: '0x80070005', events: [] };
    const bridge = new FakeApi({
      'systems.start': () => {
        throw Object.assign(new Error('denied'), { info });
      },
    });
    const e = await new IpcTransport(bridge).api
      .invoke('systems.start', { id: 'a' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestError);
    expect((e as RequestError).info).toEqual(info);
  });

  it('validates events from the bridge before delivering them', () => {
    const bridge = new FakeApi();
    const reports: string[] = [];
    const t = new IpcTransport(bridge, (m) => reports.push(m));
    const seen: string[] = [];
    t.api.on('systems.removed', (p) => seen.push(p.id));
    t.api.on('systems.changed', (p) => seen.push(p.system.state));
    bridge.emit('systems.removed', { id: 'x' });
    bridge.emit('systems.changed', { system: summary('y', { state: 'Paused' }) });
    bridge.emit('systems.removed', { nope: 1 } as never);
    expect(seen).toEqual(['x', 'Paused']);
    expect(reports).toHaveLength(1);
  });

  it('passes exec output chunks through', () => {
    const bridge = new FakeApi();
    const seen: number[] = [];
    const off = new IpcTransport(bridge).api.onOutput((c) => seen.push(c.seq));
    bridge.emitOutput({ sessionId: 's', stream: 'stdout', seq: 7, data: new Uint8Array([65]) });
    off();
    bridge.emitOutput({ sessionId: 's', stream: 'stdout', seq: 8, data: new Uint8Array([66]) });
    expect(seen).toEqual([7]);
  });
});
