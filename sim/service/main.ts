// The simulated HCS service: `node --import tsx sim/service/main.ts [--socket PATH] [--fixture FILE]
// [--completion-delay-ms N]`. Prints `hcs-sim ready <socket>` once both sockets listen; exits cleanly on
// SIGINT/SIGTERM, killing its child processes and removing its socket files.
import { parseCli, USAGE } from './cli.ts';
import { ControlServer } from './control-server.ts';
import { controlSocketPath, defaultSocketPath } from './endpoint.ts';
import { loadFixtureFile } from './fixtures.ts';
import { SimHost } from './host.ts';
import { SimService } from './service.ts';

// When whoever started us is gone, writing to our stdout/stderr fails with EPIPE. That must not become an
// uncaught exception whose logging fails again (a loop that spins the CPU): a dead log is simply dropped.
let logClosed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => {
    logClosed = true;
  });
}

function log(message: string): void {
  if (!logClosed) process.stderr.write(`hcs-sim: ${message}\n`);
}

/** How long a clean stop may take before the service exits anyway (a hung child or socket must not keep it). */
const STOP_DEADLINE_MS = 5000;

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (e) {
    log((e as Error).message);
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const socketPath = options.socket ?? defaultSocketPath();
  let service: SimService;
  let control: ControlServer;
  try {
    const fixture = options.fixture === null ? null : loadFixtureFile(options.fixture);
    service = new SimService({
      socketPath,
      host: new SimHost(),
      fixture,
      completionDelayMs: options.completionDelayMs,
      log,
      verbose: options.verbose,
    });
    control = new ControlServer(service, controlSocketPath(socketPath), log);
    await service.start();
    await control.start();
  } catch (e) {
    log(`cannot start: ${(e as Error).message}`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) {
      // A second request to stop (e.g. SIGTERM after stdin closed) while the first is stuck: stop now.
      log(`stopping now (${why})`);
      process.exit(1);
    }
    stopping = true;
    log(`stopping (${why})`);
    setTimeout(() => {
      log(`could not stop cleanly within ${STOP_DEADLINE_MS} ms; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    Promise.all([service.stop(), control.stop()]).then(
      () => process.exit(0),
      (e: Error) => {
        log(`error while stopping: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  if (options.exitWithStdin) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  // A bug must not take the service (and the clients' systems) down: log it and carry on.
  process.on('uncaughtException', (e) => log(`uncaught exception: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

  process.stdout.write(`hcs-sim ready ${socketPath}\n`);
}

void main();
