import { describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent, IpcMainInvokeEvent, MessagePortMain, WebContents } from 'electron';
import { ErrorInfo, parseRequest, requestChannels, type RequestChannel } from '../src/contract/index.ts';
import type { AppCoreApi } from '../src/app/index.ts';
import {
  hostileRequests,
  makeHostileRequests,
  UNICODE_ODDITIES,
  validRequest,
} from '../test/helpers/hostile.ts';

// Hostile input through Electron IPC: the handler registered by electron/ipc.ts, driven with over 10 000
// malformed requests (test/helpers/hostile.ts) and with valid requests from senders that are not ours. None
// may reach the core; every one gets an error answer; the handler never throws.

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, fn),
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.listeners.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
    removeAllListeners: (channel: string) => electron.listeners.delete(channel),
  },
}));
const { INVOKE_CHANNEL, registerIpc } = await import('./ipc.ts');
const { OUTPUT_PORT_REQUEST_CHANNEL, OutputPorts } = await import('./output-ports.ts');

const OUR_WINDOW = 1;
const OUR_PAGE = 'app://hcs-desktop/index.html';

function contents(id: number) {
  return { id, isDestroyed: () => false, postMessage: vi.fn(), once: vi.fn() } as unknown as WebContents;
}

function senderEvent(url: string | null | undefined, options: { window?: number; subFrame?: boolean } = {}) {
  const senderFrame =
    url === null ? null : { url, parent: options.subFrame ? { url: OUR_PAGE, parent: null } : null };
  return { sender: contents(options.window ?? OUR_WINDOW), senderFrame } as unknown as IpcMainInvokeEvent &
    IpcMainEvent;
}

/** A core that records every call reaching it, directly or through a window's connection. */
function recordingCore() {
  const reached: string[] = [];
  const core = {
    handle: vi.fn(async (channel: string) => {
      reached.push(`core:${channel}`);
      return {};
    }),
    connect: vi.fn(() => ({
      handle: vi.fn(async (channel: string) => {
        reached.push(`connection:${channel}`);
        return {};
      }),
      close: vi.fn(),
    })),
    subscribe: () => () => undefined,
    initialEvents: () => [],
  };
  return { core: core as unknown as AppCoreApi, reached, connect: core.connect };
}

function register() {
  electron.handlers.clear();
  electron.listeners.clear();
  const recorder = recordingCore();
  const ports = new OutputPorts<MessagePortMain>(recorder.core, () => ({
    port1: { postMessage: vi.fn(), close: vi.fn(), on: vi.fn() },
    port2: {} as MessagePortMain,
  }));
  const unregister = registerIpc(recorder.core, (c) => c.id === OUR_WINDOW, ports);
  const invoke = electron.handlers.get(INVOKE_CHANNEL)!;
  const askPort = electron.listeners.get(OUTPUT_PORT_REQUEST_CHANNEL)!;
  return { ...recorder, invoke, askPort, unregister };
}

/** Values only IPC can carry (structured clone), and a few no IPC could, to show the handler never throws. */
function ipcOnlyValues(): unknown[] {
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { id: 'c1' });
  const sparse: unknown[] = [];
  sparse[1000] = 'x';
  const throwing = Object.defineProperty({}, 'id', {
    enumerable: true,
    get() {
      throw new Error('a getter that throws');
    },
  });
  const proxy = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new Error('a proxy that throws');
      },
    },
  );
  return [
    new Map([['id', 'c1']]),
    new Set(['c1']),
    new Date(0),
    10n,
    new Uint8Array([1, 2, 3]),
    new ArrayBuffer(8),
    NaN,
    Infinity,
    -0,
    sparse,
    nullProto,
    new Error('an error object'),
    /regex/,
    throwing,
    proxy,
    Symbol('s'),
    () => 'a function',
  ];
}

