// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), one test per
// item, named after it. The main process is loaded for real (electron/main.ts) against a mocked Electron, so
// what is checked is what the app wires up, not only what the helpers can do. docs/security.md has the table.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { CONTAINER } from '../src/app/testing/harness.ts';

const m = vi.hoisted(() => ({
  windows: [] as unknown[],
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  ipcListeners: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  permissionRequest: null as
    null | ((contents: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  ready: null as null | (() => void),
  windowCreated: null as null | (() => void),
  exposed: new Map<string, unknown>(),
  rendererInvoke: [] as unknown[][],
  // The user data folder (settings, the window's place): a temporary one, removed after the file's tests.
  userData: '',
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWebContents extends EventEmitter {
    id = 100 + m.windows.length;
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    send() {}
    postMessage() {}
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    isDestroyed() {
      return false;
    }
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    releaseSingleInstanceLock: () => undefined,
    whenReady: () => new Promise<void>((resolve) => (m.ready = resolve)),
    quit: () => undefined,
    exit: () => undefined,
    getPath: () => m.userData,
  });
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: unknown) {
      super();
      m.windows.push(this);
      // What Electron does for every web contents: the app's 'web-contents-created' hook runs.
      app.emit('web-contents-created', {}, this.webContents);
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
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: () => undefined },
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
        m.ipcHandlers.set(channel, fn),
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
        m.ipcListeners.set(channel, fn),
      removeHandler: () => undefined,
      removeAllListeners: () => undefined,
    },
    // No encryption at hand: remote hosts' tokens stay in memory (token-sealer.ts).
    safeStorage: { isEncryptionAvailable: () => false },
    MessageChannelMain: class {
      port1 = Object.assign(new EventEmitter(), { postMessage: () => undefined, close: () => undefined });
      port2 = {};
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof m.privileged) => m.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        m.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: Object.assign(new EventEmitter(), {
        setPermissionRequestHandler: (h: typeof m.permissionRequest) => (m.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof m.permissionCheck) => (m.permissionCheck = h),
      }),
    },
    // The preload's side (electron/preload.ts runs in the renderer).
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => m.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        m.rendererInvoke.push(args);
        return { ok: true, result: null };
      },
      on: () => undefined,
      send: () => undefined,
    },
  };
});

// No native code in a unit test: a fake HCS and no simulator.
vi.mock('../src/app/hcs-adapter.ts', async () => {
  const { FakeHcsPort } = await import('../src/app/testing/fake-hcs-port.ts');
  return {
    ensureThreadPoolSize: () => undefined,
    HcsAdapter: class extends FakeHcsPort {
      constructor() {
        super([CONTAINER]);
      }
    },
  };
});
vi.mock('../src/host/backend-select.ts', () => ({
  prepareBackend: async () => ({
    kind: 'simulator',
    simSocket: null,
    libraryPath: null,
    hcsApi: { api: 'v1', requested: 'v1', reason: 'v1 was asked for' },
    startedSimulator: false,
    stop: async () => {},
  }),
}));

afterAll(() => rmSync(m.userData, { recursive: true, force: true }));

const { APP_CSP, serveAppRequest } = await import('./protocol.ts');
const { pageCsp } = await import('../src/host/index.ts');
const { INVOKE_CHANNEL } = await import('./ipc.ts');
const { OUTPUT_PORT_REQUEST_CHANNEL } = await import('./output-ports.ts');

interface FakeContents extends EventEmitter {
  id: number;
  openHandler: ((details: { url: string }) => { action: string }) | null;
}
interface FakeWindow {
  options: { webPreferences: Record<string, unknown> };
  loaded: string | null;
  webContents: FakeContents;
}
let win: FakeWindow;

beforeAll(async () => {
  m.userData = mkdtempSync(join(tmpdir(), 'hcs-checklist-'));
  // The hosts file (src/host/host-settings.ts) is looked for in a settings directory of this test's own.
  process.env.XDG_CONFIG_HOME = await mkdtemp(join(tmpdir(), 'hcs-checklist-'));
  await import('./main.ts');
  const created = new Promise<void>((resolve) => (m.windowCreated = resolve));
  m.ready!();
  await created;
  win = m.windows[0] as FakeWindow;
});

const root = join(import.meta.dirname, '..');

/** The app's own source files (not tests, not test helpers), for the items that are about what code does not do. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing' && name !== 'node_modules') out.push(...sourceFiles(relative(root, path)));
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** One directive's sources, e.g. script-src → ["'self'"]. */
function directive(csp: string, name: string): string[] | undefined {
  const found = csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1);
}

