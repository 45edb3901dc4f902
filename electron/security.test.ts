import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';

vi.mock('electron', () => ({}));
const { hardenApp, hardenContents, hardenSession, secureWebPreferences, windowOptions } =
  await import('./security.ts');

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function prevented(contents: FakeContents, event: string, ...args: unknown[]): boolean {
  const e = { preventDefault: vi.fn(), url: typeof args[0] === 'string' ? args[0] : undefined };
  contents.emit(event, e, ...args);
  return e.preventDefault.mock.calls.length > 0;
}

describe('window options', () => {
  it('are the secure ones, spelled out', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(secureWebPreferences('/app/dist/electron/preload.cjs')).toEqual(options.webPreferences);
  });
});

describe('web contents hardening', () => {
  it('denies navigation away from the app and keeps navigation inside it', () => {
    const contents = new FakeContents();
    hardenContents(contents as unknown as WebContents);
    expect(prevented(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented(contents, 'will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(prevented(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'app://hcs-desktop/index.html')).toBe(false);
  });

  it('denies every window.open and every webview', () => {
    const contents = new FakeContents();
    hardenContents(contents as unknown as WebContents);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://hcs-desktop/index.html' })).toEqual({ action: 'deny' });
    expect(prevented(contents, 'will-attach-webview')).toBe(true);
  });

  it('hardens every web contents the app ever creates', () => {
    const app = new EventEmitter();
    hardenApp(app as unknown as App);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler?.({ url: 'x' })).toEqual({ action: 'deny' });
    expect(prevented(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('denies every permission request and download', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    const session = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    });
    hardenSession(session as unknown as Session);
    const callback = vi.fn();
    request!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    const download = { preventDefault: vi.fn() };
    session.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});