describe('the hostile input generator', () => {
  // Generating and checking 10 000+ requests takes seconds on a busy machine: these bounds are generous.
  it(
    'makes over 10 000 requests, for every request channel, all refused by the contract',
    { timeout: 60_000 },
    () => {
      const all = hostileRequests();
      expect(all.length).toBeGreaterThanOrEqual(10_000);
      for (const channel of requestChannels) {
        const mine = all.filter((r) => r.channel === channel);
        expect(mine.length, channel).toBeGreaterThan(40);
      }
      for (const r of all) expect(() => parseRequest(r.channel, r.payload), r.label).toThrow();
    },
  );

  it(
    'mutates every field of every channel: wrong types, nesting, and for text fields sizes and Unicode',
    { timeout: 60_000 },
    () => {
      const all = hostileRequests();
      const labels = new Set(all.map((r) => r.label));
      // Each payload is kept once per channel, under the label that made it first: look for values, not labels.
      const has = (channel: string, key: string, test: (value: unknown) => boolean) =>
        all.some(
          (r) =>
            r.channel === channel &&
            typeof r.payload === 'object' &&
            r.payload !== null &&
            Object.hasOwn(r.payload, key) &&
            test((r.payload as Record<string, unknown>)[key]),
        );
      for (const channel of requestChannels) {
        expect(labels.has(`${channel}: unknown field "extra"`), channel).toBe(true);
        expect(labels.has(`${channel}: prototype key __proto__ (object)`), channel).toBe(true);
        const payload = validRequest(channel) as Record<string, unknown>;
        for (const [key, value] of Object.entries(payload)) {
          const at = `${channel}: ${key}`;
          expect(
            has(channel, key, (v) => v === null),
            `${at} = null`,
          ).toBe(true);
          expect(
            has(channel, key, (v) => JSON.stringify(v) === JSON.stringify([value])),
            `${at} = [valid]`,
          ).toBe(true);
          expect(labels.has(`${at} nested 2048 deep (objects)`), at).toBe(true);
          if (key === 'id' || key === 'sessionId') {
            // Ids take no NUL, C1 controls or bidi overrides, wherever they are put.
            for (const odd of [0, 4, 15].map((i) => UNICODE_ODDITIES[i]!)) {
              const text = String(value);
              const middle = Math.floor(text.length / 2);
              for (const placed of [
                odd,
                odd + text,
                text.slice(0, middle) + odd + text.slice(middle),
                text + odd,
              ])
                expect(
                  has(channel, key, (v) => v === placed),
                  `${at} = ${JSON.stringify(placed)}`,
                ).toBe(true);
            }
          }
          if (typeof value === 'number') {
            expect(
              has(channel, key, (v) => v === 2 ** 53 + 2),
              `${at} = 2^53 + 2`,
            ).toBe(true);
            expect(
              has(channel, key, (v) => v === 2 ** 64),
              `${at} = 2^64`,
            ).toBe(true);
          }
        }
      }
    },
  );

  it(
    'is deterministic: the same seed gives the same requests, another seed others',
    { timeout: 60_000 },
    () => {
      // Made afresh each time (hostileRequests keeps the lists it made). The systematic part is the same for
      // every seed by construction; the seeded fuzz is what a seed must reproduce.
      const labels = (seed: number) =>
        makeHostileRequests(seed, 20)
          .filter((r) => r.label.includes(': random #'))
          .map((r) => r.label + JSON.stringify(r.payload));
      expect(labels(7).length).toBeGreaterThan(300);
      expect(labels(7)).toEqual(labels(7));
      expect(labels(7)).not.toEqual(labels(8));
    },
  );
});

