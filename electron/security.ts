import type { App, BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-url.ts';

/** Every option spelled out, so neither a default change nor a checker's outdated defaults can weaken them. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would open links in new windows; they are denied anyway, this keeps the event from firing.
    disableBlinkFeatures: 'Auxclick',
  };
}

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'HCS Desktop',
    width: 1280,
    height: 820,
    minWidth: 820,
    minHeight: 520,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * Any web contents (our windows or anything else that ever gets created): no navigation away from the app,
 * no new windows, no webviews.
 */
export function hardenContents(contents: WebContents): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', (event) => stayInApp(event, event.url));
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** HCS Desktop needs no browser permission (camera, notifications, clipboard-read…) and no downloads. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