function prevented(contents: EventEmitter, event: string, ...args: unknown[]): boolean {
  const e = { preventDefault: vi.fn(), url: typeof args[0] === 'string' ? args[0] : undefined };
  contents.emit(event, e, ...args);
  return e.preventDefault.mock.calls.length > 0;
}

function invokeEvent(url: string | null, options: { sender?: number; subFrame?: boolean } = {}) {
  return {
    sender: { id: options.sender ?? win.webContents.id } as WebContents,
    senderFrame: url === null ? null : { url, parent: options.subFrame ? {} : null },
  } as unknown as IpcMainInvokeEvent;
}

describe('Electron security checklist', () => {
  it('1. Only load secure content', () => {
    expect(win.loaded).toBe('app://hcs-desktop/index.html');
    expect(m.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ secure: true, standard: true }),
      }),
    ]);
    // Nothing else can be loaded: every source is 'self' (app://), data: images at most, no http(s):/ws:.
    for (const [name, ...sources] of APP_CSP.split(';').map((d) => d.trim().split(/\s+/))) {
      for (const source of sources)
        expect(["'self'", "'none'", "'unsafe-inline'", 'data:'], `${name} ${source}`).toContain(source);
    }
    expect(APP_CSP).not.toMatch(/https?:|wss?:|\*/);
  });

  it('2. Do not enable Node.js integration for remote content', () => {
    expect(win.options.webPreferences).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('3. Enable context isolation', () => {
    expect(win.options.webPreferences.contextIsolation).toBe(true);
  });

  it('4. Enable process sandboxing', () => {
    expect(win.options.webPreferences.sandbox).toBe(true);
    // A sandboxed preload can require only 'electron': the bundle is one file with nothing else required.
    const preload = readFileSync(join(root, 'electron', 'preload.ts'), 'utf8');
    expect(
      [...preload.matchAll(/from '([^']+)'/g)].map((x) => x[1]).filter((s) => !s!.startsWith('.')),
    ).toEqual(['electron']);
  });

  it('5. Handle session permission requests from remote content', () => {
    expect(m.permissionRequest).not.toBeNull();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      m.permissionRequest!(win.webContents, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(m.permissionCheck!(win.webContents, 'clipboard-read', 'app://hcs-desktop')).toBe(false);
  });

  it('6. Do not disable webSecurity', () => {
    expect(win.options.webPreferences.webSecurity).toBe(true);
  });

  it('7. Define a Content Security Policy', async () => {
    for (const csp of [APP_CSP, pageCsp('http://127.0.0.1:7380'), pageCsp('https://hcs.example:8443')]) {
      // Inline and eval'd script are blocked: script-src is exactly 'self', and default-src backs it.
      expect(directive(csp, 'script-src')).toEqual(["'self'"]);
      expect(directive(csp, 'default-src')).toEqual(["'self'"]);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toContain("'wasm-unsafe-eval'");
      expect(directive(csp, 'object-src')).toEqual(["'none'"]);
      expect(directive(csp, 'base-uri')).toEqual(["'none'"]);
      expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    }
    // As a header on every app:// response, error answers included.
    const handler = m.protocolHandlers.get('app')!;
    for (const url of [
      'app://hcs-desktop/index.html',
      'app://hcs-desktop/nope.js',
      'app://hcs-desktop/..%2fx',
      'app://other/',
    ]) {
      expect((await handler(new Request(url))).headers.get('content-security-policy'), url).toBe(APP_CSP);
    }
    expect(
      (await serveAppRequest('app://hcs-desktop/index.html', 'POST', '/nowhere')).headers.get(
        'content-security-policy',
      ),
    ).toBe(APP_CSP);
  });

  it('8. Do not enable allowRunningInsecureContent', () => {
    expect(win.options.webPreferences.allowRunningInsecureContent).toBe(false);
  });

  it('9. Do not enable experimental features', () => {
    expect(win.options.webPreferences.experimentalFeatures).toBe(false);
  });

  it('10. Do not use enableBlinkFeatures', () => {
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    for (const file of sourceFiles('electron'))
      expect(readFileSync(file, 'utf8'), file).not.toContain('enableBlinkFeatures');
  });

  it('11. Do not use allowpopups for WebViews', () => {
    // No <webview> at all: the tag is off and any attach is refused, so there is nothing to allow popups on.
    expect(win.options.webPreferences.webviewTag).toBe(false);
    expect(
      prevented(
        win.webContents,
        'will-attach-webview',
        {},
        { allowpopups: 'true', src: 'https://evil.example/' },
      ),
    ).toBe(true);
  });

  it('12. Verify WebView options before creation', () => {
    const webPreferences = { nodeIntegration: true, preload: '/evil.js' };
    expect(
      prevented(win.webContents, 'will-attach-webview', webPreferences, {
        src: 'app://hcs-desktop/index.html',
      }),
    ).toBe(true);
  });

  it('13. Disable or limit navigation', async () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'http://127.0.0.1:7380/',
    ]) {
      expect(prevented(win.webContents, 'will-navigate', url), url).toBe(true);
      expect(prevented(win.webContents, 'will-redirect', url), url).toBe(true);
      expect(prevented(win.webContents, 'will-frame-navigate', url), url).toBe(true);
    }
    expect(prevented(win.webContents, 'will-navigate', 'app://hcs-desktop/index.html')).toBe(false);
    // Every web contents, not only our window's: the hook is on the app ('web-contents-created').
    const { app } = await import('electron');
    const other = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    (app as unknown as EventEmitter).emit('web-contents-created', {}, other);
    expect(prevented(other, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('14. Disable or limit the creation of new windows', () => {
    for (const url of ['https://evil.example/', 'app://hcs-desktop/index.html', 'about:blank']) {
      expect(win.webContents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('15. Do not use shell.openExternal with untrusted content', () => {
    // The app opens nothing outside itself: no shell API anywhere in the main process or the layers below.
    for (const file of [...sourceFiles('electron'), ...sourceFiles('src')]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/openExternal|openPath|\bshell\b\s*[,}]|shell\.\w+\(/);
    }
  });

  it('16. Use a current version of Electron', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const version = pkg.devDependencies.electron!;
    // Pinned exactly (an upgrade is a reviewed change), and a supported major line (45 was current in 2025).
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. Validate the sender of all IPC messages', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const invoke = m.ipcHandlers.get(INVOKE_CHANNEL)!;
    for (const event of [
      invokeEvent('https://evil.example/'),
      invokeEvent('file:///C:/app/index.html'),
      invokeEvent('app://hcs-desktop/index.html', { subFrame: true }),
      invokeEvent('app://hcs-desktop/index.html', { sender: 999 }),
      invokeEvent(null),
    ]) {
      expect(await invoke(event, 'systems.list', {})).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('refused') },
      });
    }
    expect(await invoke(invokeEvent('app://hcs-desktop/index.html'), 'systems.list', {})).toMatchObject({
      ok: true,
    });
    expect(warn).toHaveBeenCalledTimes(5);
    warn.mockRestore();
    expect(m.ipcListeners.has(OUTPUT_PORT_REQUEST_CHANNEL)).toBe(true);
  });

  it('18. Avoid usage of the file:// protocol and prefer usage of custom protocols', async () => {
    expect(win.loaded).toMatch(/^app:\/\/hcs-desktop\//);
    expect(m.protocolHandlers.has('app')).toBe(true);
    // The protocol serves the renderer directory only.
    expect(
      (
        await serveAppRequest(
          'app://hcs-desktop/..%2f..%2fpackage.json',
          'GET',
          join(root, 'dist', 'renderer'),
        )
      ).status,
    ).toBe(403);
    for (const file of sourceFiles('electron')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/loadFile\(|file:\/\/[^'"]*['"]\s*\)/);
    }
  });

  it('19. Check which fuses you can change', () => {
    // Flipped at packaging time (electron-builder.yml, the packaging engineer's; checked for real against a
    // fuse wire by scripts/packaging/dry-run.test.ts). Here: the release configuration asks for them.
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(
      [...block.matchAll(/^\s+(\w+):\s*(true|false)/gm)].map((x) => [x[1], x[2] === 'true']),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. Do not expose Electron APIs to untrusted web content', async () => {
    await import('./preload.ts');
    expect([...m.exposed.keys()]).toEqual(['hcs']);
    const api = m.exposed.get('hcs') as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'onOutput']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // invoke carries (channel, payload) on the one channel, nothing else: no raw IPC for the page.
    await (api.invoke as (c: string, p: unknown) => Promise<unknown>)('anything:else', { x: 1 });
    expect(m.rendererInvoke).toEqual([[INVOKE_CHANNEL, 'anything:else', { x: 1 }]]);
  });
});
