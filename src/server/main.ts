// Web mode (see USAGE). Prints one line when ready. `npm run serve` runs this file built to
// dist/server/main.cjs (`npm run build:server`, vite.server.config.ts), so start-up transpiles nothing; tests and
// benchmarks also run it from source (`node --import tsx src/server/main.ts [options]`).
//
// Thread pool: HCS calls run on libuv's pool, sized by UV_THREADPOOL_SIZE when the pool starts. From this ES
// module entry the loader has already started it (it reads modules asynchronously; measured: 8 blocking
// koffi calls take two waves of 4), so ensureThreadPoolSize() here would only make src/hcs's call gate
// believe in threads that do not exist and let HCS calls take every pool thread, stalling file I/O.
// `npm run serve` preloads ./threadpool.cjs (node --require), which sets the size in time; without it the
// default pool serves and the gate's arithmetic stays true.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppCore, HcsAdapter, WEB_MODE_UNAVAILABLE } from '../app/index.ts';
import { UsageError } from '../base/index.ts';
import {
  FILE_TOKENS,
  HostSettingsFile,
  detectElevated,
  hostProcessorCount,
  loadStaticCache,
  openSettingsFile,
  packageRoot,
  prepareBackend,
  remoteDialer,
} from '../host/index.ts';
import { AuditLog } from './audit-log.ts';
import { USAGE, parseServerArgs } from './options.ts';
import { loadTlsMaterial } from './tls.ts';
import { startWebServer } from './web-server.ts';

/** A server started from a terminal is restarted from there; it cannot start itself again on the same port. */
const WEB_MODE_RESTART =
  'The web server cannot restart itself: stop it (Ctrl+C in its terminal) and start it again, then reload this page.';

function fail(message: string, status: number): never {
  console.error(`hcs-desktop: ${message}`);
  process.exit(status);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseServerArgs(process.argv.slice(2), packageRoot());
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`, 2);
    throw e;
  }
  // Before anything starts: a bad certificate must not leave a simulator running behind an exited server.
  const tls =
    options.tlsCert !== undefined && options.tlsKey !== undefined
      ? loadTlsMaterial(options.tlsCert, options.tlsKey)
      : undefined;
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    console.error(
      `hcs-desktop: no renderer in ${options.staticDir} (run npm run build:renderer); serving the API only`,
    );
  }

  // The page's files are read while the backend starts and HCS is first enumerated (it never fails: a file it
  // cannot read is served from disk). Measured: reading them took ~20 ms of start-up after the enumeration.
  const staticCache = loadStaticCache(options.staticDir);

  // The user's settings, before the backend: the HCS API to use is one of them.
  const settings = openSettingsFile(options.settingsFile);
  if (settings.problem) console.error(`hcs-desktop: ${settings.problem}`);

  // Opened before anything starts too: an audit log that cannot be written must not become none.
  const audit = options.auditLog !== undefined ? await AuditLog.open(options.auditLog) : undefined;

  const prepared = await prepareBackend({ ...options, hcsApiSetting: settings.initial.hcsApi });
  // The server cannot raise itself: app.relaunchElevated is refused with what to do instead.
  const elevation = { elevated: await detectElevated(), unavailable: WEB_MODE_UNAVAILABLE };
  const core = new AppCore(new HcsAdapter(prepared.kind, prepared.hcsApi.reason), {
    pollIntervalMs: options.pollMs,
    statisticsIntervalMs: options.statsMs,
    hostProcessors: hostProcessorCount(),
    elevation,
    settings,
    restart: { unavailable: WEB_MODE_RESTART },
    // Other hosts, kept in this user's settings file (their tokens protected by its permissions).
    ...(options.hostsFile !== null
      ? { hosts: { dialer: remoteDialer, store: new HostSettingsFile(options.hostsFile, FILE_TOKENS) } }
      : {}),
  });
  audit?.follow(core);
  // The server listens, and the page's URL is printed, while HCS is first listed: a browser opened on it loads
  // the page meanwhile, and its WebSocket is answered once the list is there (startWebServer, `coreStarted`).
  // Measured with 100 simulated systems: the URL comes at 125–130 ms instead of 180–205 (docs/benchmarks.md); on
  // a busy host the listing takes seconds, and the page shows that it is listing.
  const coreStarted = core.start();
  // Its failure is reported where it is awaited, below, not as an unhandled rejection meanwhile.
  coreStarted.catch(() => undefined);
  const server = await startWebServer({
    core,
    coreStarted,
    host: options.host,
    port: options.port,
    token: options.token,
    staticDir: options.staticDir,
    staticCache,
    sourceMaps: options.sourceMaps,
    tls,
    audit,
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.stop();
    await audit?.close();
    await prepared.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  // The one place the token is printed: the user needs this URL to open the page.
  // Unattended (--token-file): the token stays in its file, out of the service's log.
  process.stdout.write(
    options.tokenFile
      ? `HCS Desktop web mode: ${server.origin}/ (token in ${options.tokenFile})\n`
      : `HCS Desktop web mode: ${server.pageUrl}\n`,
  );
  // What another HCS Desktop asks its user to compare before trusting this host (src/contract/hosts.ts).
  if (server.fingerprint) process.stdout.write(`HCS Desktop certificate SHA-256: ${server.fingerprint}\n`);
  // A start that fails ends the server, as it did before it listened (main's catch).
  await coreStarted;
}

// A bug in one request must not take the server (and every open page) down.
process.on('unhandledRejection', (reason) => console.error('hcs-desktop: unhandled rejection:', reason));

main().catch((e: unknown) => {
  if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`, 2);
  fail(e instanceof Error ? e.message : String(e), 1);
});
