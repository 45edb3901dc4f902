import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTAINER } from '../src/app/testing/harness.ts';

const m = vi.hoisted(() => ({
  order: [] as string[],
  gotLock: true,
  windows: [] as unknown[],
  ipcHandlers: new Map<string, unknown>(),
  ready: null as null | (() => void),
  windowCreated: null as null | (() => void),
  hcs: null as null | { release(op: 'enumerate'): void },
  userData: '',
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    id = 100 + m.windows.length;
    sent: unknown[][] = [];
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    setWindowOpenHandler() {}
  }
  class BrowserWindow extends EventEmitter {
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    isMaximized() {
      return false;
    }
    webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: unknown) {
      super();
      m.windows.push(this);
      m.windowCreated?.();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => {
      m.order.push('lock');
      return m.gotLock;
    },
    whenReady: () => new Promise<void>((resolve) => (m.ready = resolve)),
    quit: () => m.order.push('quit'),
    exit: () => m.order.push('exit'),
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return m.userData;
    },
  });
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (...args: unknown[]) => m.order.push(`error:${String(args[1])}`) },
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    ipcMain: {
      handle: (channel: string, fn: unknown) => m.ipcHandlers.set(channel, fn),
      on: (channel: string, fn: unknown) => m.ipcHandlers.set(channel, fn),
      removeHandler: () => {},
    },
    // No encryption at hand: remote hosts' tokens stay in memory (token-sealer.ts).
    safeStorage: { isEncryptionAvailable: () => false },
    MessageChannelMain: class {
      port1 = Object.assign(new EventEmitter(), { postMessage: () => {}, close: () => {} });
      port2 = {};
    },
    protocol: {
      registerSchemesAsPrivileged: () => m.order.push('privileged'),
      handle: (scheme: string) => m.order.push(`handle:${scheme}`),
    },
    session: {
      defaultSession: Object.assign(new EventEmitter(), {
        setPermissionRequestHandler: () => m.order.push('permissions'),
        setPermissionCheckHandler: () => {},
      }),
    },
  };
});

// The fake HCS stands in for koffi: nothing native loads in a unit test.
vi.mock('../src/app/hcs-adapter.ts', async () => {
  const { FakeHcsPort } = await import('../src/app/testing/fake-hcs-port.ts');
  return {
    ensureThreadPoolSize: () => m.order.push('threadpool'),
    HcsAdapter: class extends FakeHcsPort {
      constructor() {
        super([CONTAINER]);
        // The core's first listing waits until the test lets it: the window must not wait for it.
        this.hold('enumerate');
        m.hcs = this;
      }
    },
  };
});
vi.mock('../src/host/backend-select.ts', () => ({
  prepareBackend: async () => ({
    kind: 'simulator',
    simSocket: '/tmp/x.sock',
    libraryPath: null,
    hcsApi: { api: 'v1', requested: 'v1', reason: 'v1 was asked for' },
    startedSimulator: false,
    stop: async () => {},
  }),
}));

interface FakeWindow extends EventEmitter {
  options: { webPreferences: Record<string, unknown> };
  loaded: string | null;
  webContents: EventEmitter & { id: number; sent: unknown[][] };
}

m.userData = mkdtempSync(join(tmpdir(), 'hcs-main-test-'));
afterAll(() => rmSync(m.userData, { recursive: true, force: true }));

describe('electron main', () => {
  it('wires the app: threadpool and privileged scheme first, one secure window on app://, events to it', async () => {
    // The hosts file (src/host/host-settings.ts) is looked for in a settings directory of this test's own.
    process.env.XDG_CONFIG_HOME = await mkdtemp(join(tmpdir(), 'hcs-main-'));
    await import('./main.ts');
    expect(m.order.slice(0, 3)).toEqual(['threadpool', 'privileged', 'lock']);
    const { app } = await import('electron');
    expect((app as unknown as EventEmitter).listenerCount('web-contents-created')).toBe(1);
    expect(m.windows).toHaveLength(0);

    const created = new Promise<void>((resolve) => (m.windowCreated = resolve));
    m.ready!();
    await created;
    expect(m.windows).toHaveLength(1);
    expect(m.order).toEqual(expect.arrayContaining(['permissions', 'handle:app']));
    expect(m.ipcHandlers.has('hcs:invoke')).toBe(true);
    expect(m.ipcHandlers.has('hcs:output-port-request')).toBe(true);
    const win = m.windows[0] as FakeWindow;
    expect(win.loaded).toBe('app://hcs-desktop/index.html');
    // No remembered place yet: the default size, centred on the primary display.
    expect(win.options).toMatchObject({ width: 1280, height: 820, x: 320, y: 110 });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload\.cjs$/);

    // The window opened while HCS is first listed: its page loads, and neither its requests nor any event
    // reach it until the list is complete.
    win.webContents.emit('did-finish-load');
    const invoke = m.ipcHandlers.get('hcs:invoke') as (
      event: unknown,
      ...args: unknown[]
    ) => Promise<unknown>;
    const trusted = { sender: win.webContents, senderFrame: { url: win.loaded, parent: null } };
    let answer: unknown = null;
    const asked = invoke(trusted, 'systems.list', {}).then((a) => (answer = a));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answer).toBeNull();
    expect(win.webContents.sent).toEqual([]);

    m.hcs!.release('enumerate');
    await asked;
    expect(answer).toMatchObject({ ok: true, result: [{ id: CONTAINER.Id }] });
    // The initial events first, and nothing emitted during the start before them.
    expect(win.webContents.sent.map((s) => s[1])).toEqual([
      'systems.snapshot',
      'service.changed',
      'settings.changed',
    ]);
    expect(win.webContents.sent[0]?.[0]).toBe('hcs:event');
    expect(win.webContents.sent[0]?.[2]).toMatchObject({ systems: [{ id: CONTAINER.Id }] });
  });
});