describe('IPC under hostile input', () => {
  it(
    'answers every malformed request with an error and lets none reach the core',
    { timeout: 120_000 },
    async () => {
      const h = register();
      const trusted = senderEvent(OUR_PAGE);
      h.askPort(trusted); // the page's port: its requests now run on its connection
      expect(h.connect).toHaveBeenCalledTimes(1);
      const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
      const requests = [
        ...hostileRequests(),
        ...ipcOnlyValues().map((value) => ({ label: 'channel = ipc value', channel: value, payload: {} })),
      ];
      let answered = 0;
      for (const r of requests) {
        const answer = (await h.invoke(trusted, r.channel, r.payload)) as { ok: boolean; error?: unknown };
        expect(answer.ok, r.label).toBe(false);
        expect(ErrorInfo.safeParse(answer.error).success, r.label).toBe(true);
        answered++;
      }
      expect(answered).toBe(requests.length);
      expect(answered).toBeGreaterThanOrEqual(10_000);
      expect(h.reached).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      // The handler still works, and this test would see a request that got through.
      expect(await h.invoke(trusted, 'systems.list', {})).toEqual({ ok: true, result: {} });
      expect(h.reached).toEqual(['connection:systems.list']);
      h.unregister();
    },
  );

  it('survives values only IPC can carry: refused, or reaching the core as plain data only', async () => {
    const h = register();
    const trusted = senderEvent(OUR_PAGE);
    const seen: unknown[] = [];
    (h.core.handle as unknown as ReturnType<typeof vi.fn>).mockImplementation(
      async (_c: string, payload: unknown) => {
        seen.push(payload);
        return {};
      },
    );
    let refused = 0;
    for (const value of ipcOnlyValues()) {
      for (const channel of requestChannels) {
        const contractRefuses = (() => {
          try {
            parseRequest(channel, value);
            return false;
          } catch {
            return true;
          }
        })();
        const answer = (await h.invoke(trusted, channel, value)) as { ok: boolean };
        expect(answer.ok, `${channel} ← ${String(typeof value)}`).toBe(!contractRefuses);
        if (contractRefuses) refused++;
      }
    }
    expect(refused).toBeGreaterThan(ipcOnlyValues().length * requestChannels.length * 0.9);
    // What got through (a Map or a Date where an empty object is asked, a null-prototype object with a valid
    // id) arrives as zod's fresh plain object, never as the exotic value itself.
    expect(seen.length).toBeGreaterThan(0);
    for (const payload of seen) expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    h.unregister();
  });

  it('refuses valid requests, on every channel, from senders that are not ours', async () => {
    const h = register();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wrongSenders: [string, IpcMainInvokeEvent & IpcMainEvent][] = [
      ['another window', senderEvent(OUR_PAGE, { window: 2 })],
      ['a sub-frame of our page', senderEvent(OUR_PAGE, { subFrame: true })],
      ['a frame that went away', senderEvent(null)],
      ['a frame without a URL', senderEvent(undefined)],
      ...[
        'https://evil.example/',
        'http://127.0.0.1:7380/',
        'file:///C:/Program%20Files/HCS%20Desktop/resources/app.asar/dist/renderer/index.html',
        'app://hcs-desktop.evil/index.html',
        'app://evil/index.html',
        'app://user:pass@hcs-desktop/index.html',
        'APP://other/index.html',
        'devtools://devtools/bundled/inspector.html',
        'chrome-extension://abcdefghijklmnop/page.html',
        'chrome://settings',
        'data:text/html,<script>1</script>',
        'blob:app://hcs-desktop/0b1c2d3e',
        'about:blank',
        'javascript:alert(1)',
        '',
        'not a url',
      ].map((url): [string, IpcMainInvokeEvent & IpcMainEvent] => [url || '(empty URL)', senderEvent(url)]),
    ];
    for (const [label, event] of wrongSenders) {
      for (const channel of requestChannels as RequestChannel[]) {
        const answer = await h.invoke(event, channel, validRequest(channel));
        expect(answer, `${label} → ${channel}`).toMatchObject({
          ok: false,
          error: { message: expect.stringContaining('refused') },
        });
      }
      h.askPort(event);
    }
    expect(h.reached).toEqual([]);
    expect(h.connect).not.toHaveBeenCalled();
    // Each refusal is logged with the sender's URL (never the payload).
    expect(warn).toHaveBeenCalledTimes(wrongSenders.length * (requestChannels.length + 1));
    expect(warn.mock.calls.flat().join('\n')).not.toContain('hostile-base');
    warn.mockRestore();

    // Our own page, same requests: they all get through (to the core: it asked for no port).
    for (const channel of requestChannels)
      await h.invoke(senderEvent(OUR_PAGE), channel, validRequest(channel));
    expect(h.reached).toEqual(requestChannels.map((c) => `core:${c}`));
    h.unregister();
  });

  it('registers nothing but the invoke handler and the port request', () => {
    const h = register();
    expect([...electron.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    expect([...electron.listeners.keys()]).toEqual([OUTPUT_PORT_REQUEST_CHANNEL]);
    h.unregister();
    expect(electron.handlers.size + electron.listeners.size).toBe(0);
  });
});
