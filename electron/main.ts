// Electron main process: holds the app core and serves the renderer from app://hcs-desktop/.
import {
  app,
  BrowserWindow,
  dialog,
  MessageChannelMain,
  Notification,
  safeStorage,
  screen,
  session,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { AppCore, ensureThreadPoolSize, HcsAdapter } from '../src/app/index.ts';
import {
  BACKEND_FLAGS,
  checkPollMs,
  defaultHostsFile,
  HostSettingsFile,
  hostProcessorCount,
  openSettingsFile,
  parseFlags,
  prepareBackend,
  remoteDialer,
  type PreparedBackend,
} from '../src/host/index.ts';
import { APP_PAGE_URL } from './app-url.ts';
import { desktopNotifications } from './desktop-notifications.ts';
import { electronElevation } from './elevation.ts';
import { forwardEvents, registerIpc, sendEvent } from './ipc.ts';
import { OutputPorts } from './output-ports.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { hardenApp, hardenSession, windowOptions } from './security.ts';
import { utilitySimulatorLauncher } from './sim-utility.ts';
import { placeOnDisplays, readWindowPlace, rememberWindowPlace } from './window-state.ts';
import { safeStorageSealer } from './token-sealer.ts';

// HCS calls run on libuv's pool; this bundle is CommonJS, so the size still applies (nothing used the pool yet).
ensureThreadPoolSize();

// This file is bundled to dist/electron/main.cjs, beside preload.cjs; the renderer is built to dist/renderer.
const here = import.meta.dirname;
const PRELOAD = join(here, 'preload.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');

const windows = new Set<BrowserWindow>();
/** Windows whose page has had the core's initial events: only these get the events that follow. */
const primed = new WeakSet<BrowserWindow>();
let core: AppCore | null = null;
let backend: PreparedBackend | null = null;

/**
 * The core's first listing of HCS. The window opens while it runs (on a busy host it can take seconds, and the
 * renderer's start takes about as long); the page's requests and its first events wait for it.
 */
let markStarted!: (start: Promise<void>) => void;
const coreStarted = new Promise<void>((resolve) => (markStarted = resolve));
coreStarted.catch(() => undefined); // awaited by start(), which reports a failure

function* eventWindows(): Generator<BrowserWindow> {
  for (const win of windows) if (primed.has(win)) yield win;
}

function isAppWindow(contents: WebContents): boolean {
  for (const win of windows) if (!win.isDestroyed() && win.webContents.id === contents.id) return true;
  return false;
}

/** The window's remembered place (size, position, maximized), beside the settings in the user data folder. */
function windowPlacePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

function createWindow(): BrowserWindow {
  const options = windowOptions(PRELOAD);
  const place = placeOnDisplays(
    readWindowPlace(windowPlacePath()),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
    {
      width: options.width ?? 1280,
      height: options.height ?? 820,
      minWidth: options.minWidth ?? 0,
      minHeight: options.minHeight ?? 0,
    },
  );
  // The options come from security.ts (contextIsolation, sandbox, no Node, Auxclick disabled), asserted one by
  // one in security.test.ts and checklist.test.ts; Electronegativity cannot see through the function call.
  // (The checker reads suppressions on the finding's own line only.)
  const win = new BrowserWindow({ ...options, ...place.bounds }); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  rememberWindowPlace(win, windowPlacePath());
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
  // What a web-mode client gets on connect: the list and the service status, once the core has listed HCS
  // (the page may have loaded before that); from then on the window gets every event (eventWindows).
  win.webContents.on('did-finish-load', () => {
    coreStarted.then(
      () => {
        if (win.isDestroyed()) return;
        for (const event of core?.initialEvents() ?? []) sendEvent(win, event);
        primed.add(win);
      },
      () => undefined, // start() reports it and quits
    );
  });
  void win.loadURL(APP_PAGE_URL);
  return win;
}

async function start(): Promise<void> {
  const flags = parseFlags(
    process.argv.slice(1),
    { ...BACKEND_FLAGS, 'settings-file': 'string' },
    { ignoreUnknown: true },
  );
  // The user's settings (the user data folder; --settings-file for tests), before the backend: the HCS API
  // to use is one of them.
  const settings = openSettingsFile(flags['settings-file'] ?? join(app.getPath('userData'), 'settings.json'));
  if (settings.problem) console.error(`hcs-desktop: ${settings.problem}`);
  hardenSession(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);
  backend = await prepareBackend({
    backend: flags.backend,
    hcsApi: flags['hcs-api'],
    hcsApiSetting: settings.initial.hcsApi,
    simSocket: flags['sim-socket'],
    simFixture: flags['sim-fixture'],
    // Packaged (the Linux packages): the bundled simulator runs as a utility process; in development it
    // runs from the sources.
    launchSimulator: app.isPackaged ? utilitySimulatorLauncher(process.resourcesPath) : undefined,
  });
  // HCS wants administrators; on Windows the app can restart itself elevated (app.relaunchElevated).
  const elevation = await electronElevation({ app });
  core = new AppCore(new HcsAdapter(backend.kind, backend.hcsApi.reason), {
    pollIntervalMs: checkPollMs(flags['poll-ms']),
    hostProcessors: hostProcessorCount(),
    elevation,
    settings,
    // A setting that needs a restart (the HCS API): start again with the same arguments, then quit (which
    // closes every handle first, see shutdown).
    restart: {
      restart: async () => {
        app.relaunch();
        setImmediate(() => app.quit());
      },
    },
    // Other hosts, kept in this user's settings directory, their tokens encrypted by the OS (token-sealer.ts).
    hosts: {
      dialer: remoteDialer,
      store: new HostSettingsFile(defaultHostsFile(), safeStorageSealer(safeStorage)),
    },
  });
  // Exec output: a MessagePort per page load, asked for by the preload (output-ports.ts).
  registerIpc(core, isAppWindow, new OutputPorts(core, () => new MessageChannelMain()), coreStarted);
  forwardEvents(core, eventWindows);
  // Unexpected exits and crashes: a desktop notification that shows the system when clicked.
  desktopNotifications(core, {
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    reveal: (id) => {
      const [win] = windows;
      if (!win || win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      sendEvent(win, { channel: 'app.showSystem', payload: { id } });
    },
  });
  markStarted(core.start());
  createWindow();
  await coreStarted;
}

let quitting = false;

/** Close every HCS handle and stop the simulator we started, then really quit. */
async function shutdown(): Promise<void> {
  try {
    await core?.stop();
    await backend?.stop();
  } catch (e) {
    console.error('hcs-desktop: error while shutting down:', e);
  }
  app.exit(0);
}

registerAppScheme(); // Before 'ready', as Electron requires.
hardenApp(app);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = windows;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void shutdown();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`hcs-desktop: ${message}`);
      dialog.showErrorBox('HCS Desktop could not start', message);
      app.exit(1);
    });
}
